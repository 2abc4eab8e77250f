package dev.sendersbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The bot's database, opened once per process and shared by every repository: a SQLite file (the
 * default, {@link #open(Path)}) or a PostgreSQL database ({@link #open(PostgresTarget)}). The
 * repositories' SQL is the same for both; what differs lives in an {@link Engine}.
 *
 * <h2>Connections</h2>
 *
 * <p>All writes run one at a time behind one fair lock, each in its own transaction ({@code BEGIN
 * IMMEDIATE} on SQLite, so concurrent callers queue in the process instead of meeting {@code
 * SQLITE_BUSY}). On SQLite they share one writer connection; on PostgreSQL each borrows one from a
 * HikariCP pool. Reads run side by side, each in one transaction so it sees one consistent
 * snapshot: on SQLite on a small {@link ReaderPool} of query-only connections (in WAL mode they run
 * while a write is in progress), on PostgreSQL in read-only transactions from the pool. A {@link
 * #write} inside a write on the same thread joins the outer transaction under a savepoint (its
 * failure undoes only its own work), and a {@link #read} inside a write reads on the writer, so it
 * sees what the write has done so far. {@link SqliteConnections} gives every SQLite connection WAL,
 * {@code synchronous=NORMAL}, a busy timeout and foreign keys on.
 *
 * <p>The work passed to {@code read} and {@code write} must not commit, roll back or change
 * auto-commit itself, and must bind every value as a parameter.
 *
 * <h2>Schema migrations</h2>
 *
 * <p>The schema is built by Flyway from scripts on the class path, one folder per {@link Dialect}:
 * SQLite's {@code db/migration/V<n>__<what>.sql}, PostgreSQL's {@code
 * db/migration/postgresql/V<n>__<what>.sql}, each folder listing its scripts in order in an {@code
 * index.txt} (a list, not a folder scan, so they are found inside the shaded jar; see {@link
 * Migrations}). {@link #open} has the {@link SchemaMigrator} apply those the database has not had
 * yet, and refuses one from a newer or a different build (a SQLite file already at this build's
 * schema is recognised without Flyway, {@link CurrentSchema}); a SQLite file of the releases before
 * Flyway is taken over where its own history left it ({@link LegacyHistory}).
 *
 * <p>How to add tables, and the rules for a script: {@link Migrations}.
 *
 * <p>Repository SQL that both engines accept: {@code INSERT ... ON CONFLICT ... DO UPDATE/NOTHING}
 * (never {@code INSERT OR REPLACE/IGNORE}), {@code RETURNING} for a new row's id, {@code coalesce}
 * not {@code ifnull}, {@code CASE} not the two-argument {@code max}; {@code COLLATE NOCASE} works
 * in both, because PostgreSQL's first script creates a case-insensitive collation named {@code
 * nocase}.
 */
public final class Database implements AutoCloseable {
  static final String MIGRATIONS = "db/migration";

  /** The column name by which {@link #chatTables()} finds the tables keyed by chat. */
  public static final String CHAT_ID = "chat_id";

  private static final long WRITE_LOCK_WAIT_SECONDS = 60;

  private final Engine engine;
  private final int schemaVersion;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private Connection writer; // guarded by writeLock; set while a write is under way
  private int writeDepth; // guarded by writeLock
  private volatile boolean closed;

  private Database(Engine engine, int schemaVersion) {
    this.engine = engine;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens (creating it and its parent directories when missing) the SQLite database file and brings
   * its schema up to date.
   *
   * @throws StoreException when the file cannot be opened, is not this bot's database, comes from a
   *     newer build, or a migration fails (naming the file, the versions and the script)
   */
  public static Database open(Path file) {
    return open(file, Migrations.shipped(), Integer.MAX_VALUE);
  }

  /** Test hook: opens applying migrations only up to {@code upToVersion}. */
  static Database open(Path file, int upToVersion) {
    return open(file, Migrations.shipped(), upToVersion);
  }

  static Database open(Path file, Migrations migrations, int upToVersion) {
    Objects.requireNonNull(file, "file");
    SqliteEngine engine = SqliteEngine.open(file);
    // The usual start: the file is at this build's schema, and Flyway (the larger part of the
    // start-up's CPU) is not needed to say so. Any doubt, and it runs as always.
    if (upToVersion >= migrations.latest()
        && CurrentSchema.isCurrent(engine.borrowWriter(), migrations)) {
      return new Database(engine, migrations.latest());
    }
    Path path = engine.file();
    return migrated(engine, SqliteConnections.forMigrations(path), migrations, upToVersion);
  }

  /**
   * Opens a PostgreSQL database (which must exist; the bot creates its tables in the login's
   * current schema) and brings its schema up to date.
   *
   * @throws StoreException when the server cannot be reached or refuses the login, the database is
   *     not this bot's, comes from a newer build, or a migration fails; the message names the URL
   *     without its secrets
   */
  public static Database open(PostgresTarget target) {
    return open(target, Migrations.load(Dialect.POSTGRESQL.migrations()), Integer.MAX_VALUE);
  }

  static Database open(PostgresTarget target, Migrations migrations, int upToVersion) {
    Objects.requireNonNull(target, "target");
    PostgresEngine engine = PostgresEngine.open(target);
    return migrated(engine, engine.dataSource(), migrations, upToVersion);
  }

  private static Database migrated(
      Engine engine, DataSource forMigrations, Migrations migrations, int upToVersion) {
    try {
      // Before anyone else has the database.
      int version =
          new SchemaMigrator(forMigrations, engine.dialect(), engine.name())
              .migrate(migrations, upToVersion);
      return new Database(engine, version);
    } catch (RuntimeException e) {
      // No PRAGMA optimize here: a refused file is left as it was found.
      engine.close();
      throw e;
    }
  }

  /** Test hook: see {@link SqliteConnections#ensureNativeLibraryDirectory}. */
  static void ensureNativeLibraryDirectory() {
    SqliteConnections.ensureNativeLibraryDirectory();
  }

  /**
   * The SQLite database file, absolute.
   *
   * @throws IllegalStateException on PostgreSQL, which has no file
   */
  public Path file() {
    if (engine instanceof SqliteEngine sqlite) {
      return sqlite.file();
    }
    throw new IllegalStateException("database " + engine.name() + " is not a SQLite file");
  }

  /** The database as messages name it: the SQLite file, or the PostgreSQL URL without secrets. */
  public String name() {
    return engine.name();
  }

  Dialect dialect() {
    return engine.dialect();
  }

  Engine engine() {
    return engine;
  }

  /** Whether this process may act as the leader: {@link Engine#fence()}. */
  public Fence fence() {
    return engine.fence();
  }

  /** The schema version the database is at (its last Flyway migration). */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The schema version this build brings a database to. */
  public static int latestSchemaVersion() {
    return Migrations.shipped().latest();
  }

  /**
   * Runs {@code work} in a write transaction: committed when it returns, rolled back when it
   * throws. Writes are serialised, so {@code SQLITE_BUSY} never reaches the caller.
   *
   * @throws StoreException when the work throws {@link SQLException}; other exceptions pass as they
   *     are, after the rollback
   */
  public <T> T write(SqlFunction<Connection, T> work) {
    return write("write", work);
  }

  /**
   * As {@link #write(SqlFunction)}, naming the operation ({@code "record an audit entry"}) in any
   * error.
   */
  public <T> T write(String what, SqlFunction<Connection, T> work) {
    Objects.requireNonNull(work, "work");
    lockForWrite(what);
    try {
      ensureOpen(what);
      return writeDepth == 0 ? transaction(what, work) : savepoint(what, work);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T transaction(String what, SqlFunction<Connection, T> work) {
    Connection c = borrow(what, true);
    boolean reusable = false;
    writer = c;
    writeDepth++;
    try {
      exec(c, what, engine.dialect().beginWrite());
      try {
        T result = work.apply(c);
        exec(c, what, "COMMIT");
        reusable = true;
        return result;
      } catch (SQLException e) {
        reusable = SqliteConnections.rollback(c, e);
        throw failure(what, e);
      } catch (RuntimeException | Error e) {
        reusable = SqliteConnections.rollback(c, e);
        throw e;
      }
    } finally {
      writeDepth--;
      writer = null;
      engine.returnWriter(c, reusable);
    }
  }

  private <T> T savepoint(String what, SqlFunction<Connection, T> work) {
    String name = "nested_" + writeDepth;
    exec(writer, what, "SAVEPOINT " + name);
    writeDepth++;
    try {
      T result = work.apply(writer);
      exec(writer, what, "RELEASE " + name);
      return result;
    } catch (SQLException e) {
      undo(name, e);
      throw failure(what, e);
    } catch (RuntimeException | Error e) {
      undo(name, e);
      throw e;
    } finally {
      writeDepth--;
    }
  }

  private void undo(String savepoint, Throwable cause) {
    try (Statement s = writer.createStatement()) {
      s.execute("ROLLBACK TO " + savepoint);
      s.execute("RELEASE " + savepoint);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Runs {@code work} in a read transaction on a query-only connection (on the writer, when the
   * calling thread is inside a write).
   *
   * @throws StoreException when the work throws {@link SQLException}
   */
  public <T> T read(SqlFunction<Connection, T> work) {
    return read("read", work);
  }

  /** As {@link #read(SqlFunction)}, naming the operation in any error. */
  public <T> T read(String what, SqlFunction<Connection, T> work) {
    Objects.requireNonNull(work, "work");
    if (writeLock.isHeldByCurrentThread() && writer != null) {
      ensureOpen(what);
      try {
        return work.apply(writer);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
    ensureOpen(what);
    Connection c = borrow(what, false);
    boolean reusable = false;
    try {
      exec(c, what, engine.dialect().beginRead());
      T result;
      try {
        result = work.apply(c);
      } catch (SQLException e) {
        reusable = SqliteConnections.rollback(c, e);
        throw failure(what, e);
      } catch (RuntimeException | Error e) {
        reusable = SqliteConnections.rollback(c, e);
        throw e;
      }
      exec(c, what, "COMMIT");
      reusable = true;
      return result;
    } finally {
      engine.returnReader(c, reusable);
    }
  }

  /**
   * Every table with a {@value #CHAT_ID} column, by name: the rows that follow a chat to its new id
   * when a group becomes a supergroup. Naming the column {@code chat_id} is how a feature's table
   * registers for that.
   */
  public List<String> chatTables() {
    return read("list the tables keyed by chat", c -> engine.tablesWithColumn(c, CHAT_ID));
  }

  /** As {@link #chatTables()}, on a connection already in use. */
  List<String> chatTables(Connection c) throws SQLException {
    return engine.tablesWithColumn(c, CHAT_ID);
  }

  /** See {@link Engine#moveChatRows}. */
  int moveChatRows(Connection c, String quotedTable, long oldChatId, long newChatId)
      throws SQLException {
    return engine.moveChatRows(c, quotedTable, oldChatId, newChatId);
  }

  /** Closes every connection; further use throws. Waits for a write in progress. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      engine.beforeClose();
      engine.close();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Database[" + engine.name() + "]";
  }

  // --- plumbing --------------------------------------------------------------------------------

  private void lockForWrite(String what) {
    try {
      if (!writeLock.tryLock(WRITE_LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreException(
            "could not "
                + what
                + " in database "
                + engine.name()
                + ": another write held the lock for "
                + WRITE_LOCK_WAIT_SECONDS
                + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(
          "interrupted while waiting to " + what + " in database " + engine.name(), e);
    }
  }

  private void ensureOpen(String what) {
    if (closed) {
      throw new StoreException("cannot " + what + ": database " + engine.name() + " is closed");
    }
  }

  private Connection borrow(String what, boolean forWrite) {
    try {
      return forWrite ? engine.borrowWriter() : engine.borrowReader();
    } catch (SQLException e) {
      throw new StoreException(
          "cannot "
              + what
              + ": cannot open a connection to database "
              + engine.name()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        "could not " + what + " in database " + engine.name() + ": " + e.getMessage(), e);
  }

  private void exec(Connection c, String what, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }
}
