package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL session, outside the Hikari pool, that holds the leader lock: a session-level
 * advisory lock, which PostgreSQL releases only when this session ends (or on an explicit unlock,
 * which the bot never makes). The leader's writes run on this session too ({@link
 * PostgresEngine#borrowWriter}), one at a time behind {@link #use}, so a write that {@link
 * #ensureLeading checks} it holds the lock and then commits has proved the lock was held when it
 * committed: were the session gone, the commit would have failed with it.
 *
 * <p>Timeouts, chosen so a leader cut off from the server steps down before the server could hand
 * the lock to another: this side gives up on an answer after {@code storage.leader-timeout} (5 s by
 * default, so within about 6 s of the last good check; {@link PostgresTimeouts} refuses values that
 * would reach 11 s), while the server, told to probe an idle client after {@value
 * #KEEPALIVE_IDLE_SECONDS} s and every {@value #KEEPALIVE_INTERVAL_SECONDS} s {@value
 * #KEEPALIVE_COUNT} times, ends the session (and frees the lock) no sooner than 11 s after the
 * client fell silent. A process that dies outright closes its socket, and the server frees the lock
 * at once.
 */
final class LeaderSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** The advisory lock's key: "SBOT". One bot per database; the key is per database anyway. */
  static final long LOCK_KEY = 0x53424F54L;

  static final int KEEPALIVE_IDLE_SECONDS = 5;
  static final int KEEPALIVE_INTERVAL_SECONDS = 2;
  static final int KEEPALIVE_COUNT = 3;

  private final PostgresTarget target;
  private final ReentrantLock use = new ReentrantLock(true);
  private Connection conn; // guarded by use
  private boolean closed; // guarded by use
  private volatile boolean leading;
  private volatile String lastError;

  LeaderSession(PostgresTarget target) {
    this.target = target;
  }

  /** True while the lock is held on the live session, as of the last check or write. */
  boolean leading() {
    return leading;
  }

  /** Why the last check failed; null when it did not. */
  String lastError() {
    return lastError;
  }

  /**
   * The session, for one write (its outermost transaction); {@link #giveBack} must follow on the
   * same thread. Opens a new session if the last one was lost.
   */
  Connection borrow() throws SQLException {
    use.lock();
    try {
      return open();
    } catch (SQLException | RuntimeException e) {
      use.unlock();
      throw e;
    }
  }

  /** True when the calling thread has the session borrowed. */
  boolean borrowedHere() {
    return use.isHeldByCurrentThread();
  }

  /** Ends a {@link #borrow}; {@code reusable} false (not even a rollback worked) drops it. */
  void giveBack(Connection c, boolean reusable) {
    try {
      if (!reusable && c == conn) {
        drop("a write failed and could not be rolled back");
      }
    } finally {
      use.unlock();
    }
  }

  /**
   * One election step: a standby tries the lock, the leader checks its session still answers.
   * Skipped (the state unchanged) while a write has the session for longer than {@code waitMillis}:
   * that write checks the session as well as a {@code SELECT 1} would.
   *
   * @return whether this process leads after the step
   */
  boolean step(long waitMillis) throws InterruptedException {
    if (!use.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
      return leading;
    }
    try {
      if (closed) {
        return false;
      }
      Connection c = open();
      if (leading) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
          ps.setLong(1, LOCK_KEY);
          try (ResultSet rs = ps.executeQuery()) {
            leading = rs.next() && rs.getBoolean(1);
          }
        }
      }
      lastError = null;
    } catch (SQLException e) {
      drop(e.getMessage());
    } finally {
      use.unlock();
    }
    return leading;
  }

  /**
   * Refuses unless {@code c} is this session and it holds the lock (see the class comment for why a
   * commit on it then proves leadership).
   */
  void ensureLeading(Connection c, String what) {
    if (!leading || !use.isHeldByCurrentThread() || c != conn) {
      throw new NotLeaderException(
          "refused to "
              + what
              + " in database "
              + target.name()
              + ": this replica does not hold the leader lock");
    }
  }

  private Connection open() throws SQLException {
    if (closed) {
      throw new SQLException("the leader session of " + target.name() + " is closed");
    }
    if (conn != null) {
      return conn;
    }
    Properties p = new Properties();
    if (target.user() != null) {
      p.setProperty("user", target.user());
    }
    if (target.password() != null) {
      p.setProperty("password", target.password());
    }
    String timeout = Integer.toString(target.timeouts().leaderTimeoutSeconds());
    p.setProperty("socketTimeout", timeout);
    p.setProperty("connectTimeout", timeout);
    p.setProperty("loginTimeout", timeout);
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "senders-bot leader lock");
    Connection c = DriverManager.getConnection(target.url(), p);
    try (Statement s = c.createStatement()) {
      // Accepted on TCP connections; ignored on a Unix socket, where a dead peer is seen at once.
      s.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_SECONDS);
      s.execute("SET tcp_keepalives_interval = " + KEEPALIVE_INTERVAL_SECONDS);
      s.execute("SET tcp_keepalives_count = " + KEEPALIVE_COUNT);
    } catch (SQLException e) {
      SqliteConnections.closeQuietly(c);
      throw e;
    }
    conn = c;
    return c;
  }

  /** Forgets the session (the server frees the lock when it ends) and stops leading at once. */
  private void drop(String why) {
    boolean was = leading;
    leading = false;
    lastError = why;
    Connection c = conn;
    conn = null;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        SqliteConnections.closeQuietly(c);
      }
    }
    if (was) {
      log.warn("lost the leader lock on {}: {}", target.name(), why);
    }
  }

  /** Ends the session, which frees the lock; waits for a write in progress. */
  @Override
  public void close() {
    use.lock();
    try {
      closed = true;
      leading = false;
      Connection c = conn;
      conn = null;
      if (c != null) {
        SqliteConnections.closeQuietly(c);
      }
    } finally {
      use.unlock();
    }
  }
}
