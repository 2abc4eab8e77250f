package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite files as the releases before Flyway left them, built by that release's own runner ({@link
 * ReleasedMigrationRunner}) and filled with rows in every table: this build takes them over in
 * place, losing nothing.
 */
class ReleasedDatabaseUpgradeTest {
  /** The schema version of the last release before Flyway. */
  static final int LAST_RELEASED = 7;

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void aDatabaseOfTheLastReleaseUpgradesInPlaceWithEveryRowKept() throws Exception {
    Path file = dir.resolve("bot.db");
    release(file, LAST_RELEASED);
    fill(file);
    Map<String, Long> before = counts(file);

    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      Stores stores = Stores.of(db, CLOCK);
      assertEquals(Role.OPERATOR, stores.chats().find(-1001).orElseThrow().role());
      assertEquals("Shop team", stores.chats().find(-1001).orElseThrow().title());
      List<AuditEntry> about = stores.audit().about("myshop", 10);
      assertEquals(1, about.size());
      assertEquals("shop", about.get(0).subClient());
      assertEquals(41, stores.botState().lastUpdateId().orElseThrow());
      assertTrue(stores.botState().isHandled(45), "an update handled out of order stays handled");
      assertEquals(
          Optional.of("kept"),
          stores.senderComments().find("shop", "MYSHOP").map(SenderComment::comment));
      assertEquals(1, stores.pendingCodes().forChat(-1001, T0).size());
      assertEquals(1, new SqliteSubscriptions(db, CLOCK).forChat(-1001).size());
      assertEquals(Map.of(-1001L, 1), new SqliteUpdateBacklog(db).counts());
      assertEquals(
          "-1001 change <b>MyShop</b> 1 MyShop pending",
          db.read(
              c ->
                  Sql.text(
                      c,
                      "SELECT o.chat_id || ' ' || p.kind || ' ' || p.html || ' ' || p.actionable"
                          + " || ' ' || p.card_names || ' ' || o.state FROM outbox o"
                          + " JOIN outbox_payloads p ON p.id = o.payload_id")),
          "the pending notification still says what it said (V10 split it in two)");

      // And it goes on working: new rows beside the old ones.
      stores.chats().grant(new ChatGrant(-1002, Role.VIEWER, null, "Other", 1, T0));
      long id =
          stores
              .audit()
              .record(new AuditEntry(0, T0, -1002, 1, "bob", "senders", "", null, "allowed", null));
      assertTrue(id > 3, "new ids follow the old rows: " + id);
    }
    Map<String, Long> after = counts(file);
    for (Map.Entry<String, Long> e : before.entrySet()) {
      long expected =
          e.getValue() + (e.getKey().equals("chats") || e.getKey().equals("audit") ? 1 : 0);
      assertEquals(expected, after.get(e.getKey()), "rows of " + e.getKey());
    }
    try (Connection c = Sql.raw(file)) {
      assertEquals(
          LAST_RELEASED,
          Sql.longValue(c, "SELECT count(*) FROM schema_version"),
          "the old history is kept");
      assertEquals(
          "BASELINE " + LAST_RELEASED,
          Sql.text(
              c,
              "SELECT type || ' ' || version FROM flyway_schema_history ORDER BY installed_rank"
                  + " LIMIT 1"));
    }
    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion(), "reopened as it was");
    }
  }

  @Test
  void anOlderReleasesDatabaseGetsTheScriptsItLacksFromFlyway() throws Exception {
    Path file = dir.resolve("bot.db");
    release(file, 3);
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO chats (chat_id, role, sub_client, granted_by, granted_at, title)"
              + " VALUES (-1001, 'admin', NULL, 7, 0, 'Team')");
      s.executeUpdate(
          "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
              + " decision, outcome) VALUES (0, -4004, 9, 'x', 'senders', '', NULL,"
              + " 'denied: unknown chat', 'refused: access denied')");
    }
    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      assertEquals("Team", Stores.of(db, CLOCK).chats().find(-1001).orElseThrow().title());
      assertEquals(1, Sql.count(db, "stranger_hits"), "V6 ran on the old rows");
      assertEquals(0, Sql.count(db, "audit"));
    }
  }

  @Test
  void aReleasedDatabaseWhoseHistoryDiffersFromThisBuildIsRefusedAndLeftAlone() throws Exception {
    Path file = dir.resolve("bot.db");
    release(file, LAST_RELEASED);
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_version SET name = 'watch_outbox' WHERE version = 2");
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("'watch_outbox' for migration 2"), e.getMessage());
    assertTrue(e.getMessage().contains("'chat_title_and_audit_by_name'"), e.getMessage());
    try (Connection c = Sql.raw(file)) {
      assertEquals(
          0,
          Sql.longValue(
              c, "SELECT count(*) FROM sqlite_master WHERE name = 'flyway_schema_history'"));
    }
  }

  @Test
  void aFileWithAVersionButNoHistoryIsRefused() throws Exception {
    Path file = dir.resolve("bot.db");
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 3");
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("no schema_version table"), e.getMessage());
  }

  /** What the release's {@code Database.open} did to a new file, stopping at {@code version}. */
  static void release(Path file, int version) throws SQLException {
    try (Connection writer = SqliteConnections.open(file, false)) {
      new ReleasedMigrationRunner(writer, file, CLOCK).migrate(Migrations.shipped(), version);
    }
  }

  /** A row or two in every table, as the release's repositories wrote them. */
  private static void fill(Path file) throws SQLException {
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      long t = T0.toEpochMilli();
      long later = t + 3_600_000;
      for (String sql :
          List.of(
              "INSERT INTO chats (chat_id, role, sub_client, granted_by, granted_at, title)"
                  + " VALUES (-1001, 'operator', 'shop', 7, "
                  + t
                  + ", 'Shop team')",
              "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
                  + " decision, outcome, sub_client) VALUES ("
                  + t
                  + ", -1001, 7, 'ann', 'add',"
                  + " 'MyShop', 'MyShop', 'allowed', 'ok', 'shop')",
              "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
                  + " decision, outcome, sub_client) VALUES ("
                  + t
                  + ", -1001, 7, 'ann', 'senders',"
                  + " '', NULL, 'allowed', 'ok', 'shop')",
              "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
                  + " decision, outcome, sub_client) VALUES ("
                  + t
                  + ", -1001, 7, 'ann', 'help',"
                  + " '', NULL, 'allowed', 'ok', 'shop')",
              "INSERT INTO bot_state (name, value) VALUES ('last_update_id', 41)",
              "INSERT INTO handled_updates (update_id) VALUES (45)",
              "INSERT INTO pending_codes (chat_id, phone, user_id, sub_client, sent_at,"
                  + " attempts_left, expires_at, prompt_message_id) VALUES (-1001, '79991234567', 7,"
                  + " 'shop', "
                  + t
                  + ", 3, "
                  + later
                  + ", 12)",
              "INSERT INTO button_actions (token, chat_id, user_id, action, args, created_at,"
                  + " expires_at) VALUES ('tok', -1001, 7, 'card', 'MyShop', "
                  + t
                  + ", "
                  + later
                  + ")",
              "INSERT INTO access_requests (chat_id, last_notified_at, last_seen_at, seen_count)"
                  + " VALUES (-4004, "
                  + t
                  + ", "
                  + t
                  + ", 2)",
              "INSERT INTO subscriptions (chat_id, topic_id, name, active, created_at)"
                  + " VALUES (-1001, NULL, NULL, 1, "
                  + t
                  + ")",
              "INSERT INTO watch_names (scope, name, sender_id, moderation, operators)"
                  + " VALUES ('', 'MyShop', 5, 1, 'mts=1')",
              "INSERT INTO watch_scopes (scope, baseline_at, last_success_at, last_full_at)"
                  + " VALUES ('', "
                  + t
                  + ", "
                  + t
                  + ", "
                  + t
                  + ")",
              "UPDATE watch_state SET polls = 9, failures = 0 WHERE id = 1",
              "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names,"
                  + " created_at, due_at) VALUES (-1001, NULL, 'change', '<b>MyShop</b>', 1,"
                  + " 'MyShop', "
                  + t
                  + ", "
                  + t
                  + ")",
              "INSERT INTO sender_comments (sub_client, name, comment, set_by, set_by_label,"
                  + " set_at) VALUES ('shop', 'MyShop', 'kept', 7, '@ann', "
                  + t
                  + ")",
              "INSERT INTO stranger_hits (hour, chat_id, count) VALUES (" + t + ", -4004, 2)",
              "INSERT INTO update_backlog (update_id, chat_id, payload) VALUES (46, -1001, '{}')")) {
        s.executeUpdate(sql);
      }
    }
  }

  private static Map<String, Long> counts(Path file) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = Sql.raw(file)) {
      for (String table :
          List.of(
              "chats",
              "audit",
              "bot_state",
              "handled_updates",
              "pending_codes",
              "button_actions",
              "access_requests",
              "subscriptions",
              "watch_names",
              "watch_scopes",
              "watch_state",
              "outbox",
              "sender_comments",
              "stranger_hits",
              "update_backlog")) {
        counts.put(table, Sql.longValue(c, "SELECT count(*) FROM " + table));
      }
    }
    return counts;
  }
}
