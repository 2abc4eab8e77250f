package dev.sendersbot.watch;

import dev.sendersbot.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The watcher's tables (see {@code V3__watch.sql}) but the outbox ({@link Outbox}): the snapshot of
 * names per scope, the scopes and the watcher's health row. Methods taking a {@link Connection} run
 * inside the caller's transaction (a poll writes everything in one); the others run their own.
 */
final class WatchStore {
  /** The scope key of the account itself; any other key is a sub-client login. */
  static final String ACCOUNT = "";

  private static final int BATCH = 500;

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
   * @param alerted the trouble the owners were alerted about and not yet told has ended; null when
   *     none
   */
  record State(
      long polls,
      Instant lastAttemptAt,
      Instant lastSuccessAt,
      int failures,
      String lastError,
      String alerted) {}

  private final Database db;
  private final Readers readers;

  WatchStore(Database db) {
    this(db, Readers.ENGLISH_UTC);
  }

  WatchStore(Database db, Readers readers) {
    this.db = Objects.requireNonNull(db, "db");
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  /** The words and zone of each chat's notifications. */
  Readers readers() {
    return readers;
  }

  Database db() {
    return db;
  }

  // --- snapshot ----------------------------------------------------------------------------------

  /** Every stored name of a scope, in a map the caller may change. */
  static Map<String, NameState> load(Connection c, String scope) throws SQLException {
    Map<String, NameState> names = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, sender_id, moderation, operators FROM watch_names WHERE scope = ?")) {
      ps.setString(1, scope);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int mod = rs.getInt(3);
          Integer moderation = rs.wasNull() ? null : mod;
          names.put(
              rs.getString(1),
              new NameState(rs.getLong(2), moderation, NameState.decodeOperators(rs.getString(4))));
        }
      }
    }
    return names;
  }

  /** Writes the new and changed names of a scope and drops its removed ones, in batches. */
  static void apply(
      Connection c, String scope, Map<String, NameState> upserts, Collection<String> removed)
      throws SQLException {
    if (!upserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
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
        ResultSet rs =
            s.executeQuery(
                "SELECT scope, baseline_at, last_success_at, last_full_at FROM watch_scopes")) {
      while (rs.next()) {
        scopes.put(
            rs.getString(1),
            new Scope(
                rs.getString(1),
                Instant.ofEpochMilli(rs.getLong(2)),
                Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
    return scopes;
  }

  Map<String, Scope> scopes() {
    return db.read("read the watched scopes", WatchStore::scopes);
  }

  static void saveScope(Connection c, Scope s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
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
    for (String sql :
        List.of(
            "DELETE FROM watch_names WHERE scope = ?",
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
        ResultSet rs =
            s.executeQuery(
                "SELECT polls, last_attempt_at, last_success_at, failures, last_error, alerted"
                    + " FROM watch_state WHERE id = 1")) {
      if (!rs.next()) {
        return new State(0, null, null, 0, null, null);
      }
      return new State(
          rs.getLong(1),
          instant(rs, 2),
          instant(rs, 3),
          rs.getInt(4),
          rs.getString(5),
          rs.getString(6));
    }
  }

  State state() {
    return db.read("read the watcher's state", WatchStore::state);
  }

  static void saveState(Connection c, State s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
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
