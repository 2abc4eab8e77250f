package dev.sendersbot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When lists and creations went to the provider in the last minute, for the status: what the
 * provider would count, not what the budgets reserve. Not thread-safe: the gateway guards it with
 * its lock.
 */
final class SendLog {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Deque<Instant> lists = new ArrayDeque<>();
  private final Deque<Instant> creates = new ArrayDeque<>();

  /** A request of this kind went out at {@code now}; kinds without a budget are not logged. */
  void sent(RequestKind kind, Instant now) {
    Deque<Instant> sends = of(kind);
    if (sends != null) {
      sends.addLast(now);
      prune(sends, now);
    }
  }

  /** Lists sent within the minute before {@code now}. */
  int lists(Instant now) {
    prune(lists, now);
    return lists.size();
  }

  /** Creations sent within the minute before {@code now}. */
  int creates(Instant now) {
    prune(creates, now);
    return creates.size();
  }

  private Deque<Instant> of(RequestKind kind) {
    return switch (kind) {
      case LISTS -> lists;
      case CREATES -> creates;
      case OTHERS -> null;
    };
  }

  private static void prune(Deque<Instant> sends, Instant now) {
    Instant horizon = now.minus(MINUTE);
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(horizon)) {
      sends.removeFirst();
    }
  }
}
