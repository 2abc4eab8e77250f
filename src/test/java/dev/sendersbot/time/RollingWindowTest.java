package dev.sendersbot.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RollingWindowTest {
  private static final Instant T0 = Instant.parse("2025-06-02T12:00:00Z");
  private static final Duration W = Duration.ofSeconds(62);

  @Test
  void grantsTheLimitAtOnceThenTheSlotAWindowAfterTheOldest() {
    RollingWindow w = new RollingWindow(2, W);

    assertEquals(T0, w.reserve(T0).at);
    assertEquals(T0.plusSeconds(10), w.reserve(T0.plusSeconds(10)).at);
    assertEquals(T0.plus(W), w.reserve(T0.plusSeconds(20)).at);
    assertEquals(T0.plusSeconds(10).plus(W), w.reserve(T0.plusSeconds(20)).at);
  }

  @Test
  void aCancelledSlotFreesItsPlace() {
    RollingWindow w = new RollingWindow(1, W);
    RollingWindow.Slot first = w.reserve(T0);
    w.cancel(first);

    assertEquals(T0.plusSeconds(1), w.reserve(T0.plusSeconds(1)).at);
  }

  @Test
  void isIdleOnceEverySlotHasLeftTheWindow() {
    RollingWindow w = new RollingWindow(1, W);
    w.reserve(T0);

    assertFalse(w.isIdle(T0.plusSeconds(61)));
    assertTrue(w.isIdle(T0.plus(W)));
  }

  /**
   * Whatever callers ask and cancel, the slots kept never crowd more than the limit into a window.
   */
  @Property(tries = 300)
  void neverHoldsMoreThanTheLimitInAnyWindow(
      @ForAll @IntRange(min = 1, max = 5) int limit, @ForAll("steps") List<Integer> steps) {
    RollingWindow w = new RollingWindow(limit, W);
    List<RollingWindow.Slot> kept = new ArrayList<>();
    Instant now = T0;
    for (int step : steps) {
      if (step < 0 && !kept.isEmpty()) {
        w.cancel(kept.remove((-step) % kept.size()));
        continue;
      }
      now = now.plusSeconds(Math.abs(step));
      RollingWindow.Slot s = w.reserve(now);
      assertFalse(s.at.isBefore(now), "a slot is never in the past");
      kept.add(s);
    }
    List<Instant> times = new ArrayList<>();
    kept.forEach(s -> times.add(s.at));
    times.sort(null);
    for (int i = 0; i + limit < times.size(); i++) {
      assertFalse(
          Duration.between(times.get(i), times.get(i + limit)).compareTo(W) < 0,
          "more than " + limit + " slots within " + W + ": " + times);
    }
  }

  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.integers().between(-5, 40).list().ofMaxSize(40);
  }
}
