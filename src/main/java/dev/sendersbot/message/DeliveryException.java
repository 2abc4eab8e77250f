package dev.sendersbot.message;

import java.time.Duration;
import java.util.Objects;

/** A message could not be delivered; {@link #kind()} says whether and when to try again. */
public final class DeliveryException extends RuntimeException {

  /** What the transport answered. */
  public enum Kind {
    /** 429: wait {@link #retryAfter()} and try again. */
    RETRY_AFTER,
    /** 5xx or a network error: try again with back-off. */
    TRANSIENT,
    /** 403: the bot was blocked or removed from the chat. */
    FORBIDDEN,
    /** 400 with migrate_to_chat_id: the group became a supergroup, see {@link #migratedTo()}. */
    MIGRATED,
    /** Any other 4xx: trying again cannot succeed. */
    REJECTED
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final Long migratedTo;

  public DeliveryException(
      Kind kind, String message, Duration retryAfter, Long migratedTo, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
    this.migratedTo = migratedTo;
  }

  public Kind kind() {
    return kind;
  }

  /** Set for {@link Kind#RETRY_AFTER}. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Set for {@link Kind#MIGRATED}: the supergroup's chat id. */
  public Long migratedTo() {
    return migratedTo;
  }
}
