package dev.sendersbot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a chat's refresh may cost. A list younger than the reuse period is as new as a refresh could
 * make it, so any chat's refresh gets it without asking: presses from many chats within seconds
 * cost one request. And each chat's refreshes are spaced: after an answer, the chat's next refresh
 * within the interval gets the cached list instead, so one chat pressing 🔄 cannot spend what the
 * other chats share. Thread-safe.
 */
final class ChatRefreshes {
  private static final int PRUNE_ABOVE = 1024;

  private final Duration interval;
  private final Duration reuse;
  private final Map<Long, Instant> lastFresh = new HashMap<>();

  ChatRefreshes(Duration interval, Duration reuse) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "gateway.chat-refresh-interval must be positive: " + interval);
    }
    if (reuse == null || reuse.isNegative()) {
      throw new IllegalArgumentException("gateway.refresh-reuse must not be negative: " + reuse);
    }
    this.interval = interval;
    this.reuse = reuse;
  }

  /**
   * How much longer a list fetched at {@code fetchedAt} answers a refresh without asking; zero when
   * a refresh at {@code now} may ask.
   */
  Duration reuseLeft(Instant fetchedAt, Instant now) {
    Duration left = Duration.between(now, fetchedAt.plus(reuse));
    return left.isNegative() ? Duration.ZERO : left;
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

  /**
   * The chat got a fresh answer to a refresh asked at {@code at}, or a reused one fetched then: its
   * next refresh is spaced from that moment.
   */
  synchronized void fresh(long chatId, Instant at) {
    if (lastFresh.size() > PRUNE_ABOVE) {
      Instant horizon = at.minus(interval);
      lastFresh.values().removeIf(t -> !t.isAfter(horizon));
    }
    lastFresh.merge(chatId, at, (a, b) -> a.isAfter(b) ? a : b);
  }
}
