package dev.sendersbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Raw look-ups for tests, so assertions do not go only through the code under test. */
final class Sql {
  private Sql() {}

  static long count(Database db, String table) {
    return db.read(c -> longValue(c, "SELECT count(*) FROM " + Identifiers.quote(table)));
  }

  static long longValue(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new AssertionError("no row from: " + sql);
      }
      return rs.getLong(1);
    }
  }

  static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new AssertionError("no row from: " + sql);
      }
      return rs.getString(1);
    }
  }

  /** A plain connection, outside Database, as another tool (or an older build) would open it. */
  static Connection raw(Path file) throws SQLException {
    Database.ensureNativeLibraryDirectory();
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }
}
