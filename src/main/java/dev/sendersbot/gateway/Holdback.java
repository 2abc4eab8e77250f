package dev.sendersbot.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a list the caller wanted fresh was answered from the cache instead.
 *
 * @param cause what held the request back
 * @param retryAfter when a new request may be let through; null when unknown (it depends on the
 *     provider or on a person)
 */
public record Holdback(Cause cause, Duration retryAfter) {

  /** What held a request back. */
  public enum Cause {
    /**
     * The cached list is only seconds old ({@code gateway.refresh-reuse}): a new request would tell
     * nothing newer. Not stale in the cache's sense: the list is within its freshness.
     */
    UPDATED_RECENTLY,
    /** This chat refreshed the list a moment ago ({@code gateway.chat-refresh-interval}). */
    CHAT_REFRESHED_RECENTLY,
    /**
     * The chats' share of the provider's limits is spent: identical lists this minute (the rest is
     * the status watcher's) or requests at once.
     */
    CHATS_SHARE_SPENT,
    /** The provider: error 9 cool-down, a suspension, an open circuit, or a failed request. */
    PROVIDER
  }

  public Holdback {
    Objects.requireNonNull(cause, "cause");
    if (retryAfter != null && retryAfter.isNegative()) {
      retryAfter = Duration.ZERO;
    }
  }
}
