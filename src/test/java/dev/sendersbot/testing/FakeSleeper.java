package dev.sendersbot.testing;

import dev.sendersbot.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} on a {@link FakeClock} that remembers every wait. Either it moves the clock on
 * by the wait itself ({@link #advancing}), or it blocks until the test has moved the clock that far
 * ({@link #blocking}): with the clock held still, something that needs no wait happens at once and
 * something that needs one does not happen at all, so a test can tell the two apart.
 */
public final class FakeSleeper implements Sleeper {
  private final FakeClock.Time time;
  private final boolean blocks;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private int sleeping;

  private FakeSleeper(FakeClock clock, boolean blocks) {
    this.time = clock.time();
    this.blocks = blocks;
  }

  /** Sleeping moves {@code clock} on by the wait (by nothing for a wait that is not positive). */
  public static FakeSleeper advancing(FakeClock clock) {
    return new FakeSleeper(clock, false);
  }

  /** Sleeping blocks until the test has moved {@code clock} past the end of the wait. */
  public static FakeSleeper blocking(FakeClock clock) {
    return new FakeSleeper(clock, true);
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    waits.add(d);
    Duration wait = d.isNegative() ? Duration.ZERO : d;
    if (!blocks) {
      time.advance(wait);
      return;
    }
    synchronized (time) {
      Instant until = time.now().plus(wait);
      sleeping++;
      try {
        while (time.now().isBefore(until)) {
          time.wait();
        }
      } finally {
        sleeping--;
      }
    }
  }

  /** Every wait asked for, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The waits added up. */
  public Duration slept() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** Threads blocked in {@link #sleep} right now (always 0 for an advancing sleeper). */
  public int sleeping() {
    synchronized (time) {
      return sleeping;
    }
  }
}
