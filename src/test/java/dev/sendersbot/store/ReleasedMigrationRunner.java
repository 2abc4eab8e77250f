package dev.sendersbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema runner of the releases before Flyway, kept word for word (but for its name) so tests
 * can build a database exactly as those releases left it, and check that this build takes it over.
 * What it did:
 *
 * <p>Each script the file has not had yet runs in its own transaction, in order, and is recorded in
 * {@code schema_version} (version, name, applied_at) and in {@code PRAGMA user_version}, so a
 * failure leaves the file at the last version that worked. A file from a newer build is refused, as
 * is one whose applied history differs from this build's scripts, and a file holding tables but no
 * version (somebody else's database): the bot never changes what it cannot account for.
 *
 * <p>Scripts run with foreign keys off, and {@code PRAGMA foreign_key_check} must pass before each
 * commits, so a table may be rebuilt the way SQLite's ALTER TABLE documentation describes.
 */
final class ReleasedMigrationRunner {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Connection writer;
  private final Path file;
  private final Clock clock;

  /**
   * @param writer the file's writer connection, in auto-commit mode, used by no one else meanwhile
   * @param file the file, for messages
   * @param clock dates {@code applied_at}
   */
  ReleasedMigrationRunner(Connection writer, Path file, Clock clock) {
    this.writer = writer;
    this.file = file;
    this.clock = clock;
  }

  /**
   * Applies the migrations the file lacks, up to {@code upToVersion} (tests stop early to build an
   * old file).
   *
   * @throws StoreException naming the file, the versions and the script
   */
  void migrate(Migrations migrations, int upToVersion) {
    try {
      int current = userVersion(writer);
      int latest = migrations.latest();
      if (current > latest) {
        throw new StoreException(
            "database "
                + file
                + " has schema version "
                + current
                + ", newer than this build of senders-bot knows ("
                + latest
                + "): run a newer senders-bot, or set storage.database to another file");
      }
      if (current == 0) {
        List<String> foreign = tablesOtherThanSchemaVersion();
        if (!foreign.isEmpty()) {
          throw new StoreException(
              "database "
                  + file
                  + " already holds tables "
                  + foreign
                  + " but no senders-bot schema version: refusing to change a database the bot"
                  + " did not create");
        }
      } else {
        checkHistory(migrations, current);
      }
      int target = Math.min(upToVersion, latest);
      if (current >= target) {
        return;
      }
      exec("turn foreign keys off for migrations", "PRAGMA foreign_keys = OFF");
      try {
        for (int v = current + 1; v <= target; v++) {
          apply(migrations.get(v));
        }
      } finally {
        exec("turn foreign keys back on", "PRAGMA foreign_keys = ON");
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot check the schema of database " + file + ": " + e.getMessage(), e);
    }
  }

  /** The schema version a connection's file is at ({@code PRAGMA user_version}). */
  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private List<String> tablesOtherThanSchemaVersion() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = writer.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_version'"
                    + " ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /**
   * The database's record of applied scripts must match this build's scripts of the same numbers.
   */
  private void checkHistory(Migrations migrations, int current) throws SQLException {
    boolean recorded;
    try (Statement s = writer.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
      recorded = rs.next();
    }
    if (!recorded) {
      throw new StoreException(
          "database "
              + file
              + " has schema version "
              + current
              + " but no schema_version table: it was not made by senders-bot");
    }
    Map<Integer, String> applied = new HashMap<>();
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, name FROM schema_version")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    for (int v = 1; v <= current; v++) {
      String expected = migrations.get(v).name();
      String had = applied.get(v);
      if (!expected.equals(had)) {
        throw new StoreException(
            "database "
                + file
                + " is at schema version "
                + current
                + " but has "
                + (had == null ? "no record" : "'" + had + "'")
                + " for migration "
                + v
                + " where this build has '"
                + expected
                + "': it was made by a different build of senders-bot");
      }
    }
  }

  private void apply(Migrations.Migration m) {
    int before = m.version() - 1;
    try (Statement s = writer.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        s.executeUpdate(m.sql());
        try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
          if (rs.next()) {
            throw new SQLException("it leaves a foreign key broken in table " + rs.getString(1));
          }
        }
        try (PreparedStatement ps =
            writer.prepareStatement(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.name());
          ps.setString(3, clock.instant().toString());
          ps.executeUpdate();
        }
        // A pragma takes no bound parameter; the version is this build's own integer.
        s.execute("PRAGMA user_version = " + m.version());
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        SqliteConnections.rollback(writer, e);
        throw e;
      }
      log.info("database {}: applied migration {}", file, m.fileName());
    } catch (SQLException e) {
      throw new StoreException(
          "migration "
              + m.resource()
              + " failed on database "
              + file
              + " (left at schema version "
              + before
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private void exec(String what, String sql) {
    try (Statement s = writer.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new StoreException(
          "could not " + what + " in database " + file + ": " + e.getMessage(), e);
    }
  }
}
