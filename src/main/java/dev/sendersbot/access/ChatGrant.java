package dev.sendersbot.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat's access.
 *
 * @param chatId Telegram chat id
 * @param role its role
 * @param subClient the SMSC sub-client it is bound to; null for the whole account
 * @param title the chat's title when granted, for /chats; may be null
 * @param grantedBy the user id who granted it
 * @param grantedAt when
 */
public record ChatGrant(
    long chatId, Role role, String subClient, String title, long grantedBy, Instant grantedAt) {
  public ChatGrant {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(grantedAt, "grantedAt");
    subClient = dev.sendersbot.smsc.SubClient.normalise(subClient);
  }
}
