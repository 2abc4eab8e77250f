package dev.sendersbot.store;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChatRegistry} in the {@code chats} table. */
public final class SqliteChatRegistry implements ChatRegistry {
  private static final Logger log = LoggerFactory.getLogger(SqliteChatRegistry.class);
  private static final String COLUMNS = "chat_id, role, sub_client, title, granted_by, granted_at";

  private final Database db;

  public SqliteChatRegistry(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<ChatGrant> find(long chatId) {
    return db.read(
        "find the grant of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM chats WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(grant(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void grant(ChatGrant grant) {
    Objects.requireNonNull(grant, "grant");
    db.write(
        "grant " + grant.role().word() + " to chat " + grant.chatId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO chats ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (chat_id) DO UPDATE SET role = excluded.role,"
                      + " sub_client = excluded.sub_client, title = excluded.title,"
                      + " granted_by = excluded.granted_by, granted_at = excluded.granted_at")) {
            ps.setLong(1, grant.chatId());
            ps.setString(2, grant.role().word());
            setNullableString(ps, 3, grant.subClient());
            setNullableString(ps, 4, grant.title());
            ps.setLong(5, grant.grantedBy());
            ps.setLong(6, grant.grantedAt().toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean revoke(long chatId) {
    return db.write(
        "revoke chat " + chatId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM chats WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<ChatGrant> all() {
    return db.read(
        "list the granted chats",
        c -> {
          List<ChatGrant> grants = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM chats ORDER BY chat_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              grants.add(grant(rs));
            }
          }
          return grants;
        });
  }

  /**
   * Moves the rows of every table with a {@code chat_id} column (see {@link Database#chatTables})
   * from the old id to the new one, in one transaction. Where the new id already has a row that the
   * moved one would collide with (say, a grant made after the upgrade), the new id's row wins: it
   * is the more recent decision.
   */
  @Override
  public void migrate(long oldChatId, long newChatId) {
    if (oldChatId == newChatId) {
      return;
    }
    db.write(
        "move chat " + oldChatId + " to " + newChatId,
        c -> {
          for (String table : db.chatTables(c)) {
            String t = Identifiers.quote(table);
            int moved = db.moveChatRows(c, t, oldChatId, newChatId);
            int dropped;
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM " + t + " WHERE chat_id = ?")) {
              ps.setLong(1, oldChatId);
              dropped = ps.executeUpdate();
            }
            if (moved + dropped > 0) {
              log.info(
                  "chat {} -> {}: moved {} row(s) of {}, dropped {} the new id already had",
                  oldChatId,
                  newChatId,
                  moved,
                  table,
                  dropped);
            }
          }
          return null;
        });
    // The settings cache reads by chat id: once the rows moved, both ids' entries are wrong (the
    // new
    // id's may have been read as "nothing chosen" by an update that came before the move).
    SettingsCache cache = SettingsCache.of(db);
    cache.forget(oldChatId);
    cache.forget(newChatId);
  }

  private static ChatGrant grant(ResultSet rs) throws SQLException {
    long chatId = rs.getLong("chat_id");
    String word = rs.getString("role");
    Role role =
        Role.parse(word)
            .orElseThrow(
                () ->
                    new StoreException(
                        "chats row for chat " + chatId + " has an unknown role '" + word + "'"));
    return new ChatGrant(
        chatId,
        role,
        rs.getString("sub_client"),
        rs.getString("title"),
        rs.getLong("granted_by"),
        Instant.ofEpochMilli(rs.getLong("granted_at")));
  }

  static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
