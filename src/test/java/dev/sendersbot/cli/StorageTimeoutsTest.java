package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.config.Key;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every value the timing keys accept keeps the election's promises: a takeover within 15 s (the
 * server frees a vanished leader's lock after 11 s, and a standby tries every check interval), and
 * a leader cut off from the server stopping before the server frees its lock.
 */
class StorageTimeoutsTest {
  private static List<String> edges(Key k) {
    return List.of(
        k.minText().orElseThrow(), k.defaultText().orElseThrow(), k.maxText().orElseThrow());
  }

  @Test
  void everyAcceptedCombinationOfTheKeysEdgesBuildsTheElectionsTimeouts() {
    int combinations = 0;
    for (String connect : edges(Key.STORAGE_CONNECT_TIMEOUT)) {
      for (String check : edges(Key.STORAGE_LEADER_CHECK_INTERVAL)) {
        for (String timeout : edges(Key.STORAGE_LEADER_TIMEOUT)) {
          Config.Storage s =
              new ConfigLoader(
                      Map.of(
                          "SENDERS_BOT_DATABASE_URL", "jdbc:postgresql://db/bot",
                          "SENDERS_BOT_DATABASE_CONNECT_TIMEOUT", connect,
                          "SENDERS_BOT_LEADER_CHECK_INTERVAL", check,
                          "SENDERS_BOT_LEADER_TIMEOUT", timeout),
                      Path.of(""))
                  .loadWithoutFile()
                  .storage();
          assertDoesNotThrow(
              () -> Assembly.postgresTimeouts(s), connect + " " + check + " " + timeout);
          Duration takeover = Duration.ofSeconds(11).plus(s.leaderCheckInterval());
          assertTrue(takeover.compareTo(Duration.ofSeconds(15)) <= 0, check);
          combinations++;
        }
      }
    }
    assertTrue(combinations == 27);
  }
}
