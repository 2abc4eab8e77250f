package dev.sendersbot.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How a caller waits for budget; tests replace it with one that moves a clock instead. */
@FunctionalInterface
interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }
}
