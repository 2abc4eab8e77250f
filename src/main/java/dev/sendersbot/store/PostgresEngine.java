package dev.sendersbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A PostgreSQL database through a HikariCP pool. Writes still run one at a time in the process (see
 * {@link Database}): the repositories' read-then-write steps rely on it, and one replica is active
 * at a time anyway; reads run side by side on pooled connections.
 */
final class PostgresEngine implements Engine {
  /** SQLSTATE of a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final int POOL_SIZE = 8;

  private final PostgresTarget target;
  private final HikariDataSource pool;

  /** Where writes go once this process joins the leader election; null: the pool. */
  private volatile LeaderSession leaderSession;

  /** The last session set, kept after it is unset so a write borrowed from it returns there. */
  private volatile LeaderSession lastSession;

  private volatile Fence fence = Fence.NONE;

  private PostgresEngine(PostgresTarget target, HikariDataSource pool) {
    this.target = target;
    this.pool = pool;
  }

  /**
   * Opens the pool and one connection, so a wrong address or password fails here.
   *
   * @throws StoreException naming the URL without its secrets
   */
  static PostgresEngine open(PostgresTarget target) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("senders-bot-db");
    config.setJdbcUrl(target.url());
    if (target.user() != null) {
      config.setUsername(target.user());
    }
    if (target.password() != null) {
      config.setPassword(target.password());
    }
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(target.timeouts().connect().toMillis());
    config.setAutoCommit(true);
    try {
      return new PostgresEngine(target, new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to database " + target.name() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  DataSource dataSource() {
    return pool;
  }

  PostgresTarget target() {
    return target;
  }

  /**
   * Sends every write to the leader lock's session from now on (null: back to the pool). Writes run
   * one at a time in the process anyway, so one connection costs them nothing, and a write that
   * must be fenced then commits on the lock's own session ({@link LeaderSession}).
   */
  @Override
  public Fence fence() {
    return fence;
  }

  void fenceWith(Fence f) {
    this.fence = f;
  }

  void writeOn(LeaderSession session) {
    if (session != null) {
      this.lastSession = session;
    }
    this.leaderSession = session;
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public Connection borrowWriter() throws SQLException {
    LeaderSession s = leaderSession;
    return s != null ? s.borrow() : pool.getConnection();
  }

  @Override
  public void returnWriter(Connection c, boolean reusable) {
    LeaderSession s = lastSession;
    if (s != null && s.borrowedHere()) {
      s.giveBack(c, reusable);
      return;
    }
    giveBack(c, reusable);
  }

  @Override
  public Connection borrowReader() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void returnReader(Connection c, boolean reusable) {
    giveBack(c, reusable);
  }

  private void giveBack(Connection c, boolean reusable) {
    if (!reusable) {
      pool.evictConnection(c);
      return;
    }
    SqliteConnections.closeQuietly(c); // back to the pool
  }

  @Override
  public List<String> tablesWithColumn(Connection c, String column) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.relname FROM pg_class AS t JOIN pg_attribute AS a ON a.attrelid = t.oid"
                + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind = 'r'"
                + " AND a.attname = ? AND NOT a.attisdropped ORDER BY t.relname")) {
      ps.setString(1, column);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  /**
   * PostgreSQL has no {@code UPDATE OR IGNORE}: all rows at once when none collides (the usual
   * case), else row by row, each under a savepoint, keeping those that do not collide.
   */
  @Override
  public int moveChatRows(Connection c, String quotedTable, long oldChatId, long newChatId)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET CONSTRAINTS ALL DEFERRED");
    }
    // Savepoints by statement: the connection is in auto-commit mode under Database's BEGIN.
    exec(c, "SAVEPOINT move_all");
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE " + quotedTable + " SET chat_id = ? WHERE chat_id = ?")) {
      ps.setLong(1, newChatId);
      ps.setLong(2, oldChatId);
      int moved = ps.executeUpdate();
      exec(c, "RELEASE SAVEPOINT move_all");
      return moved;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      exec(c, "ROLLBACK TO SAVEPOINT move_all");
      exec(c, "RELEASE SAVEPOINT move_all");
    }
    List<String> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ctid::text FROM " + quotedTable + " WHERE chat_id = ?")) {
      ps.setLong(1, oldChatId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    }
    int moved = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + quotedTable + " SET chat_id = ? WHERE ctid = ?::tid AND chat_id = ?")) {
      for (String row : rows) {
        exec(c, "SAVEPOINT move_one");
        ps.setLong(1, newChatId);
        ps.setString(2, row);
        ps.setLong(3, oldChatId);
        try {
          moved += ps.executeUpdate();
        } catch (SQLException e) {
          if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
          exec(c, "ROLLBACK TO SAVEPOINT move_one");
        }
        exec(c, "RELEASE SAVEPOINT move_one");
      }
    }
    return moved;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void beforeClose() {}

  @Override
  public void close() {
    pool.close();
  }
}
