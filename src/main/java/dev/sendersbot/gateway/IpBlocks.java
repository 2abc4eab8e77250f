package dev.sendersbot.gateway;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an IP block (SMSC error 4) is kept beyond the process: a restart during one must not ask
 * the provider at once, since every request during a block lengthens it.
 */
public interface IpBlocks {

  /** Keeps nothing: a restart forgets the block. */
  IpBlocks NONE =
      new IpBlocks() {
        @Override
        public Optional<Instant> until() {
          return Optional.empty();
        }

        @Override
        public void blockedUntil(Instant until) {}
      };

  /** When the block an earlier run met ends; empty when none is kept. */
  Optional<Instant> until();

  /** Keeps a block until then; null: it is over. */
  void blockedUntil(Instant until);
}
