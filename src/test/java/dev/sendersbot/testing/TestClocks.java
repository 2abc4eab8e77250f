package dev.sendersbot.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The clocks tests run on. A test never reads the wall clock: its time starts at an instant the
 * test chose, so a suite behaves the same whatever the time of day it runs at.
 */
public final class TestClocks {
  /**
   * Ten seconds before a new day, month and year (UTC), and a little under three hours into the
   * new year in Moscow (the provider's zone): a suite started here crosses all three boundaries
   * while it runs, and anything "in 8 hours" lands in the next year.
   */
  public static final Instant NEW_YEAR_EVE = Instant.parse("2026-12-31T23:59:50Z");

  /**
   * The system property that moves {@link #suiteStart()}, to run the suites at another instant:
   * {@code mvn test -Dtest.clock.start=2027-06-15T12:00:00Z}.
   */
  public static final String START_PROPERTY = "test.clock.start";

  private TestClocks() {}

  /** Where the whole-bot suites start their clocks: {@link #NEW_YEAR_EVE} unless the run says otherwise. */
  public static Instant suiteStart() {
    String s = System.getProperty(START_PROPERTY);
    if (s == null || s.isBlank()) {
      return NEW_YEAR_EVE;
    }
    try {
      return Instant.parse(s.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          START_PROPERTY + " must be an ISO instant such as 2026-12-31T23:59:50Z: " + s, e);
    }
  }

  /**
   * A clock, in UTC, that reads {@code start} now and then moves on in real time (by
   * {@link System#nanoTime()}, which no one can set). For parts that need time to pass while a
   * test waits for them: Telegram's sending limits, a child process, a watcher's interval.
   */
  public static Clock ticking(Instant start) {
    return new Ticking(Objects.requireNonNull(start, "start"), System.nanoTime(), ZoneOffset.UTC);
  }

  /** Moves with {@link System#nanoTime()} from an instant; every zone view shares the same time. */
  private static final class Ticking extends Clock {
    private final Instant start;
    private final long originNanos;
    private final ZoneId zone;

    Ticking(Instant start, long originNanos, ZoneId zone) {
      this.start = start;
      this.originNanos = originNanos;
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Instant instant() {
      return start.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new Ticking(start, originNanos, z);
    }

    @Override
    public String toString() {
      return "TestClocks.ticking[from " + start + ", now " + instant() + ", " + zone + "]";
    }
  }
}
