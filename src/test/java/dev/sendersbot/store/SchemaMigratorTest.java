package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway on SQLite files, with test scripts: what the hand-written runner did, it still does. */
class SchemaMigratorTest {
  @TempDir Path dir;

  @Test
  void recordsEachScriptInFlywaysHistoryAndTheVersionInUserVersion() throws Exception {
    Path file = dir.resolve("bot.db");
    try (Database db =
        Database.open(file, Migrations.load("db/test-migrations/rebuild"), Integer.MAX_VALUE)) {
      assertEquals(2, db.schemaVersion());
    }
    try (Connection c = Sql.raw(file)) {
      assertEquals(
          "1 V1__parents.sql, 2 V2__rebuild_parents.sql",
          Sql.text(
              c,
              "SELECT group_concat(version || ' ' || script, ', ') FROM (SELECT * FROM"
                  + " flyway_schema_history WHERE success = 1 ORDER BY installed_rank)"));
      // A build from before Flyway reads this and refuses a file newer than it knows.
      assertEquals(2, Sql.longValue(c, "PRAGMA user_version"));
    }
  }

  @Test
  void stopsAtTheVersionAskedForAndGoesOnLater() throws Exception {
    Path file = dir.resolve("bot.db");
    Migrations rebuild = Migrations.load("db/test-migrations/rebuild");
    try (Database db = Database.open(file, rebuild, 1)) {
      assertEquals(1, db.schemaVersion());
    }
    try (Database db = Database.open(file, rebuild, Integer.MAX_VALUE)) {
      assertEquals(2, db.schemaVersion());
      assertEquals(2, Sql.count(db, SchemaMigrator.HISTORY));
    }
  }

  @Test
  void letsAScriptRebuildAReferencedTableAndTheBotsConnectionsKeepForeignKeysOn() {
    try (Database db =
        Database.open(
            dir.resolve("bot.db"),
            Migrations.load("db/test-migrations/rebuild"),
            Integer.MAX_VALUE)) {
      long readerKeys = db.read(c -> Sql.longValue(c, "PRAGMA foreign_keys"));
      long writerKeys = db.write(c -> Sql.longValue(c, "PRAGMA foreign_keys"));
      assertEquals(1, readerKeys);
      assertEquals(1, writerKeys);
      long joined =
          db.read(
              c ->
                  Sql.longValue(
                      c,
                      "SELECT count(*) FROM children JOIN parents ON parents.id = children.parent_id"));
      assertEquals(1, joined);
      long notes =
          db.read(
              c ->
                  Sql.longValue(
                      c, "SELECT count(*) FROM pragma_table_info('parents') WHERE name = 'note'"));
      assertEquals(1, notes);
    }
  }

  @Test
  void refusesAScriptThatLeavesAForeignKeyBrokenAndUndoesIt() throws Exception {
    Path file = dir.resolve("bot.db");
    Migrations orphan = Migrations.load("db/test-migrations/orphan");
    StoreException e =
        assertThrows(StoreException.class, () -> Database.open(file, orphan, Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("db/test-migrations/orphan/V2__orphan.sql"), e.getMessage());
    assertTrue(
        e.getMessage().contains("leaves a foreign key broken in table children"), e.getMessage());
    assertTrue(e.getMessage().contains("left at schema version 1"), e.getMessage());
    try (Connection c = Sql.raw(file)) {
      assertEquals(1, Sql.longValue(c, "SELECT count(*) FROM children"));
      assertEquals(
          "1", Sql.text(c, "SELECT max(version) FROM flyway_schema_history WHERE success = 1"));
    }
  }
}
