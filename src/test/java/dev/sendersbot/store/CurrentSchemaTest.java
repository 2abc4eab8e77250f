package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up's short cut past Flyway on real SQLite files: taken only for a file exactly at this
 * build's schema; any other file goes through Flyway, which upgrades it or refuses it as before.
 */
class CurrentSchemaTest {
  @TempDir Path dir;

  private final Migrations shipped = Migrations.shipped();

  @Test
  void computesTheChecksumFlywayRecordsForEveryShippedScript() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    try (Connection c = Sql.raw(file);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT checksum FROM flyway_schema_history WHERE version = ? AND type = 'SQL'")) {
      for (Migrations.Migration m : shipped.all()) {
        ps.setString(1, Integer.toString(m.version()));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "no history row for " + m.fileName());
          assertEquals(rs.getInt(1), CurrentSchema.checksum(m.sql()), m.fileName());
        }
      }
    }
  }

  @Test
  void ignoresLineBreaksAndAByteOrderMarkAsFlywayDoes() {
    int plain = CurrentSchema.checksum("CREATE TABLE t (a INTEGER);\nSELECT 1;\n");
    assertEquals(plain, CurrentSchema.checksum("\uFEFFCREATE TABLE t (a INTEGER);\r\nSELECT 1;"));
    assertFalse(plain == CurrentSchema.checksum("CREATE TABLE t (a INTEGER);\nSELECT 2;\n"));
  }

  @Test
  void aFileAtThisBuildsSchemaIsCurrentAndOpensAtTheLatestVersion() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    try (Connection c = Sql.raw(file)) {
      assertTrue(CurrentSchema.isCurrent(c, shipped));
    }
    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      int written =
          db.write(
              c -> {
                try (Statement s = c.createStatement()) {
                  return s.executeUpdate(insertState());
                }
              });
      assertEquals(1, written, "the reopened file takes writes");
    }
  }

  @Test
  void anOlderFileIsNotCurrentAndFlywayStillUpgradesIt() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file, 5).close();
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    try (Database db = Database.open(file)) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
    }
    try (Connection c = Sql.raw(file)) {
      assertEquals(
          Database.latestSchemaVersion(),
          Sql.longValue(c, "SELECT count(*) FROM flyway_schema_history WHERE success = 1"));
      assertTrue(CurrentSchema.isCurrent(c, shipped), "current once upgraded");
    }
  }

  @Test
  void aFileOfTheLastReleaseBeforeFlywayIsCurrentOnceTakenOver() throws Exception {
    Path file = dir.resolve("bot.db");
    ReleasedDatabaseUpgradeTest.release(file, ReleasedDatabaseUpgradeTest.LAST_RELEASED);
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    Database.open(file).close();
    try (Connection c = Sql.raw(file)) {
      assertTrue(CurrentSchema.isCurrent(c, shipped), "baseline plus the newer scripts");
    }
  }

  @Test
  void aScriptChangedSinceItRanIsNotCurrentAndFlywayRefusesTheFile() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    execute(file, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains("does not match this build's migrations"), e.getMessage());
  }

  @Test
  void aFailedScriptIsNotCurrent() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    execute(file, "UPDATE flyway_schema_history SET success = 0 WHERE version = '2'");
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
  }

  @Test
  void aScriptFromANewerBuildIsNotCurrentAndTheFileIsRefused() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    int next = shipped.latest() + 1;
    execute(
        file,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES ("
            + (next + 10)
            + ", '"
            + next
            + "', 'later', 'SQL', 'V"
            + next
            + "__later.sql', 7, '', 1, 1)");
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void aUserVersionBehindTheHistoryIsNotCurrentAndIsRecordedAgain() throws Exception {
    Path file = dir.resolve("bot.db");
    Database.open(file).close();
    execute(file, "PRAGMA user_version = 2");
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    Database.open(file).close();
    try (Connection c = Sql.raw(file)) {
      assertEquals(Database.latestSchemaVersion(), Sql.longValue(c, "PRAGMA user_version"));
      assertTrue(CurrentSchema.isCurrent(c, shipped));
    }
  }

  @Test
  void aFileWithoutHistoryIsNotCurrent() throws Exception {
    Path file = dir.resolve("bot.db");
    execute(file, "CREATE TABLE other (a INTEGER)");
    try (Connection c = Sql.raw(file)) {
      assertFalse(CurrentSchema.isCurrent(c, shipped));
    }
    assertThrows(StoreException.class, () -> Database.open(file));
  }

  private static String insertState() {
    return "INSERT INTO bot_state (name, value) VALUES ('probe', 1)";
  }

  private static void execute(Path file, String sql) throws SQLException {
    try (Connection c = Sql.raw(file);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
