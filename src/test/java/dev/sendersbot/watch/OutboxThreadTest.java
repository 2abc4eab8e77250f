package dev.sendersbot.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxThreadTest {
  // Why: the thread caught only RuntimeException, so one Error in a drain (a StackOverflowError, a
  // class that failed to load) ended it for good, and no notification went out again.
  @Test
  void anErrorInOneDrainDoesNotEndTheThread() {
    AtomicInteger drains = new AtomicInteger();
    OutboxThread thread =
        new OutboxThread(
            () -> {
              if (drains.incrementAndGet() == 1) {
                throw new StackOverflowError("deep");
              }
            },
            () -> null,
            new FakeClock(TestClocks.NEW_YEAR_EVE));
    thread.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> drains.get() >= 1);
      thread.wake();
      await().atMost(Duration.ofSeconds(10)).until(() -> drains.get() >= 2);
      assertTrue(drains.get() >= 2);
    } finally {
      thread.stop(Duration.ofSeconds(2));
    }
  }
}
