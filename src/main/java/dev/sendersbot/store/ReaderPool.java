package dev.sendersbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The query-only connections reads borrow. A few idle ones are kept, because opening a SQLite
 * connection costs more than a short read; a read finding none idle opens another, which is closed
 * on return when the pool is full, so concurrent reads never wait for each other.
 */
final class ReaderPool {
  static final int IDLE_READERS = 4;

  private final Path file;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_READERS);
  private volatile boolean closed;

  ReaderPool(Path file) {
    this.file = file;
  }

  /** An idle reader, or a new one. */
  Connection borrow() throws SQLException {
    Connection c = idle.poll();
    return c != null ? c : SqliteConnections.open(file, true);
  }

  /**
   * Takes a connection back; {@code reusable} false (its transaction could not even be rolled back)
   * closes it.
   */
  void giveBack(Connection c, boolean reusable) {
    if (!reusable || closed || !idle.offer(c)) {
      SqliteConnections.closeQuietly(c);
      return;
    }
    if (closed) {
      drain(); // close() may have drained the pool just before this connection came back
    }
  }

  /** Closes the idle readers; readers still borrowed are closed when they come back. */
  void close() {
    closed = true;
    drain();
  }

  private void drain() {
    Connection c;
    while ((c = idle.poll()) != null) {
      SqliteConnections.closeQuietly(c);
    }
  }
}
