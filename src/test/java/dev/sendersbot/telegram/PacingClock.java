package dev.sendersbot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A test's clock for Telegram's pacing: it moves only when the test says so, and whoever sleeps on
 * it (a reply waiting for its chat's next slot, a 429's retry_after) blocks until the test has
 * moved it far enough. With the clock held still, a reply that needs no wait is sent at once and
 * one that needs a wait is not sent at all, so a test can tell the two apart by events alone.
 */
final class PacingClock extends Clock implements Sleeper {
  private long millis;
  private int sleeping;

  PacingClock(long startMillis) {
    this.millis = startMillis;
  }

  @Override
  public synchronized void sleep(Duration d) throws InterruptedException {
    long until = millis + Math.max(0, d.toMillis());
    sleeping++;
    try {
      while (millis < until) {
        wait();
      }
    } finally {
      sleeping--;
    }
  }

  /** Moves the clock on and wakes the sleepers whose time has come. */
  synchronized void advance(Duration d) {
    millis += d.toMillis();
    notifyAll();
  }

  /** Threads blocked in {@link #sleep} right now. */
  synchronized int sleeping() {
    return sleeping;
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
