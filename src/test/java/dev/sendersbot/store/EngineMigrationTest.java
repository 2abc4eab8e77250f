package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** What Flyway and the checks around it do, on each engine. */
@BothEngines
class EngineMigrationTest {
  @Parameter StoreEngine engine;
  @TempDir Path dir;
  StoreEngine.Target target;

  @BeforeEach
  void empty() {
    target = engine.empty(dir);
  }

  @Test
  void aNewDatabaseGetsEveryScriptOnceAndReopeningAppliesNothing() {
    try (Database db = target.open()) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      assertEquals(Database.latestSchemaVersion(), Sql.count(db, SchemaMigrator.HISTORY));
    }
    try (Database db = target.open()) {
      assertEquals(Database.latestSchemaVersion(), Sql.count(db, SchemaMigrator.HISTORY));
      assertEquals(db.chatTables(), db.chatTables());
      assertTrue(db.chatTables().contains("subscriptions"), db.chatTables().toString());
    }
  }

  @Test
  void aDatabaseTheBotDidNotCreateIsRefusedAndLeftAlone() throws Exception {
    exec("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    StoreException e = assertThrows(StoreException.class, target::open);
    assertTrue(e.getMessage().contains("[customers]"), e.getMessage());
    assertTrue(e.getMessage().contains("did not create"), e.getMessage());
  }

  @Test
  void aDatabaseANewerBuildMigratedIsRefusedNamingTheVersions() throws Exception {
    target.open().close();
    exec(
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99',"
            + " 'future', 'SQL', 'V99__future.sql', 0, 'newer build', CURRENT_TIMESTAMP, 0, TRUE)");
    StoreException e = assertThrows(StoreException.class, target::open);
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("(" + Database.latestSchemaVersion() + ")"), e.getMessage());
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private Connection raw() throws SQLException {
    if (target.file() != null) {
      return Sql.raw(target.file());
    }
    return DriverManager.getConnection(
        target.postgres().url(), target.postgres().user(), target.postgres().password());
  }
}
