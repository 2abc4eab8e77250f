package dev.sendersbot.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the program waits. Injected wherever code waits for time to pass, so that a test moves its
 * own clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits {@code duration}; zero or negative returns at once. */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits on the real time. */
  static Sleeper system() {
    return Sleeper::sleepForReal;
  }

  private static void sleepForReal(Duration d) throws InterruptedException {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException tooLong) {
      // Past about 292 years: as good as forever, and toNanos cannot say it.
      nanos = Long.MAX_VALUE;
    }
    TimeUnit.NANOSECONDS.sleep(nanos);
  }
}
