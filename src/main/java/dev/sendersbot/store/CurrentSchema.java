package dev.sendersbot.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.CRC32;

/**
 * Whether a SQLite file is already at this build's schema, read with plain JDBC: the usual case at
 * every start but the first after an upgrade. Then {@link Database} skips Flyway, whose set-up,
 * class-path work and validation cost about as much CPU as the rest of the start-up together.
 *
 * <p>The answer is yes only when there is no doubt: {@code flyway_schema_history} holds exactly
 * this build's scripts 1..latest, each applied successfully, in order, under its own file name and
 * description, with the checksum Flyway computes for the script this build ships (a baseline of a
 * file from before Flyway may stand for the first versions), and {@code PRAGMA user_version} is the
 * latest version. Anything else, a table missing, a row more or less, a failed or changed script,
 * an error while reading, is a no, and Flyway runs as before: it migrates, or refuses with its own
 * message.
 */
final class CurrentSchema {
  private CurrentSchema() {}

  /**
   * @return true when {@code c}'s database is at {@code migrations.latest()} exactly as this build
   *     would have left it
   */
  static boolean isCurrent(Connection c, Migrations migrations) {
    try {
      return LegacyHistory.userVersion(c) == migrations.latest() && historyMatches(c, migrations);
    } catch (SQLException | RuntimeException e) {
      return false; // any doubt: Flyway decides
    }
  }

  private static boolean historyMatches(Connection c, Migrations migrations) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + SchemaMigrator.HISTORY
                    + "'")) {
      if (!tables.next() || tables.getInt(1) != 1) {
        return false;
      }
    }
    int expected = 1;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, description, type, script, checksum, success FROM "
                    + SchemaMigrator.HISTORY
                    + " ORDER BY installed_rank")) {
      while (rs.next()) {
        if (!rs.getBoolean("success")) {
          return false;
        }
        int version = Integer.parseInt(rs.getString("version"));
        String type = rs.getString("type");
        if ("BASELINE".equals(type) && expected == 1 && version >= 1) {
          expected = version + 1; // a file from before Flyway, checked by LegacyHistory then
          continue;
        }
        if (!"SQL".equals(type) || version != expected || version > migrations.latest()) {
          return false;
        }
        Migrations.Migration m = migrations.get(version);
        Object checksum = rs.getObject("checksum");
        if (!m.fileName().equals(rs.getString("script"))
            || !m.name().replace('_', ' ').equals(rs.getString("description"))
            || !(checksum instanceof Number n)
            || n.intValue() != checksum(m.sql())) {
          return false;
        }
        expected++;
      }
    }
    return expected == migrations.latest() + 1;
  }

  /**
   * Flyway's checksum of a script: CRC-32 over the UTF-8 bytes of each line without its line break,
   * a byte-order mark dropped from the first. {@code CurrentSchemaTest} holds it to what Flyway
   * itself records.
   */
  static int checksum(String sql) {
    CRC32 crc = new CRC32();
    try (BufferedReader in = new BufferedReader(new StringReader(sql))) {
      String line = in.readLine();
      if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      while (line != null) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
        line = in.readLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }
}
