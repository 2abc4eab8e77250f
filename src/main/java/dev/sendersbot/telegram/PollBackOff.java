package dev.sendersbot.telegram;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * Back-off between failed getUpdates calls: doubles from {@code min} up to {@code max} and starts
 * over after a success. TelegramBots' default grows to 15 minutes and ignores {@code retry_after};
 * this one stays bounded and waits at least what a 429 asked for.
 */
final class PollBackOff implements BackOff {
  /** A retry_after longer than this is not believed (a broken proxy must not park the bot). */
  static final long MAX_RETRY_AFTER_MILLIS = Duration.ofMinutes(5).toMillis();

  private final long minMillis;
  private final long maxMillis;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong retryAfterHint = new AtomicLong();
  private volatile boolean stopped;

  PollBackOff(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < min <= max: " + min + ", " + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    next.set(minMillis);
  }

  @Override
  public void reset() {
    next.set(minMillis);
    retryAfterHint.set(0);
  }

  @Override
  public long nextBackOffMillis() {
    if (stopped) {
      return 0;
    }
    long current = next.getAndUpdate(n -> Math.min(maxMillis, n * 2));
    long hint = Math.min(retryAfterHint.getAndSet(0), MAX_RETRY_AFTER_MILLIS);
    return Math.max(current, hint);
  }

  /** A 429 said when to come back. */
  void retryAfter(Duration d) {
    retryAfterHint.set(d.toMillis());
  }

  /** Shutting down: no more waiting. */
  void stop() {
    stopped = true;
  }
}
