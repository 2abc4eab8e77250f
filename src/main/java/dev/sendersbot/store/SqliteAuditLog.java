package dev.sendersbot.store;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link AuditLog} in the {@code audit} table. Times are kept to the millisecond. */
public final class SqliteAuditLog implements AuditLog {
  private static final String COLUMNS =
      "id, at, chat_id, user_id, username, command, args, sender_name, decision, outcome";

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
    return db.write("record an audit entry for /" + entry.command(), c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO audit (at, chat_id, user_id, username, command, args, sender_name,"
              + " decision, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, entry.at().toEpochMilli());
        ps.setLong(2, entry.chatId());
        ps.setLong(3, entry.userId());
        SqliteChatRegistry.setNullableString(ps, 4, entry.username());
        ps.setString(5, entry.command());
        ps.setString(6, entry.args());
        SqliteChatRegistry.setNullableString(ps, 7, entry.senderName());
        ps.setString(8, entry.decision());
        SqliteChatRegistry.setNullableString(ps, 9, entry.outcome());
        ps.executeUpdate();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * @throws StoreException when no entry has that id
   */
  @Override
  public void complete(long id, String outcome) {
    Objects.requireNonNull(outcome, "outcome");
    db.write("set the outcome of audit entry " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit SET outcome = ? WHERE id = ?")) {
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
  public List<AuditEntry> recent(int limit) {
    checkLimit(limit);
    return db.read("read the last " + limit + " audit entries", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + COLUMNS + " FROM audit ORDER BY id DESC LIMIT ?")) {
        ps.setInt(1, limit);
        return entries(ps);
      }
    });
  }

  @Override
  public List<AuditEntry> about(String senderName, int limit) {
    Objects.requireNonNull(senderName, "senderName");
    checkLimit(limit);
    return db.read("read the audit entries about '" + senderName + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM audit WHERE sender_name = ? COLLATE NOCASE"
              + " ORDER BY id DESC LIMIT ?")) {
        ps.setString(1, senderName.strip());
        ps.setInt(2, limit);
        return entries(ps);
      }
    });
  }

  /** How many entries the log holds. */
  public long count() {
    return db.read("count the audit entries", c -> {
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
        entries.add(new AuditEntry(
            rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getLong("chat_id"),
            rs.getLong("user_id"), rs.getString("username"), rs.getString("command"),
            rs.getString("args"), rs.getString("sender_name"), rs.getString("decision"),
            rs.getString("outcome")));
      }
    }
    return entries;
  }
}
