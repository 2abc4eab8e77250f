package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link BotState} in the {@code bot_state} table (the offset) and {@code handled_updates} (updates
 * finished beyond it); its backlog in {@code update_backlog} ({@link SqliteUpdateBacklog}).
 */
public final class SqliteBotState implements BotState {
  private static final String LAST_UPDATE_ID = "last_update_id";
  private static final String CONFIRMED_OFFSET = "confirmed_offset";
  private static final String LAST_HEARD_AT = "last_heard_at";

  private final Database db;
  private final SqliteUpdateBacklog backlog;

  public SqliteBotState(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.backlog = new SqliteUpdateBacklog(db);
  }

  @Override
  public boolean leading() {
    return db.fence().leading();
  }

  @Override
  public UpdateBacklog backlog() {
    return backlog;
  }

  @Override
  public OptionalLong lastUpdateId() {
    return db.read("read the last handled update id", c -> BotStateRows.get(c, LAST_UPDATE_ID));
  }

  /**
   * Moves the offset to the update (an id at or below it changes nothing) and, in the same
   * transaction, forgets the out-of-order updates it now covers.
   */
  @Override
  public void markHandled(long updateId) {
    db.write(
        "record update " + updateId + " as handled",
        c -> {
          db.fence().ensureLeading(c, "move the Telegram offset to " + updateId);
          BotStateRows.raise(c, LAST_UPDATE_ID, updateId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM handled_updates WHERE update_id <="
                      + " (SELECT value FROM bot_state WHERE name = ?)")) {
            ps.setString(1, LAST_UPDATE_ID);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public OptionalLong confirmedOffset() {
    return db.read(
        "read the confirmed Telegram offset", c -> BotStateRows.get(c, CONFIRMED_OFFSET));
  }

  @Override
  public void markConfirmed(long offset) {
    db.write(
        "record the Telegram offset " + offset + " as confirmed",
        c -> {
          db.fence().ensureLeading(c, "record the Telegram offset " + offset + " as confirmed");
          BotStateRows.raise(c, CONFIRMED_OFFSET, offset);
          return null;
        });
  }

  @Override
  public void restartAt(long updateId) {
    db.write(
        "start the Telegram update ids over at " + updateId,
        c -> {
          db.fence().ensureLeading(c, "start the Telegram update ids over at " + updateId);
          BotStateRows.put(c, LAST_UPDATE_ID, updateId);
          BotStateRows.delete(c, CONFIRMED_OFFSET);
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM handled_updates")) {
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Instant> lastHeardAt() {
    OptionalLong at =
        db.read("read when the last update came", c -> BotStateRows.get(c, LAST_HEARD_AT));
    return at.isPresent() ? Optional.of(Instant.ofEpochMilli(at.getAsLong())) : Optional.empty();
  }

  @Override
  public void markHeard(Instant at) {
    db.write(
        "record when the last update came",
        c -> {
          db.fence().ensureLeading(c, "record when the last update came");
          BotStateRows.put(c, LAST_HEARD_AT, at.toEpochMilli());
          return null;
        });
  }

  @Override
  public void markDone(long updateId) {
    db.write(
        "record update " + updateId + " as handled out of order",
        c -> {
          db.fence().ensureLeading(c, "record update " + updateId + " as handled");
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO handled_updates (update_id) SELECT ? WHERE NOT EXISTS"
                      + " (SELECT 1 FROM bot_state WHERE name = ? AND value >= ?)"
                      + " ON CONFLICT DO NOTHING")) {
            ps.setLong(1, updateId);
            ps.setString(2, LAST_UPDATE_ID);
            ps.setLong(3, updateId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Set<Long> doneBeyondOffset() {
    return db.read(
        "read the updates handled beyond the offset",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT update_id FROM handled_updates WHERE update_id >"
                      + " coalesce((SELECT value FROM bot_state WHERE name = ?), -1)")) {
            ps.setString(1, LAST_UPDATE_ID);
            Set<Long> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
            return ids;
          }
        });
  }

  @Override
  public boolean isHandled(long updateId) {
    return db.read(
        "check whether update " + updateId + " was handled",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT EXISTS (SELECT 1 FROM bot_state WHERE name = ? AND value >= ?)"
                      + " OR EXISTS (SELECT 1 FROM handled_updates WHERE update_id = ?)")) {
            ps.setString(1, LAST_UPDATE_ID);
            ps.setLong(2, updateId);
            ps.setLong(3, updateId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() && rs.getBoolean(1);
            }
          }
        });
  }
}
