package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool of query-only connections reads borrow. */
class ReaderPoolTest {
  @TempDir Path dir;
  ReaderPool pool;

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("bot.db");
    SqliteConnections.open(file, false).close(); // the file, in WAL mode
    pool = new ReaderPool(file);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void lendsQueryOnlyConnections() throws SQLException {
    Connection c = pool.borrow();
    try (Statement s = c.createStatement()) {
      assertThrows(SQLException.class, () -> s.execute("CREATE TABLE t (x)"));
    }
    pool.giveBack(c, true);
  }

  @Test
  void keepsFourIdleReadersForReuseAndClosesTheRest() throws SQLException {
    List<Connection> borrowed = new ArrayList<>();
    for (int i = 0; i < ReaderPool.IDLE_READERS + 1; i++) {
      borrowed.add(pool.borrow());
    }
    borrowed.forEach(c -> pool.giveBack(c, true));
    for (int i = 0; i < ReaderPool.IDLE_READERS; i++) {
      assertFalse(borrowed.get(i).isClosed(), "reader " + i);
    }
    assertTrue(borrowed.get(ReaderPool.IDLE_READERS).isClosed());
    Connection again = pool.borrow();
    assertSame(borrowed.get(0), again);
    pool.giveBack(again, true);
  }

  @Test
  void closesAReaderWhoseTransactionCouldNotBeEnded() throws SQLException {
    Connection c = pool.borrow();
    pool.giveBack(c, false);
    assertTrue(c.isClosed());
    Connection next = pool.borrow();
    assertNotSame(c, next);
    pool.giveBack(next, true);
  }

  @Test
  void closesIdleReadersOnCloseAndReadersGivenBackAfterIt() throws SQLException {
    Connection idle = pool.borrow();
    Connection busy = pool.borrow();
    pool.giveBack(idle, true);
    pool.close();
    assertTrue(idle.isClosed());
    assertFalse(busy.isClosed());
    pool.giveBack(busy, true);
    assertTrue(busy.isClosed());
  }
}
