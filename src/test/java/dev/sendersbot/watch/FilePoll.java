package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The crash proofs' watcher: one poll a minute after the last, on a connection of its own to the
 * database file that the killed sending process also opens.
 */
final class FilePoll {
  private FilePoll() {}

  /** Moves the clock on a minute and polls once; a poll that fails fails the test. */
  static void aMinuteLater(Path file, FakeGateway gateway, FakeClock clock, long owner) {
    clock.advance(Duration.ofSeconds(60));
    try (Database db = Database.open(file)) {
      Poller.Result r =
          new Poller(
                  new WatchStore(db),
                  gateway,
                  new SqliteChatRegistry(db),
                  Set.of(owner),
                  clock,
                  Duration.ofSeconds(60),
                  () -> {})
              .pollOnce();
      assertNull(r.error(), () -> "poll failed: " + r.error());
    }
  }
}
