package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that can be moved from outside: a sandbox started on a {@link java.time.Clock} that is
 * one lets {@code POST /sandbox/clock} move it, so time-based rules (rate windows, IP blocks, the
 * 8-hour code rule, auto-progression) are exercised without sleeping. The tests' fake clock is one;
 * the sandbox itself makes none. An implementation must be safe to move while request threads read
 * it, and its zone views must share its time.
 */
public interface MovableClock {

  /** Moves time on by {@code d}. */
  void advance(Duration d);

  /** Moves time to {@code t}, backwards too. */
  void set(Instant t);
}
