package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendLogTest {
  private static final Instant T0 = Instant.parse("2025-06-02T12:00:00Z");

  @Test
  void countsEachKindWithinTheLastMinute() {
    SendLog log = new SendLog();
    log.sent(RequestKind.LISTS, T0);
    log.sent(RequestKind.LISTS, T0.plusSeconds(30));
    log.sent(RequestKind.CREATES, T0.plusSeconds(10));

    assertEquals(2, log.lists(T0.plusSeconds(59)));
    assertEquals(1, log.creates(T0.plusSeconds(59)));
    // A send exactly a minute ago is no longer within the minute.
    assertEquals(1, log.lists(T0.plus(Duration.ofMinutes(1))));
    assertEquals(0, log.creates(T0.plusSeconds(70)));
  }

  @Test
  void otherRequestsAreNotCounted() {
    SendLog log = new SendLog();
    log.sent(RequestKind.OTHERS, T0);

    assertEquals(0, log.lists(T0));
    assertEquals(0, log.creates(T0));
  }
}
