package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollBackOffTest {

  @Test
  void doublesFromHalfASecondAndStaysBoundedAtThirtySeconds() {
    PollBackOff b = new PollBackOff(Duration.ofMillis(500), Duration.ofSeconds(30));
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      waits.add(b.nextBackOffMillis());
    }
    assertEquals(
        List.of(
            500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L, 30000L,
            30000L),
        waits);
  }

  @Test
  void startsOverAfterASuccess() {
    PollBackOff b = new PollBackOff(Duration.ofMillis(500), Duration.ofSeconds(30));
    b.nextBackOffMillis();
    b.nextBackOffMillis();
    b.reset();
    assertEquals(500, b.nextBackOffMillis());
  }

  @Test
  void waitsAtLeastWhatA429AskedForOnce() {
    PollBackOff b = new PollBackOff(Duration.ofMillis(500), Duration.ofSeconds(30));
    b.retryAfter(Duration.ofSeconds(45));
    assertEquals(45_000, b.nextBackOffMillis());
    assertEquals(1000, b.nextBackOffMillis());
  }

  @Test
  void stopsWaitingWhenStopped() {
    PollBackOff b = new PollBackOff(Duration.ofMillis(500), Duration.ofSeconds(30));
    b.stop();
    assertEquals(0, b.nextBackOffMillis());
  }

  @Test
  void refusesABackwardRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new PollBackOff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
