package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("data/nested/bot.db"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void createsTheFileAndItsParentDirectories() {
    assertTrue(Files.isRegularFile(dir.resolve("data/nested/bot.db")));
    assertEquals(dir.resolve("data/nested/bot.db").toAbsolutePath().normalize(), db.file());
  }

  @Test
  void writerAndReadersRunInWalWithForeignKeysBusyTimeoutAndNormalSync() {
    for (boolean onWriter : new boolean[] {true, false}) {
      SqlFunction<java.sql.Connection, List<String>> pragmas =
          c ->
              List.of(
                  Sql.text(c, "PRAGMA journal_mode"),
                  Sql.text(c, "PRAGMA foreign_keys"),
                  Sql.text(c, "PRAGMA synchronous"),
                  Sql.text(c, "PRAGMA busy_timeout"));
      List<String> values = onWriter ? db.write(pragmas) : db.read(pragmas);
      assertEquals("wal", values.get(0), "journal mode, writer=" + onWriter);
      assertEquals("1", values.get(1), "foreign keys, writer=" + onWriter);
      assertEquals("1", values.get(2), "synchronous NORMAL, writer=" + onWriter);
      assertTrue(Integer.parseInt(values.get(3)) >= 1000, "busy timeout, writer=" + onWriter);
    }
  }

  @Test
  void writeCommitsWhatItsWorkDid() {
    db.write(c -> insertThing(c, 1));
    assertEquals(1, Sql.count(db, "bot_state"));
  }

  @Test
  void writeRollsBackAndNamesTheOperationWhenTheWorkFailsWithSql() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                db.write(
                    "store two things",
                    c -> {
                      insertThing(c, 1);
                      try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                      }
                      return null;
                    }));
    assertTrue(
        e.getMessage().contains("could not store two things in database " + db.file()),
        e.getMessage());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    assertEquals(0, Sql.count(db, "bot_state"));
  }

  @Test
  void writeRollsBackAndRethrowsARuntimeExceptionAsItIs() {
    IllegalStateException thrown = new IllegalStateException("boom");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                db.write(
                    c -> {
                      insertThing(c, 1);
                      throw thrown;
                    }));
    assertSame(thrown, e);
    assertEquals(0, Sql.count(db, "bot_state"));
    // The writer is usable after a rollback.
    db.write(c -> insertThing(c, 2));
    assertEquals(1, Sql.count(db, "bot_state"));
  }

  // A repository method called inside another's write must not commit half of the outer work.
  @Test
  void nestedWriteJoinsTheOuterTransactionAndItsFailureUndoesOnlyItself() {
    assertThrows(
        IllegalStateException.class,
        () ->
            db.write(
                c -> {
                  insertThing(c, 1);
                  db.write(inner -> insertThing(inner, 2));
                  assertThrows(
                      StoreException.class,
                      () ->
                          db.write(
                              inner -> {
                                insertThing(inner, 3);
                                return insertThing(inner, 3); // primary key clash
                              }));
                  assertEquals(2, Sql.longValue(c, "SELECT count(*) FROM bot_state"));
                  throw new IllegalStateException("outer fails after the inner writes");
                }));
    assertEquals(0, Sql.count(db, "bot_state"), "the outer rollback undid the nested writes too");

    db.write(
        c -> {
          insertThing(c, 1);
          db.write(inner -> insertThing(inner, 2));
          return null;
        });
    assertEquals(2, Sql.count(db, "bot_state"));
  }

  @Test
  void readInsideAWriteSeesTheWriteSoFar() {
    long seen =
        db.write(
            c -> {
              insertThing(c, 1);
              return db.read(r -> Sql.longValue(r, "SELECT count(*) FROM bot_state"));
            });
    assertEquals(1, seen);
  }

  @Test
  void readConnectionsRefuseToWrite() {
    StoreException e = assertThrows(StoreException.class, () -> db.read(c -> insertThing(c, 1)));
    assertTrue(
        e.getMessage().contains("readonly")
            || e.getMessage().contains("read only")
            || e.getMessage().contains("query_only"),
        e.getMessage());
    assertEquals(0, Sql.count(db, "bot_state"));
  }

  @Test
  void readsRunWhileAWriteIsInProgressAndSeeOnlyCommittedRows() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch readDone = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                db.write(
                    c -> {
                      insertThing(c, 1);
                      inserted.countDown();
                      // Holds the write open until the read has finished: a read that waited would
                      // time out here.
                      try {
                        assertTrue(
                            readDone.await(10, TimeUnit.SECONDS),
                            "the read ran while the write was open");
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                      }
                      return null;
                    }));
    assertTrue(inserted.await(10, TimeUnit.SECONDS));
    long during = Sql.count(db, "bot_state");
    readDone.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertEquals(0, during, "uncommitted row invisible to a reader");
    assertEquals(1, Sql.count(db, "bot_state"));
  }

  @Test
  void chatTablesListsEveryTableWithAChatIdColumnIncludingLaterOnes() {
    assertEquals(
        List.of(
            "access_requests",
            "alert_settings",
            "audit",
            "button_actions",
            "chat_settings",
            "chats",
            "live_cards",
            "muted_moves",
            "mutes",
            "outbox",
            "pending_codes",
            "stranger_hits",
            "subscriptions",
            "update_backlog"),
        db.chatTables());
    db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE watch_subscriptions (chat_id INTEGER, name TEXT)");
          }
          return null;
        });
    assertTrue(db.chatTables().contains("watch_subscriptions"));
  }

  @Test
  void aClosedDatabaseRefusesWorkNamingTheFile() {
    db.close();
    StoreException e = assertThrows(StoreException.class, () -> Sql.count(db, "chats"));
    assertTrue(e.getMessage().contains(db.file() + " is closed"), e.getMessage());
    assertThrows(StoreException.class, () -> db.write(c -> null));
    db.close(); // twice is harmless
  }

  @Test
  void closingLeavesNoOpenConnectionBehindSoTheWalIsFolded() {
    db.write(c -> insertThing(c, 1));
    Sql.count(db, "bot_state");
    db.close();
    // SQLite removes the -wal file when the last connection to the database closes.
    assertFalse(Files.exists(Path.of(db.file() + "-wal")), "a connection was left open");
  }

  private static Void insertThing(java.sql.Connection c, long n) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO bot_state (name, value) VALUES (?, ?)")) {
      ps.setString(1, "thing" + n);
      ps.setLong(2, n);
      ps.executeUpdate();
    }
    return null;
  }
}
