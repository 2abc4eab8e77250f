package dev.sendersbot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces each chat's refreshes: after a fresh answer, the chat's next refresh within the interval
 * gets the cached list instead, so one chat pressing 🔄 cannot spend what the other chats share.
 * Thread-safe.
 */
final class ChatRefreshes {
  private static final int PRUNE_ABOVE = 1024;

  private final Duration interval;
  private final Map<Long, Instant> lastFresh = new HashMap<>();

  ChatRefreshes(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "gateway.chat-refresh-interval must be positive: " + interval);
    }
    this.interval = interval;
  }

  Duration interval() {
    return interval;
  }

  /** How long until this chat's next refresh may ask the provider; zero when it may now. */
  synchronized Duration wait(long chatId, Instant now) {
    Instant last = lastFresh.get(chatId);
    if (last == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, last.plus(interval));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The chat got a fresh answer to a refresh asked at {@code at}. */
  synchronized void fresh(long chatId, Instant at) {
    if (lastFresh.size() > PRUNE_ABOVE) {
      Instant horizon = at.minus(interval);
      lastFresh.values().removeIf(t -> !t.isAfter(horizon));
    }
    lastFresh.merge(chatId, at, (a, b) -> a.isAfter(b) ? a : b);
  }
}
