package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PendingCodes} in the {@code pending_codes} table. Expired entries are never returned, and
 * are deleted whenever a new one is put. Times are kept to the millisecond.
 */
public final class SqlitePendingCodes implements PendingCodes {
  private static final String COLUMNS =
      "chat_id, user_id, phone, sub_client, sent_at, attempts_left, expires_at, prompt_message_id";

  private final Database db;
  private final Clock clock;

  public SqlitePendingCodes(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws IllegalArgumentException when the entry allows no attempt
   */
  @Override
  public void put(PendingCode code) {
    Objects.requireNonNull(code, "code");
    if (code.attemptsLeft() < 1) {
      throw new IllegalArgumentException(
          "a pending code must allow at least one attempt: " + code.attemptsLeft());
    }
    db.write(
        "remember the pending code for " + code.phone() + " in chat " + code.chatId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM pending_codes WHERE expires_at <= ?")) {
            ps.setLong(1, clock.millis());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO pending_codes ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, phone) DO UPDATE"
                      + " SET user_id = excluded.user_id, sub_client = excluded.sub_client,"
                      + " sent_at = excluded.sent_at, attempts_left = excluded.attempts_left,"
                      + " expires_at = excluded.expires_at,"
                      + " prompt_message_id = excluded.prompt_message_id")) {
            ps.setLong(1, code.chatId());
            ps.setLong(2, code.userId());
            ps.setString(3, code.phone());
            SqliteChatRegistry.setNullableString(ps, 4, code.subClient());
            ps.setLong(5, code.sentAt().toEpochMilli());
            ps.setInt(6, code.attemptsLeft());
            ps.setLong(7, code.expiresAt().toEpochMilli());
            ps.setInt(8, code.promptMessageId());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<PendingCode> forChat(long chatId, Instant now) {
    Objects.requireNonNull(now, "now");
    return db.read(
        "list the pending codes of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM pending_codes WHERE chat_id = ? AND expires_at > ?"
                      + " ORDER BY sent_at, phone")) {
            ps.setLong(1, chatId);
            ps.setLong(2, now.toEpochMilli());
            return codes(ps);
          }
        });
  }

  @Override
  public Optional<PendingCode> find(long chatId, String phone, Instant now) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(now, "now");
    return db.read(
        "find the pending code for " + phone + " in chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM pending_codes"
                      + " WHERE chat_id = ? AND phone = ? AND expires_at > ?")) {
            ps.setLong(1, chatId);
            ps.setString(2, phone);
            ps.setLong(3, now.toEpochMilli());
            return codes(ps).stream().findFirst();
          }
        });
  }

  /** Returns the attempts left after this one; 0 when none were left or there was no entry. */
  @Override
  public int recordWrongAttempt(long chatId, String phone) {
    Objects.requireNonNull(phone, "phone");
    return db.write(
        "count a wrong code for " + phone + " in chat " + chatId,
        c -> {
          int left;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT attempts_left FROM pending_codes WHERE chat_id = ? AND phone = ?")) {
            ps.setLong(1, chatId);
            ps.setString(2, phone);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return 0;
              }
              left = rs.getInt(1) - 1;
            }
          }
          if (left > 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE pending_codes SET attempts_left = ? WHERE chat_id = ? AND phone = ?")) {
              ps.setInt(1, left);
              ps.setLong(2, chatId);
              ps.setString(3, phone);
              ps.executeUpdate();
            }
            return left;
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM pending_codes WHERE chat_id = ? AND phone = ?")) {
            ps.setLong(1, chatId);
            ps.setString(2, phone);
            ps.executeUpdate();
          }
          return 0;
        });
  }

  @Override
  public void remove(long chatId, String phone) {
    Objects.requireNonNull(phone, "phone");
    db.write(
        "forget the pending code for " + phone + " in chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM pending_codes WHERE chat_id = ? AND phone = ?")) {
            ps.setLong(1, chatId);
            ps.setString(2, phone);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int forgetChat(long chatId) {
    return db.write(
        "forget the pending codes of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM pending_codes WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            return ps.executeUpdate();
          }
        });
  }

  private static List<PendingCode> codes(PreparedStatement ps) throws SQLException {
    List<PendingCode> codes = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        codes.add(
            new PendingCode(
                rs.getLong("chat_id"),
                rs.getLong("user_id"),
                rs.getString("phone"),
                rs.getString("sub_client"),
                Instant.ofEpochMilli(rs.getLong("sent_at")),
                rs.getInt("attempts_left"),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getInt("prompt_message_id")));
      }
    }
    return codes;
  }
}
