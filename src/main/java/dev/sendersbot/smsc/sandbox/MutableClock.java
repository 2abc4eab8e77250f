package dev.sendersbot.smsc.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand, so time-based rules (rate windows, IP blocks, the 8-hour code
 * rule, auto-progression) are exercised without sleeping. Thread-safe: the sandbox reads it from
 * its request threads while a test advances it.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Starts at the given instant, in UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start, ZoneOffset.UTC);
  }

  /** Starts at 2025-01-15T09:00:00Z, a fixed weekday morning, in UTC. */
  public static MutableClock fixed() {
    return at(Instant.parse("2025-01-15T09:00:00Z"));
  }

  public void advance(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward with advance(): " + d);
    }
    now.updateAndGet(i -> i.plus(d));
  }

  /** Moves the clock to an instant, backwards too (for tests that need it). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone. */
  @Override
  public Clock withZone(ZoneId z) {
    return new MutableClock(now, z);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
