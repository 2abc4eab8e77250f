package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of the sending process during a mute loses neither the mute nor what it held
 * back: the next process ends the mute on time and sends the one summary, once.
 */
class MuteKillIT {
  static final long TEAM = 5001;
  static final long OTHER = 5002;
  static final long OWNER = 111;

  @TempDir Path dir;

  final FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
  final FakeGateway gateway = new FakeGateway(clock);

  private void poll(Path file) {
    FilePoll.aMinuteLater(file, gateway, clock, OWNER);
  }

  private static long count(Path file, String sql) {
    try (Database db = Database.open(file)) {
      return TestDatabase.count(db, sql);
    }
  }

  private Process child(FakeBotApi api, Path file, Instant start, String log) throws Exception {
    return new CrashChildren(dir, api, file, OWNER, "mutes").start(dir.resolve(log), start);
  }

  private static List<String> texts(FakeBotApi api, long chatId) {
    return api.sentTo(chatId).stream().map(s -> FakeBotApi.visibleText(s.text())).toList();
  }

  @Test
  void killedDuringAMuteTheNextProcessEndsItOnTimeWithOneSummary() throws Exception {
    Path file = dir.resolve("bot.db");
    gateway.add(null, "ALPHA", 1, Map.of("mts_step", 0, "mega_step", 0));
    gateway.add(null, "BETA", 1, Map.of("mts_step", 0));
    Instant mutedUntil;
    try (Database db = Database.open(file)) {
      SqliteChatRegistry chats = new SqliteChatRegistry(db);
      SqliteSubscriptions subs = new SqliteSubscriptions(db, clock);
      for (long chat : new long[] {TEAM, OTHER}) {
        chats.grant(new ChatGrant(chat, Role.VIEWER, null, null, OWNER, clock.instant()));
        subs.subscribe(chat, null, Set.of());
      }
      mutedUntil = clock.instant().plus(Duration.ofHours(1));
      new SqliteChatAlerts(db, clock).mute(TEAM, Set.of("ALPHA"), mutedUntil, 7, false);
    }
    poll(file); // the silent baseline
    gateway.setOperator(null, "ALPHA", "mts_step", 3);
    poll(file);
    gateway.setOperator(null, "BETA", "mts_step", 1);
    poll(file);

    try (FakeBotApi api = FakeBotApi.start()) {
      Process first = child(api, file, clock.instant(), "child-1.log");
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  texts(api, TEAM).stream().anyMatch(t -> t.contains("BETA · MTS"))
                      && texts(api, OTHER).size() >= 2
                      && count(file, "SELECT count(*) FROM muted_moves") == 1);
      assertTrue(first.isAlive(), "the first process waits for the mute: " + log("child-1.log"));
      first.destroyForcibly(); // kill -9 during the mute
      first.waitFor(10, TimeUnit.SECONDS);

      assertEquals(1, count(file, "SELECT count(*) FROM mutes"), "the mute survived the kill");
      gateway.setOperator(null, "ALPHA", "mega_step", 3);
      poll(file);

      // The next process starts 15 seconds (of its clock, which runs on) before the mute ends.
      Process second = child(api, file, mutedUntil.minusSeconds(15), "child-2.log");
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), log("child-2.log"));
      assertEquals(0, second.exitValue(), log("child-2.log"));

      List<String> team = texts(api, TEAM);
      List<String> summaries = team.stream().filter(t -> t.startsWith("🔔 Mute ended")).toList();
      assertEquals(1, summaries.size(), "one summary: " + team);
      String summary = summaries.get(0);
      assertTrue(summary.contains("2 changes"), summary);
      assertTrue(summary.contains("ALPHA · MTS: awaiting registration → not accepted"), summary);
      assertTrue(
          summary.contains("ALPHA · Megafon: awaiting registration → not accepted"), summary);
      assertEquals(
          1,
          team.stream().filter(t -> t.contains("ALPHA ·")).count(),
          "ALPHA reached TEAM only in the summary: " + team);
      assertEquals(0, count(file, "SELECT count(*) FROM mutes"));
      assertEquals(0, count(file, "SELECT count(*) FROM muted_moves"));
      assertEquals(0, count(file, "SELECT count(*) FROM outbox WHERE state <> 'sent'"));
    }
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (java.io.IOException e) {
      return "no log " + name;
    }
  }
}
