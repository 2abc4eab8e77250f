package dev.sendersbot.watch;

import dev.sendersbot.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox table (see {@code V3__watch.sql}): the notifications written by a poll and waiting to
 * be sent, and what became of those sent or given up. Methods taking a {@link Connection} run
 * inside the caller's transaction (a poll writes its notifications with its snapshot); the others
 * run their own.
 */
final class Outbox {
  private static final int BATCH = 500;

  /** What an outbox row is. */
  enum Kind {
    CHANGE,
    SUMMARY,
    NOTICE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * A notification to write.
   *
   * @param name the one name a change is about, whose live card it updates; null for others
   */
  record NewMessage(
      long chatId,
      Integer topicId,
      Kind kind,
      String html,
      boolean actionable,
      List<String> cardNames,
      String name) {
    NewMessage {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(html, "html");
      cardNames = List.copyOf(cardNames);
    }

    NewMessage(
        long chatId,
        Integer topicId,
        Kind kind,
        String html,
        boolean actionable,
        List<String> cardNames) {
      this(chatId, topicId, kind, html, actionable, cardNames, null);
    }
  }

  /** A notification waiting to be sent. */
  record Pending(
      long id,
      long chatId,
      Integer topicId,
      Kind kind,
      String html,
      boolean actionable,
      List<String> cardNames,
      int attempts,
      Instant createdAt,
      String name) {}

  private final Database db;

  Outbox(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  static void enqueue(Connection c, List<NewMessage> messages, Instant now) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names, created_at,"
                + " due_at, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (NewMessage m : messages) {
        ps.setLong(1, m.chatId());
        if (m.topicId() == null) {
          ps.setNull(2, Types.INTEGER);
        } else {
          ps.setInt(2, m.topicId());
        }
        ps.setString(3, m.kind().word());
        ps.setString(4, m.html());
        ps.setInt(5, m.actionable() ? 1 : 0);
        ps.setString(6, String.join(" ", m.cardNames()));
        ps.setLong(7, now.toEpochMilli());
        ps.setLong(8, now.toEpochMilli());
        setText(ps, 9, m.name());
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  void enqueue(List<NewMessage> messages, Instant now) {
    db.write(
        "queue " + messages.size() + " notification(s)",
        c -> {
          enqueue(c, messages, now);
          return null;
        });
  }

  /** The pending rows due at {@code now}, by chat and then in the order they were written. */
  List<Pending> due(Instant now) {
    return db.read(
        "read the due notifications",
        c -> {
          List<Pending> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, chat_id, topic_id, kind, html, actionable, card_names, attempts,"
                      + " created_at, name FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY chat_id, id")) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int topic = rs.getInt(3);
                Integer topicId = rs.wasNull() ? null : topic;
                String cards = rs.getString(7);
                rows.add(
                    new Pending(
                        rs.getLong(1),
                        rs.getLong(2),
                        topicId,
                        Kind.of(rs.getString(4)),
                        rs.getString(5),
                        rs.getInt(6) == 1,
                        cards.isEmpty() ? List.of() : Arrays.asList(cards.split(" ")),
                        rs.getInt(8),
                        Instant.ofEpochMilli(rs.getLong(9)),
                        rs.getString(10)));
              }
            }
          }
          return rows;
        });
  }

  /** When the earliest pending row falls due; empty when nothing is pending. */
  Optional<Instant> nextDue() {
    return db.read(
        "find the next due notification",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT min(due_at) FROM outbox WHERE state = 'pending'")) {
            rs.next(); // an aggregate always gives one row
            long at = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
          }
        });
  }

  /** When the oldest pending row was written; empty when nothing is pending. */
  Optional<Instant> oldestPending() {
    return db.read(
        "find the oldest pending notification",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT min(created_at) FROM outbox WHERE state = 'pending'")) {
            rs.next();
            long at = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
          }
        });
  }

  long depth() {
    return db.read(
        "count the pending notifications",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT count(*) FROM outbox WHERE state = 'pending'")) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  /** The pending rows of each chat that has any. */
  Map<Long, Long> pendingByChat() {
    return db.read(
        "count the pending notifications by chat",
        c -> {
          Map<Long, Long> counts = new HashMap<>();
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT chat_id, count(*) FROM outbox WHERE state = 'pending' GROUP BY chat_id")) {
            while (rs.next()) {
              counts.put(rs.getLong(1), rs.getLong(2));
            }
          }
          return counts;
        });
  }

  void markSent(Collection<Long> ids, Instant at) {
    finish(ids, "sent", at, null);
  }

  void markFailed(Collection<Long> ids, Instant at, String error) {
    finish(ids, "failed", at, error);
  }

  static void finish(Connection c, Collection<Long> ids, String state, Instant at, String error)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET state = ?, done_at = ?, error = ? WHERE id = ? AND state = 'pending'")) {
      for (long id : ids) {
        ps.setString(1, state);
        ps.setLong(2, at.toEpochMilli());
        setText(ps, 3, error);
        ps.setLong(4, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void finish(Collection<Long> ids, String state, Instant at, String error) {
    db.write(
        "mark " + ids.size() + " notification(s) " + state,
        c -> {
          // A replica that lost leadership records nothing: the new leader owns these rows now.
          db.fence().ensureLeading(c, "mark " + ids.size() + " notification(s) " + state);
          finish(c, ids, state, at, error);
          return null;
        });
  }

  /**
   * A delivery to the chat failed for now: counts an attempt on {@code ids} and holds every pending
   * row of the chat until {@code until}, so the chat's messages keep their order.
   */
  void defer(long chatId, Collection<Long> ids, Instant until) {
    db.write(
        "hold the notifications of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
            for (long id : ids) {
              ps.setLong(1, id);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET due_at = CASE WHEN due_at > ? THEN due_at ELSE ? END"
                      + " WHERE chat_id = ? AND state = 'pending'")) {
            ps.setLong(1, until.toEpochMilli());
            ps.setLong(2, until.toEpochMilli());
            ps.setLong(3, chatId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Fails every pending row of the chat; returns how many. */
  static int failChat(Connection c, long chatId, Instant at, String error) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET state = 'failed', done_at = ?, error = ?"
                + " WHERE chat_id = ? AND state = 'pending'")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, error);
      ps.setLong(3, chatId);
      return ps.executeUpdate();
    }
  }

  /** Drops sent and failed rows finished before {@code before}. */
  static int purge(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM outbox WHERE state <> 'pending' AND done_at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  // --- plumbing ----------------------------------------------------------------------------------

  static void setText(PreparedStatement ps, int index, String s) throws SQLException {
    if (s == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, s);
    }
  }
}
