package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/** The named numbers of the {@code bot_state} table, within a caller's transaction. */
final class BotStateRows {
  private BotStateRows() {}

  static OptionalLong get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM bot_state WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Sets the value, lower or not. */
  static void put(Connection c, String name, long value) throws SQLException {
    upsert(c, name, value, "");
  }

  /** Sets the value only where it moves it forward (or there was none). */
  static void raise(Connection c, String name, long value) throws SQLException {
    upsert(c, name, value, " WHERE excluded.value > bot_state.value");
  }

  static void delete(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM bot_state WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  private static void upsert(Connection c, String name, long value, String onlyIf)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO bot_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                + " SET value = excluded.value"
                + onlyIf)) {
      ps.setString(1, name);
      ps.setLong(2, value);
      ps.executeUpdate();
    }
  }
}
