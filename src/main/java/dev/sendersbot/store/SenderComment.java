package dev.sendersbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A comment the bot set on a sender name.
 *
 * @param subClient the sub-client the name belongs to; null for the account itself
 * @param name the sender name as the bot sent it
 * @param comment the comment as the provider accepted it
 * @param setBy the Telegram user id of who set it
 * @param setByLabel how to name that user ({@code @username}, a first name or the id)
 * @param setAt when the provider accepted it
 */
public record SenderComment(
    String subClient, String name, String comment, long setBy, String setByLabel, Instant setAt) {
  public SenderComment {
    if (subClient != null && subClient.isBlank()) {
      throw new IllegalArgumentException(
          "a sub-client is null or a login, not '" + subClient + "'");
    }
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a sender name cannot be blank");
    }
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(setByLabel, "setByLabel");
    Objects.requireNonNull(setAt, "setAt");
  }
}
