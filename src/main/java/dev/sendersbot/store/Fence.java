package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether this process may still act as the one replica that sends, polls and commits: the fence of
 * {@link LeaderElection}. On SQLite there is one process and it always may ({@link #NONE}).
 *
 * <p>Two checks, for two costs. {@link #leading()} is an in-memory flag the election keeps current
 * (asked before every outbox send and every getUpdates). {@link #ensureLeading(Connection, String)}
 * runs inside the write that records a send or moves the Telegram offset, and refuses unless that
 * write runs on the very database session that holds the leader lock: such a write can only commit
 * while that session lives, and PostgreSQL releases a session's advisory lock only when the session
 * ends, so a commit that succeeds proves the lock was held at commit time.
 */
public interface Fence {

  /** No election: the single SQLite process leads for as long as it runs. */
  Fence NONE =
      new Fence() {
        @Override
        public boolean leading() {
          return true;
        }

        @Override
        public void ensureLeading(Connection c, String what) {}

        @Override
        public String toString() {
          return "Fence[none]";
        }
      };

  /** True while this process holds leadership, as the last check found (at most ~1 s old). */
  boolean leading();

  /**
   * Throws unless {@code c} is the session holding the leader lock and the lock is held.
   *
   * @param what the operation, for the message
   * @throws NotLeaderException when this process is not the leader
   */
  void ensureLeading(Connection c, String what) throws SQLException;

  /**
   * As {@link #ensureLeading(Connection, String)} without a connection: the in-memory flag only.
   *
   * @throws NotLeaderException when this process is not the leader
   */
  default void ensureLeading(String what) {
    if (!leading()) {
      throw new NotLeaderException("refused to " + what + ": this replica is not the leader");
    }
  }
}
