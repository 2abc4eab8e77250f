package dev.sendersbot.gateway;

import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.time.RollingWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The identical-list budget of every question, split between the status watcher and the chats: the
 * watcher keeps as many requests per window as it polls in a minute, the chats share the rest. Each
 * side has its own {@link RollingWindow}, so neither can spend the other's share and together they
 * never exceed the budget.
 *
 * <p>Why the watcher needs only its polls per minute: it asks each question at most once per poll
 * and its polls are at least an interval apart, so with {@code ceil(60 s / interval)} slots per
 * {@link CachingGateway#BUDGET_WINDOW} its next slot is never more than the window's extra seconds
 * away ({@link #WATCHER_WAIT}).
 *
 * <p>Not thread-safe: the gateway guards it with its lock.
 */
final class ListBudgets {
  /** The longest a watcher's poll waits for its own slot: the window's jitter allowance. */
  static final Duration WATCHER_WAIT =
      CachingGateway.BUDGET_WINDOW.minus(Duration.ofMinutes(1)).plus(CachingGateway.SEND_DRIFT);

  private static final int MAX_IDLE_QUESTIONS = 1024;

  private final int perMinute;
  private final int watcherShare;
  private final Map<ListQuery, Windows> byQuery = new HashMap<>();

  /** The two sides of one question's budget; either is null when that side has no share. */
  private record Windows(RollingWindow watcher, RollingWindow chats) {}

  /**
   * @param perMinute identical lists per window ({@code gateway.lists-per-minute})
   * @param watchInterval how often the watcher polls; null when no watcher uses this gateway (then
   *     watcher and chats share the whole budget)
   */
  ListBudgets(int perMinute, Duration watchInterval) {
    this.perMinute = perMinute;
    this.watcherShare = watchInterval == null ? 0 : watcherShare(watchInterval);
    if (watcherShare > perMinute) {
      throw new IllegalArgumentException(
          "a watcher polling every "
              + watchInterval
              + " needs "
              + watcherShare
              + " identical lists a minute, more than gateway.lists-per-minute ("
              + perMinute
              + ")");
    }
  }

  /** The watcher's polls within one minute, at most: {@code ceil(60 s / interval)}. */
  static int watcherShare(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watch interval must be positive: " + interval);
    }
    long minute = Duration.ofMinutes(1).toMillis();
    long every = interval.toMillis();
    return (int) Math.min(Integer.MAX_VALUE, (minute + every - 1) / every);
  }

  int watcherShare() {
    return watcherShare;
  }

  int chatsShare() {
    return perMinute - watcherShare;
  }

  /**
   * The window this caller's request of {@code query} takes its slot from; null when the caller's
   * side has no share of it at all.
   */
  RollingWindow window(ListQuery query, boolean watcher, Instant now) {
    if (byQuery.size() > MAX_IDLE_QUESTIONS) {
      byQuery.values().removeIf(w -> idle(w.watcher(), now) && idle(w.chats(), now));
    }
    Windows w =
        byQuery.computeIfAbsent(
            query,
            q ->
                new Windows(
                    watcherShare == 0
                        ? null
                        : new RollingWindow(watcherShare, CachingGateway.BUDGET_WINDOW),
                    chatsShare() == 0
                        ? null
                        : new RollingWindow(chatsShare(), CachingGateway.BUDGET_WINDOW)));
    if (watcher && watcherShare > 0) {
      return w.watcher();
    }
    return w.chats();
  }

  private static boolean idle(RollingWindow w, Instant now) {
    return w == null || w.isIdle(now);
  }

  /** Why a request of this side was refused, in words. */
  String spentWords(boolean watcher) {
    if (watcherShare == 0) {
      return "identical list budget (" + perMinute + " a minute) is spent";
    }
    if (watcher) {
      return "status watcher's share of the identical list budget ("
          + watcherShare
          + " of "
          + perMinute
          + " a minute) is spent";
    }
    if (chatsShare() == 0) {
      return "identical list budget (" + perMinute + " a minute) is kept for the status watcher";
    }
    return "chats' share of the identical list budget ("
        + chatsShare()
        + " of "
        + perMinute
        + " a minute; the rest is kept for the status watcher) is spent";
  }
}
