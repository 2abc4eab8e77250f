package dev.sendersbot.time;

import java.time.Clock;

/**
 * The real time, the one place main code reads it. Only the wiring and default factories call this;
 * everything else takes the {@link Clock} it is given, so that a test can hand it its own.
 */
public final class SystemTime {
  private SystemTime() {}

  /** The system clock, in UTC. */
  public static Clock clock() {
    return Clock.systemUTC();
  }
}
