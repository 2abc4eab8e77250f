package dev.sendersbot.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Provider requests running at once. With a watcher served, everyone else also needs one of the
 * chats' permits, one fewer than in flight, so the watcher always finds a slot. Thread-safe.
 */
final class InFlightPermits {
  private final Clock clock;
  private final int max;
  private final Semaphore inFlight;

  /** Permits for everyone but the watcher; null when the watcher has no slot of its own. */
  private final Semaphore chatPermits;

  /**
   * @param watcherServed whether one slot is kept for the status watcher (only when there is more
   *     than one)
   */
  InFlightPermits(Clock clock, int max, boolean watcherServed) {
    this.clock = clock;
    this.max = max;
    this.inFlight = new Semaphore(max, true);
    this.chatPermits = watcherServed && max > 1 ? new Semaphore(max - 1, true) : null;
  }

  /** Whether a request of this side needs a chats' permit besides the in-flight one. */
  boolean needsChatPermit(boolean watcher) {
    return !watcher && chatPermits != null;
  }

  /** An in-flight permit, first one of the chats' when {@code chatPermit}; false if none came. */
  boolean acquire(boolean chatPermit, Duration timeout) {
    Instant until = clock.instant().plus(timeout);
    if (chatPermit && !acquire(chatPermits, timeout)) {
      return false;
    }
    if (!acquire(inFlight, remaining(until))) {
      if (chatPermit) {
        chatPermits.release();
      }
      return false;
    }
    return true;
  }

  void release(boolean chatPermit) {
    inFlight.release();
    if (chatPermit) {
      chatPermits.release();
    }
  }

  /** Why a request of this side found no permit, in words. */
  String busyWords(boolean chatPermit) {
    return (chatPermit
            ? max - 1 + " provider requests (all but the status watcher's) are"
            : max + " provider requests are")
        + " already running";
  }

  int running() {
    return max - inFlight.availablePermits();
  }

  int max() {
    return max;
  }

  private Duration remaining(Instant deadline) {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static boolean acquire(Semaphore permits, Duration timeout) {
    try {
      return timeout.isZero()
          ? permits.tryAcquire()
          : permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
