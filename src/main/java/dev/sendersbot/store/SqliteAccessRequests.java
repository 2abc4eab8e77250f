package dev.sendersbot.store;

import dev.sendersbot.access.AccessRequests;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link AccessRequests} in the {@code access_requests} table: the owners hear from one chat at
 * most once per interval (an hour by default), and every request is counted.
 */
public final class SqliteAccessRequests implements AccessRequests {
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  private final Database db;
  private final Duration interval;

  public SqliteAccessRequests(Database db) {
    this(db, DEFAULT_INTERVAL);
  }

  public SqliteAccessRequests(Database db, Duration interval) {
    this.db = Objects.requireNonNull(db, "db");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException(
          "access request interval must not be negative: " + interval);
    }
    this.interval = interval;
  }

  @Override
  public boolean shouldNotify(long chatId, Instant now) {
    Objects.requireNonNull(now, "now");
    long nowMs = now.toEpochMilli();
    // One write transaction: two messages from the same chat at once notify the owners once.
    return db.write(
        "record an access request from chat " + chatId,
        c -> {
          Long lastNotified = null;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT last_notified_at FROM access_requests WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                lastNotified = rs.getLong(1);
              }
            }
          }
          boolean notify = lastNotified == null || nowMs - lastNotified >= interval.toMillis();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO access_requests (chat_id, last_notified_at, last_seen_at, seen_count)"
                      + " VALUES (?, ?, ?, 1) ON CONFLICT (chat_id) DO UPDATE SET"
                      + " last_notified_at = CASE WHEN ? THEN excluded.last_notified_at"
                      + " ELSE access_requests.last_notified_at END,"
                      + " last_seen_at = excluded.last_seen_at, seen_count = access_requests.seen_count + 1")) {
            ps.setLong(1, chatId);
            ps.setLong(2, nowMs);
            ps.setLong(3, nowMs);
            ps.setBoolean(4, notify);
            ps.executeUpdate();
          }
          return notify;
        });
  }
}
