package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link Subscriptions} in the {@code subscriptions} table: one row per chat and name (a null name
 * meaning every name), names compared case-insensitively.
 *
 * <p>Subscribing again moves the chat's subscribed rows to the given topic and turns every
 * subscription of the chat back on: a chat that sends a command evidently accepts the bot again
 * after delivery to it was forbidden. Unsubscribing from named names leaves a subscription to every
 * name in place.
 */
public final class SqliteSubscriptions implements Subscriptions {
  private static final String COLUMNS = "chat_id, topic_id, name, active";

  private final Database db;
  private final Clock clock;

  public SqliteSubscriptions(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void subscribe(long chatId, Integer topicId, Set<String> names) {
    Set<String> wanted = cleaned(names);
    long now = clock.millis();
    db.write(
        "subscribe chat " + chatId,
        c -> {
          List<String> rows = new ArrayList<>(wanted);
          if (rows.isEmpty()) {
            rows.add(null);
          }
          try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE subscriptions SET topic_id = ?, active = 1"
                          + " WHERE chat_id = ? AND coalesce(name, '') = coalesce(?, '') COLLATE NOCASE");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO subscriptions (chat_id, topic_id, name, active, created_at)"
                          + " VALUES (?, ?, ?, 1, ?)")) {
            for (String name : rows) {
              setTopic(update, 1, topicId);
              update.setLong(2, chatId);
              setName(update, 3, name);
              if (update.executeUpdate() == 0) {
                insert.setLong(1, chatId);
                setTopic(insert, 2, topicId);
                setName(insert, 3, name);
                insert.setLong(4, now);
                insert.executeUpdate();
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE subscriptions SET active = 1 WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int unsubscribe(long chatId, Set<String> names) {
    Set<String> unwanted = cleaned(names);
    return db.write(
        "unsubscribe chat " + chatId,
        c -> {
          if (unwanted.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM subscriptions WHERE chat_id = ?")) {
              ps.setLong(1, chatId);
              return ps.executeUpdate();
            }
          }
          int removed = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM subscriptions WHERE chat_id = ? AND name = ? COLLATE NOCASE")) {
            for (String name : unwanted) {
              ps.setLong(1, chatId);
              ps.setString(2, name);
              removed += ps.executeUpdate();
            }
          }
          return removed;
        });
  }

  @Override
  public List<Subscription> forChat(long chatId) {
    return db.read(
        "list the subscriptions of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM subscriptions WHERE chat_id = ?"
                      + " ORDER BY name IS NOT NULL, name COLLATE NOCASE")) {
            ps.setLong(1, chatId);
            return rows(ps);
          }
        });
  }

  @Override
  public List<Subscription> all() {
    return db.read("list the active subscriptions", SqliteSubscriptions::active);
  }

  /** Every active subscription, read on the given connection (inside a poll's transaction). */
  public static List<Subscription> active(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM subscriptions WHERE active = 1"
                + " ORDER BY chat_id, name IS NOT NULL, name COLLATE NOCASE")) {
      return rows(ps);
    }
  }

  /** Turns off every subscription of the chat; returns how many were on. */
  public static int deactivate(Connection c, long chatId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE subscriptions SET active = 0 WHERE chat_id = ? AND active = 1")) {
      ps.setLong(1, chatId);
      return ps.executeUpdate();
    }
  }

  private static List<Subscription> rows(PreparedStatement ps) throws SQLException {
    List<Subscription> subs = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int topic = rs.getInt("topic_id");
        Integer topicId = rs.wasNull() ? null : topic;
        subs.add(
            new Subscription(
                rs.getLong("chat_id"), topicId, rs.getString("name"), rs.getInt("active") == 1));
      }
    }
    return subs;
  }

  private static Set<String> cleaned(Set<String> names) {
    Set<String> out = new LinkedHashSet<>();
    if (names == null) {
      return out;
    }
    for (String n : names) {
      if (n != null && !n.isBlank()) {
        out.add(n.strip());
      }
    }
    return out;
  }

  private static void setTopic(PreparedStatement ps, int index, Integer topicId)
      throws SQLException {
    if (topicId == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, topicId);
    }
  }

  private static void setName(PreparedStatement ps, int index, String name) throws SQLException {
    if (name == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, name);
    }
  }
}
