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
 * The watcher's tables (see {@code V3__watch.sql}): the snapshot of names per scope, the scopes,
 * the watcher's health row and the outbox. Methods taking a {@link Connection} run inside the
 * caller's transaction (a poll writes everything in one); the others run their own.
 */
final class WatchStore {
  /** The scope key of the account itself; any other key is a sub-client login. */
  static final String ACCOUNT = "";

  private static final int BATCH = 500;

  /** What an outbox row is. */
  enum Kind {
    CHANGE, SUMMARY, NOTICE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * A watched scope.
   *
   * @param key {@link #ACCOUNT} or a sub-client login
   * @param baselineAt when its silent baseline was taken
   * @param lastSuccessAt when it was last read successfully
   * @param lastFullAt when it was last read in full
   */
  record Scope(String key, Instant baselineAt, Instant lastSuccessAt, Instant lastFullAt) {
    Scope {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(baselineAt, "baselineAt");
      Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
      Objects.requireNonNull(lastFullAt, "lastFullAt");
    }
  }

  /**
   * The watcher's health.
   *
   * @param polls polls attempted, ever
   * @param lastAttemptAt when the last poll started; null if never
   * @param lastSuccessAt when the last poll succeeded for every scope; null if never
   * @param failures polls failed in a row
   * @param lastError the last failure in words; null after a success
   * @param alerted the trouble the owners were alerted about and not yet told has ended; null
   *     when none
   */
  record State(long polls, Instant lastAttemptAt, Instant lastSuccessAt, int failures,
      String lastError, String alerted) {}

  /** A notification to write. */
  record NewMessage(long chatId, Integer topicId, Kind kind, String html, boolean actionable,
      List<String> cardNames) {
    NewMessage {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(html, "html");
      cardNames = List.copyOf(cardNames);
    }
  }

  /** A notification waiting to be sent. */
  record Pending(long id, long chatId, Integer topicId, Kind kind, String html, boolean actionable,
      List<String> cardNames, int attempts, Instant createdAt) {}

  private final Database db;

  WatchStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  Database db() {
    return db;
  }

  // --- snapshot ----------------------------------------------------------------------------------

  static Map<String, NameState> load(Connection c, String scope) throws SQLException {
    Map<String, NameState> names = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name, sender_id, moderation, operators FROM watch_names WHERE scope = ?")) {
      ps.setString(1, scope);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int mod = rs.getInt(3);
          Integer moderation = rs.wasNull() ? null : mod;
          names.put(rs.getString(1), new NameState(rs.getLong(2), moderation,
              NameState.decodeOperators(rs.getString(4))));
        }
      }
    }
    return names;
  }

  /** Writes the new and changed names of a scope and drops its removed ones, in batches. */
  static void apply(Connection c, String scope, Map<String, NameState> upserts,
      Collection<String> removed) throws SQLException {
    if (!upserts.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO watch_names (scope, name, sender_id, moderation, operators)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, name) DO UPDATE SET"
              + " sender_id = excluded.sender_id, moderation = excluded.moderation,"
              + " operators = excluded.operators")) {
        int n = 0;
        for (Map.Entry<String, NameState> e : upserts.entrySet()) {
          NameState s = e.getValue();
          ps.setString(1, scope);
          ps.setString(2, e.getKey());
          ps.setLong(3, s.id());
          if (s.moderation() == null) {
            ps.setNull(4, Types.INTEGER);
          } else {
            ps.setInt(4, s.moderation());
          }
          ps.setString(5, s.encodedOperators());
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
    if (!removed.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM watch_names WHERE scope = ? AND name = ?")) {
        int n = 0;
        for (String name : removed) {
          ps.setString(1, scope);
          ps.setString(2, name);
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
  }

  // --- scopes ------------------------------------------------------------------------------------

  static Map<String, Scope> scopes(Connection c) throws SQLException {
    Map<String, Scope> scopes = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT scope, baseline_at, last_success_at, last_full_at FROM watch_scopes")) {
      while (rs.next()) {
        scopes.put(rs.getString(1), new Scope(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
            Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
    return scopes;
  }

  Map<String, Scope> scopes() {
    return db.read("read the watched scopes", WatchStore::scopes);
  }

  static void saveScope(Connection c, Scope s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO watch_scopes (scope, baseline_at, last_success_at, last_full_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET"
            + " baseline_at = excluded.baseline_at, last_success_at = excluded.last_success_at,"
            + " last_full_at = excluded.last_full_at")) {
      ps.setString(1, s.key());
      ps.setLong(2, s.baselineAt().toEpochMilli());
      ps.setLong(3, s.lastSuccessAt().toEpochMilli());
      ps.setLong(4, s.lastFullAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Forgets a scope and its names: a later binding starts again with a silent baseline. */
  static void dropScope(Connection c, String key) throws SQLException {
    for (String sql : List.of("DELETE FROM watch_names WHERE scope = ?",
        "DELETE FROM watch_scopes WHERE scope = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, key);
        ps.executeUpdate();
      }
    }
  }

  // --- health ------------------------------------------------------------------------------------

  static State state(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT polls, last_attempt_at, last_success_at, failures, last_error, alerted"
                + " FROM watch_state WHERE id = 1")) {
      if (!rs.next()) {
        return new State(0, null, null, 0, null, null);
      }
      return new State(rs.getLong(1), instant(rs, 2), instant(rs, 3), rs.getInt(4),
          rs.getString(5), rs.getString(6));
    }
  }

  State state() {
    return db.read("read the watcher's state", WatchStore::state);
  }

  static void saveState(Connection c, State s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO watch_state (id, polls, last_attempt_at, last_success_at, failures,"
            + " last_error, alerted) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " polls = excluded.polls, last_attempt_at = excluded.last_attempt_at,"
            + " last_success_at = excluded.last_success_at, failures = excluded.failures,"
            + " last_error = excluded.last_error, alerted = excluded.alerted")) {
      ps.setLong(1, s.polls());
      setInstant(ps, 2, s.lastAttemptAt());
      setInstant(ps, 3, s.lastSuccessAt());
      ps.setInt(4, s.failures());
      setText(ps, 5, s.lastError());
      setText(ps, 6, s.alerted());
      ps.executeUpdate();
    }
  }

  // --- outbox ------------------------------------------------------------------------------------

  static void enqueue(Connection c, List<NewMessage> messages, Instant now) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names, created_at,"
            + " due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  void enqueue(List<NewMessage> messages, Instant now) {
    db.write("queue " + messages.size() + " notification(s)", c -> {
      enqueue(c, messages, now);
      return null;
    });
  }

  /** The pending rows due at {@code now}, by chat and then in the order they were written. */
  List<Pending> due(Instant now) {
    return db.read("read the due notifications", c -> {
      List<Pending> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, chat_id, topic_id, kind, html, actionable, card_names, attempts, created_at"
              + " FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY chat_id, id")) {
        ps.setLong(1, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int topic = rs.getInt(3);
            Integer topicId = rs.wasNull() ? null : topic;
            String cards = rs.getString(7);
            rows.add(new Pending(rs.getLong(1), rs.getLong(2), topicId, Kind.of(rs.getString(4)),
                rs.getString(5), rs.getInt(6) == 1,
                cards.isEmpty() ? List.of() : Arrays.asList(cards.split(" ")), rs.getInt(8),
                Instant.ofEpochMilli(rs.getLong(9))));
          }
        }
      }
      return rows;
    });
  }

  /** When the earliest pending row falls due; empty when nothing is pending. */
  Optional<Instant> nextDue() {
    return db.read("find the next due notification", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT min(due_at) FROM outbox WHERE state = 'pending'")) {
        rs.next(); // an aggregate always gives one row
        long at = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
      }
    });
  }

  /** When the oldest pending row was written; empty when nothing is pending. */
  Optional<Instant> oldestPending() {
    return db.read("find the oldest pending notification", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT min(created_at) FROM outbox WHERE state = 'pending'")) {
        rs.next();
        long at = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
      }
    });
  }

  long depth() {
    return db.read("count the pending notifications", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE state = 'pending'")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /** The pending rows of each chat that has any. */
  Map<Long, Long> pendingByChat() {
    return db.read("count the pending notifications by chat", c -> {
      Map<Long, Long> counts = new HashMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
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
    try (PreparedStatement ps = c.prepareStatement(
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
    db.write("mark " + ids.size() + " notification(s) " + state, c -> {
      finish(c, ids, state, at, error);
      return null;
    });
  }

  /**
   * A delivery to the chat failed for now: counts an attempt on {@code ids} and holds every
   * pending row of the chat until {@code until}, so the chat's messages keep their order.
   */
  void defer(long chatId, Collection<Long> ids, Instant until) {
    db.write("hold the notifications of chat " + chatId, c -> {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
        for (long id : ids) {
          ps.setLong(1, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE outbox SET due_at = max(due_at, ?) WHERE chat_id = ? AND state = 'pending'")) {
        ps.setLong(1, until.toEpochMilli());
        ps.setLong(2, chatId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Fails every pending row of the chat; returns how many. */
  static int failChat(Connection c, long chatId, Instant at, String error) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
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
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM outbox WHERE state <> 'pending' AND done_at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, at.toEpochMilli());
    }
  }

  private static void setText(PreparedStatement ps, int index, String s) throws SQLException {
    if (s == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, s);
    }
  }
}
