package dev.sendersbot.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Digital names waiting for a code, per chat. Durable. */
public interface PendingCodes {

  /** Creates or replaces the chat's pending entry for the phone. */
  void put(PendingCode code);

  /** The chat's unexpired entries, oldest first. */
  List<PendingCode> forChat(long chatId, Instant now);

  Optional<PendingCode> find(long chatId, String phone, Instant now);

  /** One wrong code: returns the attempts left after it (0 means the entry was removed). */
  int recordWrongAttempt(long chatId, String phone);

  void remove(long chatId, String phone);

  /**
   * Drops every entry of the chat; returns how many. For when the chat's access is revoked or bound
   * to another sub-client: each number was pending for a sub-client the chat no longer acts for.
   */
  int forgetChat(long chatId);
}
