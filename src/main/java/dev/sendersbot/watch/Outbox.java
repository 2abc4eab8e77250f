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
   * What a notification says, written once however many chats it goes to: a poll shares one
   * instance between the chats that read a change in the same words.
   *
   * @param name the one name a change is about, whose live card it updates; null for others
   */
  record Payload(Kind kind, String html, boolean actionable, List<String> cardNames, String name) {
    Payload {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(html, "html");
      cardNames = List.copyOf(cardNames);
    }
  }

  /** A notification to write: what it says, and to which chat (and forum topic). */
  record NewMessage(long chatId, Integer topicId, Payload payload) {
    NewMessage {
      Objects.requireNonNull(payload, "payload");
    }

    NewMessage(
        long chatId,
        Integer topicId,
        Kind kind,
        String html,
        boolean actionable,
        List<String> cardNames,
        String name) {
      this(chatId, topicId, new Payload(kind, html, actionable, cardNames, name));
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

    Kind kind() {
      return payload.kind();
    }

    String html() {
      return payload.html();
    }

    boolean actionable() {
      return payload.actionable();
    }

    List<String> cardNames() {
      return payload.cardNames();
    }

    String name() {
      return payload.name();
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

  /** Writes the messages in the caller's transaction, in their order: see {@link OutboxWrites}. */
  static void enqueue(Connection c, List<NewMessage> messages, Instant now) throws SQLException {
    OutboxWrites.enqueue(c, messages, now);
  }

  void enqueue(List<NewMessage> messages, Instant now) {
    db.write(
        "queue " + messages.size() + " notification(s)",
        c -> {
          enqueue(c, messages, now);
          return null;
        });
  }

  /**
   * The pending rows due at {@code now}, in the order they were written: the dispatcher meets each
   * chat at its oldest row, so among chats with as much left the alert that waited longest goes
   * first (a chat's id says nothing of its age).
   */
  List<Pending> due(Instant now) {
    return db.read(
        "read the due notifications",
        c -> {
          List<Pending> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT o.id, o.chat_id, o.topic_id, p.kind, p.html, p.actionable, p.card_names,"
                      + " o.attempts, o.created_at, p.name FROM outbox o"
                      + " JOIN outbox_payloads p ON p.id = o.payload_id"
                      + " WHERE o.state = 'pending' AND o.due_at <= ? ORDER BY o.id")) {
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
          holdChat(c, chatId, until);
          return null;
        });
  }

  /**
   * Nothing failed, but the chat cannot take a message before {@code until}: holds every pending
   * row of the chat until then, in order, counting no attempt.
   */
  void hold(long chatId, Instant until) {
    db.write(
        "hold the notifications of chat " + chatId,
        c -> {
          holdChat(c, chatId, until);
          return null;
        });
  }

  private static void holdChat(Connection c, long chatId, Instant until) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET due_at = CASE WHEN due_at > ? THEN due_at ELSE ? END"
                + " WHERE chat_id = ? AND state = 'pending'")) {
      ps.setLong(1, until.toEpochMilli());
      ps.setLong(2, until.toEpochMilli());
      ps.setLong(3, chatId);
      ps.executeUpdate();
    }
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

  /**
   * Drops sent and failed rows finished before {@code before}, and the payloads no row can name any
   * more: those whose every delivery row had an id at or below the lowest id left. A payload may
   * outlive its rows a while (an older row still pending holds it), never the reverse.
   */
  static int purge(Connection c, Instant before) throws SQLException {
    int purged;
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM outbox WHERE state <> 'pending' AND done_at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      purged = ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM outbox_payloads WHERE last_row < coalesce((SELECT min(id) FROM outbox), ?)")) {
      ps.setLong(1, Long.MAX_VALUE); // no row left: no payload is named
      ps.executeUpdate();
    }
    return purged;
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
