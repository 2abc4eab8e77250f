package dev.sendersbot.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clocks tests run on. A test never reads the wall clock: its time starts at an instant the
 * test chose, so a suite behaves the same whatever the time of day it runs at.
 */
public final class TestClocks {
  /**
   * Ten seconds before a new day, month and year (UTC), and a little under three hours into the new
   * year in Moscow (the provider's zone): a suite started here crosses all three boundaries while
   * it runs, and anything "in 8 hours" lands in the next year.
   */
  public static final Instant NEW_YEAR_EVE = Instant.parse("2026-12-31T23:59:50Z");

  /**
   * The system property that moves {@link #suiteStart()}, to run the suites at another instant:
   * {@code mvn test -Dtest.clock.start=2027-06-15T12:00:00Z}.
   */
  public static final String START_PROPERTY = "test.clock.start";

  private TestClocks() {}

  /**
   * Where the whole-bot suites start their clocks: {@link #NEW_YEAR_EVE} unless the run says
   * otherwise.
   */
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
   * A clock, in UTC, that reads {@code start} now and then moves on in real time (by {@link
   * System#nanoTime()}, which no one can set). For parts that need time to pass while a test waits
   * for them: Telegram's sending limits, a child process, a watcher's interval.
   */
  public static Ticking ticking(Instant start) {
    return new Ticking(
        new AtomicReference<>(
            new Ticking.State(Objects.requireNonNull(start, "start"), System.nanoTime(), false)),
        ZoneOffset.UTC);
  }

  /**
   * Time that runs from an instant the test chose. A test may hold it still for a moment, so that
   * what the bot says about "now" can be computed exactly: time then runs on from where it stood,
   * never jumping back. Every zone view shares the same time.
   */
  public static final class Ticking extends Clock {
    /**
     * {@code at} was the time when {@code System.nanoTime()} read {@code nanos}; paused: it still
     * is.
     */
    private record State(Instant at, long nanos, boolean paused) {
      Instant now() {
        return paused ? at : at.plusNanos(System.nanoTime() - nanos);
      }
    }

    private final AtomicReference<State> state;
    private final ZoneId zone;

    private Ticking(AtomicReference<State> state, ZoneId zone) {
      this.state = state;
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Stops time until {@link #resume()}; returns the instant it stands at. Keep pauses short:
     * waits measured on this clock (a budget window, a sending limit) do not end meanwhile.
     */
    public Instant pause() {
      return state.updateAndGet(s -> s.paused ? s : new State(s.now(), 0, true)).at;
    }

    /** Lets time run on from where it stood. */
    public void resume() {
      state.updateAndGet(s -> s.paused ? new State(s.at, System.nanoTime(), false) : s);
    }

    @Override
    public Instant instant() {
      return state.get().now();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Ticking withZone(ZoneId z) {
      return new Ticking(state, z);
    }

    @Override
    public String toString() {
      State s = state.get();
      return "TestClocks.ticking[" + s.now() + (s.paused ? ", paused" : "") + ", " + zone + "]";
    }
  }
}
