package dev.sendersbot.store;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.access.UnknownChatTally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditLog} in the {@code audit} table, and the unknown chats' counts in {@code
 * stranger_hits}. Times are kept to the millisecond.
 */
public final class SqliteAuditLog implements AuditLog {
  /** The row of an hour's unknown chats beyond the first {@value #UNKNOWN_CHATS_PER_HOUR}. */
  static final long SHARED_CHAT_ID = 0;

  private static final long HOUR_MS = 3_600_000;
  private static final String COLUMNS =
      "id, at, chat_id, user_id, username, command, args, sender_name, decision, outcome, sub_client";

  private final Database db;

  public SqliteAuditLog(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * @throws IllegalArgumentException when the entry already has an id: it was recorded before
   */
  @Override
  public long record(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.id() != 0) {
      throw new IllegalArgumentException(
          "audit entry already has id " + entry.id() + "; record only new entries (id 0)");
    }
    return db.write(
        "record an audit entry for /" + entry.command(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
                      + " decision, outcome, sub_client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " RETURNING id")) {
            ps.setLong(1, entry.at().toEpochMilli());
            ps.setLong(2, entry.chatId());
            ps.setLong(3, entry.userId());
            SqliteChatRegistry.setNullableString(ps, 4, entry.username());
            ps.setString(5, entry.command());
            ps.setString(6, entry.args());
            SqliteChatRegistry.setNullableString(ps, 7, entry.senderName());
            ps.setString(8, entry.decision());
            SqliteChatRegistry.setNullableString(ps, 9, entry.outcome());
            SqliteChatRegistry.setNullableString(ps, 10, entry.subClient());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * @throws StoreException when no entry has that id
   */
  @Override
  public void complete(long id, String outcome) {
    Objects.requireNonNull(outcome, "outcome");
    db.write(
        "set the outcome of audit entry " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE audit SET outcome = ? WHERE id = ?")) {
            ps.setString(1, outcome);
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
              throw new StoreException("no audit entry has id " + id);
            }
          }
          return null;
        });
  }

  @Override
  public List<AuditEntry> recent(AuditScope scope, int limit) {
    checkLimit(limit);
    return db.read(
        "read the last " + limit + " audit entries",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM audit"
                      + (scope.all() ? "" : " WHERE sub_client = ?")
                      + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (!scope.all()) {
              ps.setString(i++, scope.subClient());
            }
            ps.setInt(i, limit);
            return entries(ps);
          }
        });
  }

  @Override
  public List<AuditEntry> about(String senderName, AuditScope scope, int limit) {
    Objects.requireNonNull(senderName, "senderName");
    checkLimit(limit);
    return db.read(
        "read the audit entries about '" + senderName + "'",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM audit WHERE sender_name = ? COLLATE NOCASE"
                      + (scope.all() ? "" : " AND sub_client = ?")
                      + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            ps.setString(i++, senderName.strip());
            if (!scope.all()) {
              ps.setString(i++, scope.subClient());
            }
            ps.setInt(i, limit);
            return entries(ps);
          }
        });
  }

  /**
   * One write: the chat's row of the hour grows; a chat new in the hour gets a row while the hour
   * has fewer than {@value #UNKNOWN_CHATS_PER_HOUR}, else the shared row grows.
   */
  @Override
  public void countUnknownChat(long chatId, Instant at) {
    long hour = hourOf(at);
    db.write(
        "count a command of unknown chat " + chatId,
        c -> {
          if (bump(c, hour, chatId)) {
            return null;
          }
          long own;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT count(*) FROM stranger_hits WHERE hour = ? AND chat_id <> ?")) {
            ps.setLong(1, hour);
            ps.setLong(2, SHARED_CHAT_ID);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              own = rs.getLong(1);
            }
          }
          long row =
              own < UNKNOWN_CHATS_PER_HOUR && chatId != SHARED_CHAT_ID ? chatId : SHARED_CHAT_ID;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO stranger_hits (hour, chat_id, count) VALUES (?, ?, 1)"
                      + " ON CONFLICT (hour, chat_id) DO UPDATE SET count = stranger_hits.count + 1")) {
            ps.setLong(1, hour);
            ps.setLong(2, row);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static boolean bump(Connection c, long hour, long chatId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE stranger_hits SET count = count + 1 WHERE hour = ? AND chat_id = ?")) {
      ps.setLong(1, hour);
      ps.setLong(2, chatId);
      return ps.executeUpdate() > 0;
    }
  }

  @Override
  public UnknownChatTally unknownChats(Instant since) {
    long from = hourOf(since);
    return db.read(
        "count the unknown chats' commands",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT coalesce(sum(count), 0), count(DISTINCT nullif(chat_id, ?)),"
                      + " coalesce(sum(CASE WHEN chat_id = ? THEN count END), 0)"
                      + " FROM stranger_hits WHERE hour >= ?")) {
            ps.setLong(1, SHARED_CHAT_ID);
            ps.setLong(2, SHARED_CHAT_ID);
            ps.setLong(3, from);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new UnknownChatTally(rs.getLong(1), rs.getInt(2), rs.getLong(3));
            }
          }
        });
  }

  @Override
  public long purgeBefore(Instant cutoff) {
    long ms = cutoff.toEpochMilli();
    return db.write(
        "purge the audit entries from before " + cutoff,
        c -> {
          long n;
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit WHERE at < ?")) {
            ps.setLong(1, ms);
            n = ps.executeUpdate();
          }
          // An hour's counts go once the whole hour is before the cutoff.
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM stranger_hits WHERE hour <= ?")) {
            ps.setLong(1, ms - HOUR_MS);
            n += ps.executeUpdate();
          }
          return n;
        });
  }

  private static long hourOf(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), HOUR_MS) * HOUR_MS;
  }

  /** How many entries the log holds. */
  public long count() {
    return db.read(
        "count the audit entries",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM audit")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("audit limit must be at least 1: " + limit);
    }
  }

  private static List<AuditEntry> entries(PreparedStatement ps) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        entries.add(
            new AuditEntry(
                rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("at")),
                rs.getLong("chat_id"),
                rs.getLong("user_id"),
                rs.getString("username"),
                rs.getString("command"),
                rs.getString("args"),
                rs.getString("sender_name"),
                rs.getString("decision"),
                rs.getString("outcome"),
                rs.getString("sub_client")));
      }
    }
    return entries;
  }
}
