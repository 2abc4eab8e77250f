package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration runner on a writer connection of its own, with test scripts. */
class MigrationRunnerTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  Path file;
  Connection writer;
  MigrationRunner runner;

  @BeforeEach
  void open() throws SQLException {
    file = dir.resolve("bot.db");
    writer = SqliteConnections.open(file, false);
    runner = new MigrationRunner(writer, file, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws SQLException {
    writer.close();
  }

  @Test
  void recordsEachScriptWithItsVersionNameAndTheTimeByItsClock() throws SQLException {
    runner.migrate(Migrations.load("db/test-migrations/rebuild"), Integer.MAX_VALUE);
    assertEquals(2, MigrationRunner.userVersion(writer));
    assertEquals(
        "1 parents " + T0 + ", 2 rebuild_parents " + T0,
        Sql.text(
            writer,
            "SELECT group_concat(version || ' ' || name || ' ' || applied_at, ', ')"
                + " FROM (SELECT * FROM schema_version ORDER BY version)"));
  }

  @Test
  void stopsAtTheVersionAskedForAndGoesOnLater() throws SQLException {
    Migrations rebuild = Migrations.load("db/test-migrations/rebuild");
    runner.migrate(rebuild, 1);
    assertEquals(1, MigrationRunner.userVersion(writer));
    runner.migrate(rebuild, Integer.MAX_VALUE);
    assertEquals(2, MigrationRunner.userVersion(writer));
    assertEquals(2, Sql.longValue(writer, "SELECT count(*) FROM schema_version"));
  }

  @Test
  void letsAScriptRebuildAReferencedTableAndTurnsForeignKeysBackOn() throws SQLException {
    assertEquals(1, Sql.longValue(writer, "PRAGMA foreign_keys"));
    runner.migrate(Migrations.load("db/test-migrations/rebuild"), Integer.MAX_VALUE);
    assertEquals(1, Sql.longValue(writer, "PRAGMA foreign_keys"));
    assertEquals(
        1,
        Sql.longValue(
            writer,
            "SELECT count(*) FROM children JOIN parents ON parents.id = children.parent_id"));
    assertEquals(
        1,
        Sql.longValue(
            writer, "SELECT count(*) FROM pragma_table_info('parents') WHERE name = 'note'"));
  }

  @Test
  void refusesAScriptThatLeavesAForeignKeyBrokenAndUndoesIt() throws SQLException {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> runner.migrate(Migrations.load("db/test-migrations/orphan"), Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("db/test-migrations/orphan/V2__orphan.sql"), e.getMessage());
    assertTrue(
        e.getMessage().contains("leaves a foreign key broken in table children"), e.getMessage());
    assertTrue(e.getMessage().contains("left at schema version 1"), e.getMessage());
    assertEquals(1, MigrationRunner.userVersion(writer));
    assertEquals(1, Sql.longValue(writer, "SELECT count(*) FROM children"));
    assertEquals(1, Sql.longValue(writer, "PRAGMA foreign_keys"), "back on after a failure too");
  }
}
