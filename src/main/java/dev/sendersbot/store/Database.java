package dev.sendersbot.store;

import dev.sendersbot.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's SQLite database: one file, opened once per process and shared by every repository.
 *
 * <h2>Connections</h2>
 *
 * <p>All writes go through one connection behind one fair lock, each in its own {@code BEGIN
 * IMMEDIATE} transaction, so concurrent callers queue in the process instead of meeting {@code
 * SQLITE_BUSY}. Reads use a small {@link ReaderPool} of query-only connections, each read in one
 * transaction so it sees one consistent snapshot; in WAL mode they run while a write is in
 * progress. A {@link #write} inside a write on the same thread joins the outer transaction under a
 * savepoint (its failure undoes only its own work), and a {@link #read} inside a write reads on the
 * writer, so it sees what the write has done so far. {@link SqliteConnections} gives every
 * connection WAL, {@code synchronous=NORMAL}, a busy timeout and foreign keys on.
 *
 * <p>The work passed to {@code read} and {@code write} must not commit, roll back or change
 * auto-commit itself, and must bind every value as a parameter.
 *
 * <h2>Schema migrations</h2>
 *
 * <p>The schema is built by scripts on the class path, {@code db/migration/V<n>__<what>.sql},
 * listed in order in {@code db/migration/index.txt} (a list, not a folder scan, so they are found
 * inside the shaded jar; see {@link Migrations}). {@link #open} has the {@link MigrationRunner}
 * apply those the file has not had yet, and refuses a file from a newer or a different build.
 *
 * <p>To add tables (say, for the watcher):
 *
 * <ol>
 *   <li>write {@code src/main/resources/db/migration/V<n>__<what>.sql}, {@code n} one above the
 *       last, {@code what} in lower case with underscores;
 *   <li>add its file name as a new last line of {@code db/migration/index.txt} ({@code
 *       MigrationIndexTest} fails when a script is not listed).
 * </ol>
 *
 * <p>Rules for a script: plain statements separated by {@code ;}, no {@code BEGIN}/{@code COMMIT};
 * never edit or renumber a script once it has shipped, write a new one; times are {@code INTEGER}
 * milliseconds since the epoch (UTC); a column holding a Telegram chat id is named {@code chat_id},
 * which is all it takes for {@link dev.sendersbot.access.ChatRegistry#migrate} to move its rows
 * when a group becomes a supergroup (see {@link #chatTables}). Scripts run with foreign keys off,
 * and a {@code PRAGMA foreign_key_check} must pass before each commits, so a table may be rebuilt
 * the way SQLite's ALTER TABLE documentation describes.
 */
public final class Database implements AutoCloseable {
  static final String MIGRATIONS = "db/migration";

  /** The column name by which {@link #chatTables()} finds the tables keyed by chat. */
  public static final String CHAT_ID = "chat_id";

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final long WRITE_LOCK_WAIT_SECONDS = 60;

  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final ReaderPool readers;
  private int writeDepth; // guarded by writeLock
  private volatile boolean closed;

  private Database(Path file, Connection writer) {
    this.file = file;
    this.writer = writer;
    this.readers = new ReaderPool(file);
  }

  /**
   * Opens (creating it and its parent directories when missing) the database file and brings its
   * schema up to date.
   *
   * @throws StoreException when the file cannot be opened, is not this bot's database, comes from a
   *     newer build, or a migration fails (naming the file, the versions and the script)
   */
  public static Database open(Path file) {
    return open(file, Migrations.shipped(), Integer.MAX_VALUE, SystemTime.clock());
  }

  /** Test hook: opens applying migrations only up to {@code upToVersion}. */
  static Database open(Path file, int upToVersion) {
    return open(file, Migrations.shipped(), upToVersion, SystemTime.clock());
  }

  static Database open(Path file, Migrations migrations, int upToVersion, Clock clock) {
    Objects.requireNonNull(file, "file");
    Path path = file.toAbsolutePath().normalize();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the directory of database " + path + ": " + e.getMessage(), e);
    }
    if (Files.isDirectory(path)) {
      throw new StoreException("database " + path + " is a directory, not a file");
    }
    Connection writer;
    try {
      writer = SqliteConnections.open(path, false);
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + path + ": " + e.getMessage(), e);
    }
    try {
      // Before anyone else has the file: the runner needs the writer to itself.
      new MigrationRunner(writer, path, clock).migrate(migrations, upToVersion);
    } catch (RuntimeException e) {
      // No PRAGMA optimize here: a refused file is left as it was found.
      SqliteConnections.closeQuietly(writer);
      throw e;
    }
    return new Database(path, writer);
  }

  /** Test hook: see {@link SqliteConnections#ensureNativeLibraryDirectory}. */
  static void ensureNativeLibraryDirectory() {
    SqliteConnections.ensureNativeLibraryDirectory();
  }

  /** The database file, absolute. */
  public Path file() {
    return file;
  }

  /** The schema version the file is at ({@code PRAGMA user_version}). */
  public int schemaVersion() {
    return read("read the schema version", MigrationRunner::userVersion);
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
    writeDepth++;
    try {
      exec(writer, what, "BEGIN IMMEDIATE");
      try {
        T result = work.apply(writer);
        exec(writer, what, "COMMIT");
        return result;
      } catch (SQLException e) {
        SqliteConnections.rollback(writer, e);
        throw failure(what, e);
      } catch (RuntimeException | Error e) {
        SqliteConnections.rollback(writer, e);
        throw e;
      }
    } finally {
      writeDepth--;
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
    if (writeLock.isHeldByCurrentThread()) {
      ensureOpen(what);
      try {
        return work.apply(writer);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
    ensureOpen(what);
    Connection c = borrowReader(what);
    boolean reusable = false;
    try {
      exec(c, what, "BEGIN");
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
      readers.giveBack(c, reusable);
    }
  }

  /**
   * Every table with a {@value #CHAT_ID} column, by name: the rows that follow a chat to its new id
   * when a group becomes a supergroup. Naming the column {@code chat_id} is how a feature's table
   * registers for that.
   */
  public List<String> chatTables() {
    return read("list the tables keyed by chat", c -> tablesWithColumn(c, CHAT_ID));
  }

  static List<String> tablesWithColumn(Connection c, String column) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
                + " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND p.name = ? ORDER BY m.name")) {
      ps.setString(1, column);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  /** A table name quoted for SQL, for the few statements whose table is not fixed. */
  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
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
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA optimize");
      } catch (SQLException e) {
        log.debug("PRAGMA optimize on {} failed: {}", file, e.getMessage());
      }
      SqliteConnections.closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
    readers.close();
  }

  @Override
  public String toString() {
    return "Database[" + file + "]";
  }

  // --- plumbing --------------------------------------------------------------------------------

  private void lockForWrite(String what) {
    try {
      if (!writeLock.tryLock(WRITE_LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreException(
            "could not "
                + what
                + " in database "
                + file
                + ": another write held the lock for "
                + WRITE_LOCK_WAIT_SECONDS
                + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to " + what + " in database " + file, e);
    }
  }

  private void ensureOpen(String what) {
    if (closed) {
      throw new StoreException("cannot " + what + ": database " + file + " is closed");
    }
  }

  private Connection borrowReader(String what) {
    try {
      return readers.borrow();
    } catch (SQLException e) {
      throw new StoreException(
          "cannot "
              + what
              + ": cannot open a connection to database "
              + file
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        "could not " + what + " in database " + file + ": " + e.getMessage(), e);
  }

  private void exec(Connection c, String what, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }
}
