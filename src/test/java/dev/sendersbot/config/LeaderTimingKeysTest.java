package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader election's timing and the pool's connect timeout are keys like any other: a default
 * (the values the code had), a range, an environment override, and a place in the printed
 * configuration and the reference file.
 */
class LeaderTimingKeysTest {
  @TempDir Path dir;

  private Config load(String yaml, Map<String, String> env) throws IOException {
    Path f = dir.resolve("c.yml");
    Files.writeString(f, yaml);
    return new ConfigLoader(env, dir).loadFile(f);
  }

  private String problems(String yaml, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(yaml, env));
    return e.problems().toString();
  }

  @Test
  void defaultsAreTheValuesTheCodeUsedToHardWire() throws IOException {
    Config.Storage s = load("{}\n", Map.of()).storage();
    assertEquals(Duration.ofSeconds(10), s.connectTimeout());
    assertEquals(Duration.ofSeconds(1), s.leaderCheckInterval());
    assertEquals(Duration.ofSeconds(5), s.leaderTimeout());
    assertEquals(s, new Config.Storage(Path.of("data/senders-bot.db")));
  }

  @Test
  void theFileSetsThemAndTheEnvironmentWins() throws IOException {
    String yaml =
        "storage:\n  url: jdbc:postgresql://db/bot\n  connect-timeout: 30s\n"
            + "  leader-check-interval: 500ms\n  leader-timeout: 3s\n";
    Config.Storage fromFile = load(yaml, Map.of()).storage();
    assertEquals(Duration.ofSeconds(30), fromFile.connectTimeout());
    assertEquals(Duration.ofMillis(500), fromFile.leaderCheckInterval());
    assertEquals(Duration.ofSeconds(3), fromFile.leaderTimeout());

    Config.Storage fromEnv =
        load(
                yaml,
                Map.of(
                    "SENDERS_BOT_DATABASE_CONNECT_TIMEOUT", "2s",
                    "SENDERS_BOT_LEADER_CHECK_INTERVAL", "2s",
                    "SENDERS_BOT_LEADER_TIMEOUT", "7s"))
            .storage();
    assertEquals(Duration.ofSeconds(2), fromEnv.connectTimeout());
    assertEquals(Duration.ofSeconds(2), fromEnv.leaderCheckInterval());
    assertEquals(Duration.ofSeconds(7), fromEnv.leaderTimeout());
  }

  @Test
  void aCheckIntervalBeyondThreeSecondsIsRefusedItWouldBreakTheFifteenSecondTakeover() {
    String p = problems("storage:\n  leader-check-interval: 4s\n", Map.of());
    assertTrue(p.contains("storage.leader-check-interval"), p);
    assertTrue(p.contains("between 100ms and 3s"), p);
  }

  @Test
  void aLeaderTimeoutBeyondSevenSecondsIsRefusedACutOffLeaderCouldOverlapTheNext() {
    String p = problems("{}\n", Map.of("SENDERS_BOT_LEADER_TIMEOUT", "8s"));
    assertTrue(p.contains("storage.leader-timeout"), p);
    assertTrue(p.contains("(from SENDERS_BOT_LEADER_TIMEOUT)"), p);
    assertTrue(p.contains("between 2s and 7s"), p);
  }

  @Test
  void aConnectTimeoutOutOfRangeOrNoDurationIsRefused() {
    assertTrue(
        problems("storage:\n  connect-timeout: 500ms\n", Map.of())
            .contains("storage.connect-timeout"));
    assertTrue(
        problems("storage:\n  connect-timeout: soon\n", Map.of()).contains("is not a duration"));
  }

  @Test
  void theyArePrintedAndInTheReferenceFile() throws IOException {
    String text = load("storage:\n  leader-check-interval: 2s\n", Map.of()).describe();
    assertTrue(text.contains("  leader-check-interval: 2s\n"), text);
    assertTrue(text.contains("  leader-timeout: 5s\n"), text);
    assertTrue(text.contains("  connect-timeout: 10s\n"), text);
    String reference = Files.readString(Path.of("config", "senders-bot.yml"));
    for (Key k :
        new Key[] {
          Key.STORAGE_CONNECT_TIMEOUT, Key.STORAGE_LEADER_CHECK_INTERVAL, Key.STORAGE_LEADER_TIMEOUT
        }) {
      assertTrue(reference.contains("# " + k.leaf() + ": "), k.path() + " in the reference file");
      assertTrue(reference.contains(k.envVar().orElseThrow()), k.path() + "'s override documented");
    }
  }
}
