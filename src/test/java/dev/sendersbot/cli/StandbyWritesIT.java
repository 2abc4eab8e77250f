package dev.sendersbot.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.PostgresServer;
import dev.sendersbot.store.PostgresTarget;
import dev.sendersbot.store.Stores;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby writes nothing to the shared database: the bot as {@code run} wires it, on a real
 * PostgreSQL whose every table has a statement trigger recording each write (an INSERT, UPDATE,
 * DELETE or TRUNCATE, even one that touches no row) with the session's application name. While
 * another session holds the leader lock, the replica starts, stands by, answers {@code /healthz}
 * and records nothing; once the lock is free it leads, and only then does what must happen once
 * (here: purging audit rows past the retention).
 */
class StandbyWritesIT {
  /** The bot's leader lock ("SBOT"), held here by a stand-in for the other replica. */
  private static final long LOCK_KEY = 0x53424F54L;

  private static final long OWNER = 4242;
  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  @TempDir Path dir;

  private final TestClocks.Ticking clock = TestClocks.ticking(TestClocks.suiteStart());
  private final HttpClient http = HttpClient.newHttpClient();
  private SmscSandbox sandbox;
  private FakeBotApi telegram;
  private PostgresTarget target;
  private Connection otherReplica;

  @BeforeEach
  void start() throws SQLException {
    sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults().withClock(clock.withZone(ZoneId.of("Europe/Moscow"))));
    sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2));
    telegram = FakeBotApi.start(clock);
    target = PostgresServer.shared().createMigratedDatabase();
  }

  @AfterEach
  void stop() throws SQLException {
    if (otherReplica != null) {
      otherReplica.close();
    }
    telegram.close();
    sandbox.close();
  }

  private Config config() throws IOException {
    Path file = dir.resolve("senders-bot.yml");
    Files.writeString(file, "http:\n  port: 0\nui:\n  language: en\n");
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, OWNER);
    env.put("SENDERS_BOT_DATABASE_URL", target.url());
    env.put("SENDERS_BOT_DATABASE_USER", target.user());
    env.put("SENDERS_BOT_LEADER_CHECK_INTERVAL", "200ms");
    return new ConfigLoader(env, dir).load(file).validateForRun();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(target.url(), target.user(), "");
  }

  /** An audit row past the default retention (365 days): the start-up's housekeeping purges it. */
  private void seedAnOldAuditRow() {
    try (Database db = Database.open(target)) {
      Stores.of(db, clock)
          .audit()
          .record(
              new AuditEntry(
                  0,
                  clock.instant().minus(Duration.ofDays(400)),
                  -1001,
                  7,
                  "ann",
                  "sender",
                  "OLD",
                  "OLD",
                  "allowed",
                  "ok"));
    }
  }

  /** A statement trigger on every table of the bot's schema, recording into write_audit. */
  private void auditEveryWrite() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                  + " ORDER BY tablename")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.contains("flyway_schema_history") && tables.size() > 10, tables.toString());
      s.execute(
          "CREATE TABLE write_audit (id bigserial PRIMARY KEY, tbl text NOT NULL,"
              + " op text NOT NULL, app text NOT NULL)");
      s.execute(
          "CREATE FUNCTION record_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " INSERT INTO write_audit (tbl, op, app)"
              + " VALUES (TG_TABLE_NAME, TG_OP, current_setting('application_name'));"
              + " RETURN NULL; END $$");
      for (String t : tables) {
        s.execute(
            "CREATE TRIGGER record_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \""
                + t
                + "\" FOR EACH STATEMENT EXECUTE FUNCTION record_write()");
      }
    }
  }

  private List<String> writes() throws SQLException {
    List<String> w = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT op, tbl, app FROM write_audit ORDER BY id")) {
      while (rs.next()) {
        w.add(rs.getString(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ")");
      }
    }
    return w;
  }

  private long oldAuditRows() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM audit WHERE sender_name = 'OLD'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private HttpResponse<String> health(RunCommand.Running bot) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + bot.opsAddress() + "/healthz"))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStandbyWritesNothingUntilItLeadsThenDoesTheStartUpsHousekeeping() throws Exception {
    seedAnOldAuditRow();
    auditEveryWrite();
    otherReplica = connect();
    try (Statement s = otherReplica.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
    }
    Config config = config();

    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      // Stands by: answers /healthz (its database check included) over several election steps.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                HttpResponse<String> h = health(bot);
                assertEquals(200, h.statusCode(), h.body());
                assertTrue(h.body().contains("standby"), h.body());
                assertEquals(List.of(), writes(), "a standby's writes");
              });
      assertEquals(List.of(), writes(), "a standby's writes");
      assertEquals(1, oldAuditRows(), "the housekeeping is the leader's");
      assertEquals(null, bot.transport(), "a standby polls nothing");

      otherReplica.close(); // the other replica dies: its session ends and the lock is free
      otherReplica = null;
      await().atMost(TAKEOVER).until(() -> health(bot).body().contains("\"leader\""));
      await().atMost(TAKEOVER).until(() -> oldAuditRows() == 0);
      assertFalse(writes().isEmpty(), "the leader writes");
    }
  }

  @Test
  void aStandbyStoppedBeforeItEverLedLeavesNoWriteBehind() throws Exception {
    seedAnOldAuditRow();
    auditEveryWrite();
    otherReplica = connect();
    try (Statement s = otherReplica.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
    }
    try (RunCommand.Running bot = RunCommand.Running.start(config(), clock)) {
      bot.awaitPolling();
      await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).body().contains("standby"));
    } // stops as SIGTERM would: the watcher, the election, the pool
    assertEquals(List.of(), writes(), "a standby's writes, its stop included");
    assertEquals(1, oldAuditRows());
  }
}
