package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void aNewDatabaseGetsEveryMigrationRecordedOnce() {
    Path file = dir.resolve("bot.db");
    List<String> first;
    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      first = history(db);
    }
    assertEquals(Database.latestSchemaVersion(), first.size());
    assertEquals(
        List.of("1 V1__initial_schema.sql", "2 V2__chat_title_and_audit_by_name.sql"),
        first.subList(0, 2).stream().map(h -> h.substring(0, h.indexOf(" @ "))).toList());
    try (Database db = Database.open(file)) {
      assertEquals(first, history(db), "reopening applies nothing again");
    }
  }

  @Test
  void aVersionOneDatabaseUpgradesInPlaceKeepingItsRows() throws Exception {
    Path file = dir.resolve("bot.db");
    try (Database v1 = Database.open(file, 1)) {
      assertEquals(1, v1.schemaVersion());
      // Rows as the first release wrote them: chats had no title column then.
      v1.write(
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate(
                  "INSERT INTO chats (chat_id, role, sub_client, granted_by, granted_at)"
                      + " VALUES (-1001, 'operator', 'shop', 7, "
                      + T0.toEpochMilli()
                      + ")");
              s.executeUpdate(
                  "INSERT INTO audit (at, chat_id, user_id, username, command, args,"
                      + " sender_name, decision, outcome) VALUES ("
                      + T0.toEpochMilli()
                      + ", -1001, 7, 'ann', 'add', 'MyShop', 'MyShop', 'allowed', 'ok')");
              s.executeUpdate("INSERT INTO bot_state (name, value) VALUES ('last_update_id', 41)");
            }
            return null;
          });
      assertThrows(
          StoreException.class,
          () -> v1.read(c -> Sql.text(c, "SELECT title FROM chats")),
          "no title before V2");
    }

    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      Stores stores = Stores.of(db, Clock.fixed(T0, ZoneOffset.UTC));
      ChatGrant kept = stores.chats().find(-1001).orElseThrow();
      assertEquals(Role.OPERATOR, kept.role());
      assertEquals("shop", kept.subClient());
      assertNull(kept.title());
      assertEquals(T0, kept.grantedAt());
      List<AuditEntry> about = stores.audit().about("myshop", 10);
      assertEquals(1, about.size());
      assertEquals("ok", about.get(0).outcome());
      assertEquals(41, stores.botState().lastUpdateId().orElseThrow());

      stores.chats().grant(new ChatGrant(-1001, Role.ADMIN, null, "Shop team", 1, T0));
      assertEquals("Shop team", stores.chats().find(-1001).orElseThrow().title());
      assertEquals(Database.latestSchemaVersion(), history(db).size());
    }
  }

  /**
   * V6 on an audit log as version 5 wrote it: strangers' rows become hourly counts, a name that is
   * no sender name goes, a confirmation code typed first goes from the arguments and the name, and
   * every entry gets its chat's sub-client.
   */
  @Test
  void versionSixBoundsAnExistingAuditLog() throws Exception {
    Path file = dir.resolve("bot.db");
    long t = T0.toEpochMilli();
    try (Database v5 = Database.open(file, 5)) {
      v5.write(
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate(
                  "INSERT INTO chats (chat_id, role, sub_client, granted_by, granted_at)"
                      + " VALUES (-1001, 'operator', 'shop', 7, "
                      + t
                      + ")");
              String insert =
                  "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
                      + " decision, outcome) VALUES ";
              for (int i = 0; i < 3; i++) {
                s.executeUpdate(
                    insert
                        + "("
                        + (t + i * 60_000)
                        + ", -4004, 9, 'x', 'sender', '"
                        + "X".repeat(300)
                        + "', '"
                        + "X".repeat(4000)
                        + "', 'denied: unknown chat', 'refused: access denied')");
              }
              s.executeUpdate(
                  insert
                      + "("
                      + (t + 3_600_000)
                      + ", -4004, 9, 'x', 'del', 'SHOP', 'SHOP',"
                      + " 'denied: unknown chat', 'refused: access denied')");
              s.executeUpdate(
                  insert
                      + "("
                      + t
                      + ", -1001, 7, 'ann', 'add', 'MyShop', 'MyShop', 'allowed', 'ok')");
              s.executeUpdate(
                  insert
                      + "("
                      + t
                      + ", -1001, 7, 'ann', 'sender', 'my shop', 'my shop', 'allowed',"
                      + " 'failed: invalid input')");
              s.executeUpdate(
                  insert
                      + "("
                      + t
                      + ", -1001, 7, 'ann', 'confirm', '338824 ***', '338824', 'allowed',"
                      + " 'failed: invalid input')");
              s.executeUpdate(
                  insert
                      + "("
                      + t
                      + ", -1001, 7, 'ann', 'confirm', '79991234567 ***', '79991234567',"
                      + " 'allowed', 'ok')");
              s.executeUpdate(
                  insert
                      + "("
                      + t
                      + ", -1001, 7, 'ann', 'confirm', '(button pick) 79991234567',"
                      + " '79991234567', 'allowed', 'ok')");
            }
            return null;
          });
    }
    try (Database db = Database.open(file)) {
      List<String> rows =
          db.read(
              c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "SELECT command, args, sender_name, sub_client FROM audit ORDER BY id")) {
                  while (rs.next()) {
                    out.add(
                        rs.getString(1)
                            + " | "
                            + rs.getString(2)
                            + " | "
                            + rs.getString(3)
                            + " | "
                            + rs.getString(4));
                  }
                }
                return out;
              });
      assertEquals(
          List.of(
              "add | MyShop | MyShop | shop",
              "sender | my shop | null | shop",
              "confirm | *** | null | shop",
              "confirm | 79991234567 *** | 79991234567 | shop",
              "confirm | (button pick) 79991234567 | 79991234567 | shop"),
          rows);
      assertEquals(
          List.of(3L, 1L),
          db.read(
              c -> {
                List<Long> counts = new ArrayList<>();
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "SELECT count FROM stranger_hits WHERE chat_id = -4004 ORDER BY hour")) {
                  while (rs.next()) {
                    counts.add(rs.getLong(1));
                  }
                }
                return counts;
              }),
          "the strangers' rows, counted per hour");
      assertEquals(4, new SqliteAuditLog(db).unknownChats(T0).answered());
    }
  }

  // /history must not read the whole audit log: V2's index has to be usable by about()'s query.
  @Test
  void historyLookUpUsesTheSenderNameIndex() {
    try (Database db = Database.open(dir.resolve("bot.db"))) {
      String plan =
          db.read(
              c -> {
                StringBuilder sb = new StringBuilder();
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "EXPLAIN QUERY PLAN SELECT id FROM audit"
                                + " WHERE sender_name = 'X' COLLATE NOCASE ORDER BY id DESC LIMIT 5")) {
                  while (rs.next()) {
                    sb.append(rs.getString("detail")).append('\n');
                  }
                }
                return sb.toString();
              });
      assertTrue(plan.contains("audit_by_sender_name"), plan);
      assertFalse(plan.contains("TEMP B-TREE"), "sorted by the index, not afterwards: " + plan);
    }
  }

  @Test
  void aDatabaseFromANewerBuildIsRefusedNamingFileAndVersionsAndLeftUntouched() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("(" + Database.latestSchemaVersion() + ")"), e.getMessage());
    try (Connection c = Sql.raw(file)) {
      assertEquals(99, Sql.longValue(c, "PRAGMA user_version"));
    }
  }

  @Test
  void aDatabaseTheBotDidNotCreateIsRefused() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("[customers]"), e.getMessage());
    assertTrue(e.getMessage().contains("did not create"), e.getMessage());
    try (Connection c = Sql.raw(file)) {
      assertEquals(0, Sql.longValue(c, "PRAGMA user_version"));
      assertEquals(1, Sql.longValue(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"));
    }
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("notes.db");
    Files.writeString(
        file, "these are my notes, not a database, but long enough to be a page".repeat(20));
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
  }

  // Two branches that both shipped a "V2" must not silently share a database.
  @Test
  void aDatabaseWhoseHistoryDiffersFromThisBuildIsRefused() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flyway_schema_history SET description = 'watch outbox', checksum = 1"
              + " WHERE version = '2'");
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("does not match this build's migrations"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void aFailingMigrationLeavesNoTraceAndNamesItsScript() throws Exception {
    Path file = dir.resolve("bot.db");
    Migrations broken = Migrations.load("db/test-migrations/broken");
    Database.open(file, broken, 1).close();

    StoreException e =
        assertThrows(StoreException.class, () -> Database.open(file, broken, Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("db/test-migrations/broken/V2__broken.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("left at schema version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    try (Connection c = Sql.raw(file)) {
      assertEquals(1, Sql.longValue(c, "PRAGMA user_version"));
      assertEquals(1, Sql.longValue(c, "SELECT count(*) FROM flyway_schema_history"));
      assertEquals(
          0,
          Sql.longValue(c, "SELECT count(*) FROM sqlite_master WHERE name = 'more_things'"),
          "the statement before the failing one was rolled back too");
    }
  }

  private static List<String> history(Database db) {
    return db.read(
        c -> {
          List<String> rows = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT version, script, installed_on FROM flyway_schema_history"
                          + " ORDER BY installed_rank")) {
            while (rs.next()) {
              rows.add(rs.getString(1) + " " + rs.getString(2) + " @ " + rs.getString(3));
            }
          }
          return rows;
        });
  }
}
