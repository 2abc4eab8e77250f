package dev.sendersbot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * How {@link Database} opens and lets go of its SQLite connections: the writer in WAL mode without
 * auto-checkpoints, the readers query-only, every one with a busy timeout, foreign keys on and
 * {@code synchronous=NORMAL}. The settings live here so the writer and the readers cannot drift
 * apart.
 */
final class SqliteConnections {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private SqliteConnections() {}

  static Connection open(Path path, boolean reader) throws SQLException {
    if (!reader) {
      ensureNativeLibraryDirectory();
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    if (!reader) {
      // The journal mode is a property of the file: the writer sets it, readers inherit it.
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    Connection c = config.createConnection("jdbc:sqlite:" + path);
    try (Statement s = c.createStatement()) {
      if (reader) {
        s.execute("PRAGMA query_only = ON");
      } else {
        // A commit never checkpoints: the copy into the database file ends in fsyncs, and on the
        // writer every write queued behind it would wait for them. WalCheckpointer does it.
        s.execute("PRAGMA wal_autocheckpoint = 0");
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
          String mode = rs.next() ? rs.getString(1) : "?";
          if (!"wal".equalsIgnoreCase(mode)) {
            log.warn(
                "database {} runs in journal mode {}, not WAL: reads will wait for writes",
                path,
                mode);
          }
        }
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  /**
   * The connection {@link WalCheckpointer} copies the log into the database file on: neither the
   * writer nor a reader, so a checkpoint holds up neither.
   */
  static Connection openCheckpointer(Path path) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // NORMAL: the log is synced before its pages are copied, and the file after, so restarting
    // the log cannot lose a commit.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return config.createConnection("jdbc:sqlite:" + path);
  }

  /**
   * Connections for the schema migrations: foreign keys off, so a script may rebuild a table the
   * way SQLite's ALTER TABLE documentation describes (each script's keys are checked before it
   * commits).
   */
  static DataSource forMigrations(Path path) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(false);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + path);
    return ds;
  }

  /**
   * sqlite-jdbc unpacks its native library into {@code org.sqlite.tmpdir}, else {@code
   * java.io.tmpdir}; when that directory does not exist it fails with a misleading "No native
   * library found". Surefire, for one, names a {@code target/tmp} it does not create.
   */
  static void ensureNativeLibraryDirectory() {
    String dir = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Files.createDirectories(Path.of(dir));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot create {} for SQLite's native library: {}", dir, e.toString());
    }
  }

  /** Rolls back; false when even that failed and the connection should not be used again. */
  static boolean rollback(Connection c, Throwable cause) {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a database connection failed: {}", e.getMessage());
    }
  }
}
