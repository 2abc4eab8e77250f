package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UpdateBacklog} in the {@code update_backlog} table. Parking writes {@code handled_updates}
 * too (the table {@link SqliteBotState} keeps), in the same transaction.
 */
final class SqliteUpdateBacklog implements UpdateBacklog {
  private final Database db;

  SqliteUpdateBacklog(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void park(List<Parked> parked, List<Long> dropped) {
    if (parked.isEmpty() && dropped.isEmpty()) {
      return;
    }
    db.write(
        "park " + parked.size() + " update(s), drop " + dropped.size(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO update_backlog (update_id, chat_id, payload) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            for (Parked p : parked) {
              ps.setLong(1, p.updateId());
              ps.setLong(2, p.chatId());
              ps.setString(3, p.payload());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO handled_updates (update_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            for (Parked p : parked) {
              ps.setLong(1, p.updateId());
              ps.addBatch();
            }
            for (long id : dropped) {
              ps.setLong(1, id);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public Optional<Parked> next(long chatId, long afterUpdateId) {
    return db.read(
        "read the next parked update of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT update_id, payload FROM update_backlog WHERE chat_id = ? AND update_id > ?"
                      + " ORDER BY update_id LIMIT 1")) {
            ps.setLong(1, chatId);
            ps.setLong(2, afterUpdateId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Parked(rs.getLong(1), chatId, rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void remove(long updateId) {
    db.write(
        "forget parked update " + updateId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM update_backlog WHERE update_id = ?")) {
            ps.setLong(1, updateId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Map<Long, Integer> counts() {
    return db.read(
        "count the parked updates",
        c -> {
          Map<Long, Integer> counts = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT chat_id, count(*) FROM update_backlog GROUP BY chat_id ORDER BY min(update_id)");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(rs.getLong(1), rs.getInt(2));
            }
          }
          return counts;
        });
  }

  @Override
  public List<Long> ids() {
    return db.read(
        "list the parked updates",
        c -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT update_id FROM update_backlog ORDER BY update_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
          return ids;
        });
  }

  @Override
  public void moveChat(long oldChatId, long newChatId) {
    if (oldChatId == newChatId) {
      return;
    }
    db.write(
        "move the parked updates of chat " + oldChatId + " to " + newChatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE update_backlog SET chat_id = ? WHERE chat_id = ?")) {
            ps.setLong(1, newChatId);
            ps.setLong(2, oldChatId);
            ps.executeUpdate();
          }
          return null;
        });
  }
}
