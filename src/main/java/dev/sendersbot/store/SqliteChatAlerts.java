package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ChatAlerts} in the tables {@code mutes} and {@code alert_settings} (see {@code
 * V9__live_cards_and_mutes.sql}). An ended mute stays until the watcher has queued its summary
 * ({@link #endedMutes}, {@link #dropMute}), so a restart in between loses neither.
 */
public final class SqliteChatAlerts implements ChatAlerts {
  private static final String MUTE_COLUMNS =
      "chat_id, name, until_at, by_user, by_owner, created_at";
  private static final String SETTINGS_COLUMNS =
      "chat_id, quiet_from, quiet_to, summary_at, summary_always, summary_last";

  private final Database db;
  private final Clock clock;

  public SqliteChatAlerts(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void mute(long chatId, Set<String> names, Instant until, long byUser, boolean byOwner) {
    Set<String> keys = keys(names);
    long now = clock.millis();
    db.write(
        "mute " + keys.size() + " name(s) in chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO mutes ("
                      + MUTE_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (chat_id, name) DO UPDATE SET until_at = excluded.until_at,"
                      + " by_user = excluded.by_user, by_owner = excluded.by_owner")) {
            for (String key : keys) {
              ps.setLong(1, chatId);
              ps.setString(2, key);
              if (until == null) {
                ps.setNull(3, Types.INTEGER);
              } else {
                ps.setLong(3, until.toEpochMilli());
              }
              ps.setLong(4, byUser);
              ps.setInt(5, byOwner ? 1 : 0);
              ps.setLong(6, now);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public int unmute(long chatId, Set<String> names) {
    Set<String> keys = names.isEmpty() ? Set.of() : keys(names);
    long now = clock.millis();
    return db.write(
        "unmute chat " + chatId,
        c -> {
          String sql =
              "UPDATE mutes SET until_at = ? WHERE chat_id = ?"
                  + " AND (until_at IS NULL OR until_at > ?)"
                  + (keys.isEmpty() ? "" : " AND name = ?");
          int n = 0;
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String key : keys.isEmpty() ? Set.of("") : keys) {
              ps.setLong(1, now);
              ps.setLong(2, chatId);
              ps.setLong(3, now);
              if (!keys.isEmpty()) {
                ps.setString(4, key);
              }
              n += ps.executeUpdate();
            }
          }
          return n;
        });
  }

  @Override
  public List<Mute> mutes(long chatId) {
    long now = clock.millis();
    return db.read(
        "read the mutes of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + MUTE_COLUMNS
                      + " FROM mutes WHERE chat_id = ?"
                      + " AND (until_at IS NULL OR until_at > ?) ORDER BY name")) {
            ps.setLong(1, chatId);
            ps.setLong(2, now);
            return mutes(ps);
          }
        });
  }

  /** The mutes in force at {@code now} of every chat, inside the caller's transaction. */
  public static List<Mute> activeMutes(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + MUTE_COLUMNS + " FROM mutes WHERE until_at IS NULL OR until_at > ?")) {
      ps.setLong(1, now.toEpochMilli());
      return mutes(ps);
    }
  }

  /** The mutes ended by {@code now} whose summary is still to be made. */
  public static List<Mute> endedMutes(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + MUTE_COLUMNS + " FROM mutes WHERE until_at <= ? ORDER BY chat_id, name")) {
      ps.setLong(1, now.toEpochMilli());
      return mutes(ps);
    }
  }

  /** Forgets an ended mute, in the transaction that queues its summary. */
  public static void dropMute(Connection c, Mute m) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM mutes WHERE chat_id = ? AND name = ? AND until_at <= ?")) {
      ps.setLong(1, m.chatId());
      ps.setString(2, m.name());
      ps.setLong(3, m.until().toEpochMilli());
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<Instant> nextMuteEnd() {
    return db.read(
        "find the next end of a mute",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT min(until_at) FROM mutes");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            long at = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
          }
        });
  }

  @Override
  public Settings settings(long chatId) {
    return db.read(
        "read the alert settings of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + SETTINGS_COLUMNS + " FROM alert_settings WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            List<Settings> found = settings(ps);
            return found.isEmpty() ? Settings.none(chatId) : found.get(0);
          }
        });
  }

  @Override
  public void quiet(long chatId, LocalTime from, LocalTime to) {
    if ((from == null) != (to == null) || (from != null && from.equals(to))) {
      throw new IllegalArgumentException(
          "quiet hours need a start and a different end: " + from + "-" + to);
    }
    upsert(chatId, "quiet_from = ?, quiet_to = ?", minutes(from), minutes(to));
  }

  @Override
  public void summary(long chatId, LocalTime at, boolean always) {
    upsert(chatId, "summary_at = ?, summary_always = ?", minutes(at), always ? 1 : 0);
  }

  @Override
  public List<Settings> summaries() {
    return db.read(
        "read the chats with a daily summary",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + SETTINGS_COLUMNS
                      + " FROM alert_settings"
                      + " WHERE summary_at IS NOT NULL ORDER BY chat_id")) {
            return settings(ps);
          }
        });
  }

  /** Notes the chat's summary of {@code day} as made, in the transaction that queues it. */
  public static void summaryMade(Connection c, long chatId, LocalDate day) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE alert_settings SET summary_last = ? WHERE chat_id = ?")) {
      ps.setString(1, day.toString());
      ps.setLong(2, chatId);
      ps.executeUpdate();
    }
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private void upsert(long chatId, String assignments, Integer a, Integer b) {
    db.write(
        "change the alert settings of chat " + chatId,
        c -> {
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO alert_settings (chat_id) VALUES (?) ON CONFLICT (chat_id) DO NOTHING")) {
            ins.setLong(1, chatId);
            ins.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE alert_settings SET " + assignments + " WHERE chat_id = ?")) {
            setInt(ps, 1, a);
            setInt(ps, 2, b);
            ps.setLong(3, chatId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static Set<String> keys(Set<String> names) {
    Set<String> keys = new LinkedHashSet<>();
    if (names.isEmpty()) {
      keys.add(EVERY_NAME);
    }
    for (String n : names) {
      keys.add(n.strip().toUpperCase(Locale.ROOT));
    }
    return keys;
  }

  private static List<Mute> mutes(PreparedStatement ps) throws SQLException {
    List<Mute> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long until = rs.getLong(3);
        Instant end = rs.wasNull() ? null : Instant.ofEpochMilli(until);
        out.add(
            new Mute(
                rs.getLong(1),
                rs.getString(2),
                end,
                rs.getLong(4),
                rs.getInt(5) == 1,
                Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }

  private static List<Settings> settings(PreparedStatement ps) throws SQLException {
    List<Settings> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String last = rs.getString(6);
        out.add(
            new Settings(
                rs.getLong(1),
                time(rs, 2),
                time(rs, 3),
                time(rs, 4),
                rs.getInt(5) == 1,
                last == null ? null : LocalDate.parse(last)));
      }
    }
    return out;
  }

  private static LocalTime time(ResultSet rs, int column) throws SQLException {
    int m = rs.getInt(column);
    return rs.wasNull() ? null : LocalTime.of(m / 60, m % 60);
  }

  private static Integer minutes(LocalTime t) {
    return t == null ? null : t.getHour() * 60 + t.getMinute();
  }

  private static void setInt(PreparedStatement ps, int index, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, v);
    }
  }
}
