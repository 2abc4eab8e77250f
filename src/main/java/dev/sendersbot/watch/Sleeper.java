package dev.sendersbot.watch;

import java.time.Duration;

/** Waits; tests pass one that only records the wait (or moves a test clock). */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration d) throws InterruptedException;
}
