package dev.sendersbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A digital name waiting for its confirmation code.
 *
 * @param chatId where /sendcode was typed
 * @param userId who typed it
 * @param phone the digital name
 * @param subClient the chat's sub-client at the time; may be null
 * @param sentAt when the provider sent the code
 * @param attemptsLeft wrong codes still allowed
 * @param expiresAt when the bot forgets it
 * @param promptMessageId the ForceReply prompt's message id; 0 if none
 */
public record PendingCode(
    long chatId,
    long userId,
    String phone,
    String subClient,
    Instant sentAt,
    int attemptsLeft,
    Instant expiresAt,
    int promptMessageId) {
  public PendingCode {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
