package dev.sendersbot.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** "Sleeps" by moving the clock, and remembers each wait. */
final class FakeSleeper implements Sleeper {
  private final MutableClock clock;
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  FakeSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration d) {
    waits.add(d);
    clock.advance(d);
  }
}
