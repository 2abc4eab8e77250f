package dev.sendersbot.testing;

import dev.sendersbot.smsc.sandbox.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when the test moves it ({@link #advance}, {@link #set}) or a {@link
 * FakeSleeper} sleeps on it. Safe to read from many threads; every zone view shares the same time.
 * An SMSC sandbox started on it (or on a zone view of it) lets its control API move it too.
 */
public final class FakeClock extends Clock implements MovableClock {

  /** The time every view reads, and the monitor a blocking {@link FakeSleeper} waits on. */
  static final class Time {
    private Instant now;

    Time(Instant start) {
      this.now = Objects.requireNonNull(start, "start");
    }

    synchronized Instant now() {
      return now;
    }

    synchronized void set(Instant t) {
      now = Objects.requireNonNull(t, "instant");
      notifyAll();
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
      notifyAll();
    }
  }

  private final Time time;
  private final ZoneId zone;

  /** Starts at {@code start}, in UTC. */
  public FakeClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  public FakeClock(Instant start, ZoneId zone) {
    this(new Time(start), zone);
  }

  private FakeClock(Time time, ZoneId zone) {
    this.time = time;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Starts at {@code epochMilli}, in UTC. */
  public static FakeClock atEpochMilli(long epochMilli) {
    return new FakeClock(Instant.ofEpochMilli(epochMilli));
  }

  /** Moves time on by {@code d} (back, when negative), waking sleepers whose time has come. */
  @Override
  public void advance(Duration d) {
    time.advance(d);
  }

  /** Moves time to {@code t}, backwards too. */
  @Override
  public void set(Instant t) {
    time.set(t);
  }

  Time time() {
    return time;
  }

  @Override
  public Instant instant() {
    return time.now();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone. */
  @Override
  public FakeClock withZone(ZoneId z) {
    return new FakeClock(time, z);
  }

  @Override
  public String toString() {
    return "FakeClock[" + instant() + ", " + zone + "]";
  }
}
