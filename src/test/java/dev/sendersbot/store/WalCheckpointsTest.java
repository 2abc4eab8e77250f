package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit never copies the write-ahead log into the database file itself: that copy ends in two or
 * three fsyncs, and on the writer it held every write queued behind it (a command's audit entry
 * among them) for as long as they took.
 */
class WalCheckpointsTest {
  private static final int COMMITS = 1500;

  @TempDir Path dir;

  @Test
  void commitsOnTheWriterLeaveTheLogToTheCheckpointer() throws SQLException {
    Path file = dir.resolve("bot.db");
    try (Connection writer = SqliteConnections.open(file, false)) {
      exec(writer, "CREATE TABLE scratch (n INTEGER)");
      for (int i = 0; i < COMMITS; i++) {
        exec(writer, "BEGIN IMMEDIATE");
        exec(writer, "INSERT INTO scratch (n) VALUES (" + i + ")");
        exec(writer, "COMMIT");
      }
      // Each commit appended at least one page: had any commit checkpointed (SQLite's own
      // auto-checkpoint, at 1,000 pages), the log would have started again from its first page.
      Checkpoint before = passive(writer);
      assertTrue(
          before.logPages() >= COMMITS,
          "pages in the log after " + COMMITS + " commits: " + before.logPages());
    }
  }

  @Test
  void theCheckpointerCopiesTheLogAfterItsCommitsAndTheLogStartsAgain() throws SQLException {
    Path file = dir.resolve("bot.db");
    List<Runnable> queued = new ArrayList<>();
    WalCheckpointer checkpointer = new WalCheckpointer(file, 10, queued::add);
    SqliteEngine engine = new SqliteEngine(file, SqliteConnections.open(file, false), checkpointer);
    try {
      commit(engine, "CREATE TABLE scratch (n INTEGER)");
      for (int i = 1; i < 25; i++) {
        commit(engine, "INSERT INTO scratch (n) VALUES (" + i + ")");
      }
      // One checkpoint asked for at the 10th commit; at the 20th it was still waiting to run.
      assertEquals(1, queued.size(), "checkpoints asked for");
      long written = passive(engine.borrowWriter()).logPages();
      assertTrue(written >= 25, "pages in the log before the checkpoint: " + written);

      queued.remove(0).run();

      assertEquals(1, checkpointer.checkpoints());
      commit(engine, "INSERT INTO scratch (n) VALUES (25)");
      Checkpoint after = passive(engine.borrowWriter());
      assertTrue(
          after.logPages() < written,
          "the log starts again once copied: " + after.logPages() + " pages after " + written);
      for (int i = 26; i <= 30; i++) {
        commit(engine, "INSERT INTO scratch (n) VALUES (" + i + ")");
      }
      assertEquals(1, queued.size(), "the 30th commit asks for the next checkpoint");
    } finally {
      engine.close();
    }
  }

  @Test
  void aDatabaseCheckpointsOnItsOwnThreadAndLeavesNoLogBehind() {
    Path file = dir.resolve("bot.db");
    Database db = Database.open(file);
    db.write(c -> exec(c, "CREATE TABLE scratch (n INTEGER)"));
    for (int i = 0; i < WalCheckpointer.EVERY_COMMITS; i++) {
      int n = i;
      db.write(c -> exec(c, "INSERT INTO scratch (n) VALUES (" + n + ")"));
    }
    SqliteEngine engine = (SqliteEngine) db.engine();
    db.close(); // lets a checkpoint already asked for finish first

    assertTrue(engine.checkpoints() >= 1, "checkpoints run: " + engine.checkpoints());
    assertFalse(Files.exists(Path.of(file + "-wal")), "the log is gone after the last close");
    Database again = Database.open(file);
    try {
      assertEquals((long) WalCheckpointer.EVERY_COMMITS, Sql.count(again, "scratch"));
    } finally {
      again.close();
    }
  }

  private static void commit(SqliteEngine engine, String sql) throws SQLException {
    Connection c = engine.borrowWriter();
    exec(c, "BEGIN IMMEDIATE");
    exec(c, sql);
    exec(c, "COMMIT");
    engine.returnWriter(c, true);
  }

  private record Checkpoint(long logPages, long copiedPages) {}

  private static Checkpoint passive(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "checkpoint busy");
      return new Checkpoint(rs.getLong(2), rs.getLong(3));
    }
  }

  private static Void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
    return null;
  }
}
