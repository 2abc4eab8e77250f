package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The schema history of SQLite files made before Flyway: the version in {@code PRAGMA
 * user_version}, and each applied script in a {@code schema_version} table (version, name,
 * applied_at). {@link SchemaMigrator} checks that history against this build's scripts and then has
 * Flyway baseline the file at that version, so only the newer scripts run; the old table stays, as
 * the record of when those first scripts ran.
 *
 * <p>{@code user_version} is kept at the schema version after every migration, so a build from
 * before Flyway refuses a file a newer build has migrated instead of writing to it.
 */
final class LegacyHistory {
  private LegacyHistory() {}

  /**
   * The version a pre-Flyway file is at; 0 when it has none.
   *
   * @throws StoreException when its history is not this build's, or it is newer than this build
   */
  static int version(Connection c, String name, Migrations migrations) throws SQLException {
    int current = userVersion(c);
    if (current == 0) {
      return 0;
    }
    if (current > migrations.latest()) {
      throw new StoreException(
          "database "
              + name
              + " has schema version "
              + current
              + ", newer than this build of senders-bot knows ("
              + migrations.latest()
              + "): run a newer senders-bot, or point storage at another database");
    }
    if (!SchemaMigrator.tables(c).contains("schema_version")) {
      throw new StoreException(
          "database "
              + name
              + " has schema version "
              + current
              + " but no schema_version table: it was not made by senders-bot");
    }
    Map<Integer, String> applied = new HashMap<>();
    try (Statement s = c.createStatement();
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
                + name
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
    return current;
  }

  /** {@code PRAGMA user_version} of a SQLite connection's file. */
  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  static void recordUserVersion(DataSource dataSource, String name, int version) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      // A pragma takes no bound parameter; the version is this build's own integer.
      s.execute("PRAGMA user_version = " + version);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot record schema version "
              + version
              + " in database "
              + name
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
