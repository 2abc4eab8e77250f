package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.OptionalLong;

/** {@link BotState} in the {@code bot_state} table. */
public final class SqliteBotState implements BotState {
  private static final String LAST_UPDATE_ID = "last_update_id";

  private final Database db;

  public SqliteBotState(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public OptionalLong lastUpdateId() {
    return db.read("read the last handled update id", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT value FROM bot_state WHERE name = ?")) {
        ps.setString(1, LAST_UPDATE_ID);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    });
  }

  /** Records the update as handled; an id at or below the recorded one changes nothing. */
  @Override
  public void markHandled(long updateId) {
    db.write("record update " + updateId + " as handled", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO bot_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
              + " SET value = excluded.value WHERE excluded.value > bot_state.value")) {
        ps.setString(1, LAST_UPDATE_ID);
        ps.setLong(2, updateId);
        ps.executeUpdate();
      }
      return null;
    });
  }
}
