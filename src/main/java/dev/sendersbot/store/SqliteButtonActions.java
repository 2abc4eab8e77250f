package dev.sendersbot.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ButtonActions} in the {@code button_actions} table. A token is 128 random bits from {@link
 * SecureRandom}, written as 22 URL-safe base64 characters, so it fits Telegram's 64-byte callback
 * data and cannot be guessed. Expired actions are never returned, and are deleted whenever a new
 * one is created.
 *
 * <p>{@link #take} consumes the action whoever pressed: check the presser against {@link #find}'s
 * answer first, then take.
 */
public final class SqliteButtonActions implements ButtonActions {
  static final int TOKEN_BYTES = 16;
  static final int MAX_TOKEN_LENGTH = 32;
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();
  private static final String COLUMNS = "token, chat_id, user_id, action, args, expires_at";

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SqliteButtonActions(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws IllegalArgumentException when the action is blank or {@code expiresAt} is not after the
   *     clock's now
   */
  @Override
  public String create(long chatId, long userId, String action, String args, Instant expiresAt) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (action.isBlank()) {
      throw new IllegalArgumentException("button action is blank");
    }
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException(
          "button '" + action + "' would expire at " + expiresAt + ", not after now (" + now + ")");
    }
    return db.write(
        "store a '" + action + "' button for chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM button_actions WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO button_actions ("
                      + COLUMNS
                      + ", created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            // 128 random bits collide never in practice; the loop only makes "never" certain.
            for (int attempt = 0; attempt < 3; attempt++) {
              String token = newToken();
              ps.setString(1, token);
              ps.setLong(2, chatId);
              ps.setLong(3, userId);
              ps.setString(4, action);
              ps.setString(5, args == null ? "" : args);
              ps.setLong(6, expiresAt.toEpochMilli());
              ps.setLong(7, now.toEpochMilli());
              if (ps.executeUpdate() == 1) {
                return token;
              }
            }
          }
          throw new StoreException("could not find an unused button token in 3 attempts");
        });
  }

  @Override
  public Optional<ButtonAction> find(String token, Instant now) {
    Objects.requireNonNull(now, "now");
    if (!plausible(token)) {
      return Optional.empty();
    }
    return db.read("find a button action", c -> select(c, token, now));
  }

  @Override
  public Optional<ButtonAction> take(String token, Instant now) {
    Objects.requireNonNull(now, "now");
    if (!plausible(token)) {
      return Optional.empty();
    }
    // Select and delete in one write transaction; writes are serialised, so of two presses
    // racing, the second finds nothing.
    return db.write(
        "take a button action",
        c -> {
          Optional<ButtonAction> action = select(c, token, now);
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM button_actions WHERE token = ?")) {
            ps.setString(1, token);
            ps.executeUpdate();
          }
          return action;
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return db.write(
        "drop expired button actions",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM button_actions WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int forgetChat(long chatId) {
    return db.write(
        "drop the buttons of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM button_actions WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            return ps.executeUpdate();
          }
        });
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return TOKEN.encodeToString(bytes);
  }

  /** Callback data comes from outside: anything that cannot be a token costs no query. */
  private static boolean plausible(String token) {
    return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
  }

  private static Optional<ButtonAction> select(java.sql.Connection c, String token, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM button_actions WHERE token = ? AND expires_at > ?")) {
      ps.setString(1, token);
      ps.setLong(2, now.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ButtonAction(
                rs.getString("token"),
                rs.getLong("chat_id"),
                rs.getLong("user_id"),
                rs.getString("action"),
                rs.getString("args"),
                Instant.ofEpochMilli(rs.getLong("expires_at"))));
      }
    }
  }
}
