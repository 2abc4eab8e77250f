package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InFlightPermitsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));

  @Test
  void chatsCannotTakeTheSlotKeptForTheWatcher() {
    InFlightPermits permits = new InFlightPermits(clock, 2, true);
    boolean chat = permits.needsChatPermit(false);
    assertTrue(chat);
    assertTrue(permits.acquire(chat, Duration.ZERO));

    assertFalse(permits.acquire(chat, Duration.ZERO), "the second chat request");
    assertFalse(permits.needsChatPermit(true));
    assertTrue(permits.acquire(false, Duration.ZERO), "the watcher's request");
    assertEquals(2, permits.running());
  }

  @Test
  void aChatThatFindsNoInFlightPermitGivesItsChatPermitBack() {
    InFlightPermits permits = new InFlightPermits(clock, 3, true);
    assertTrue(permits.acquire(false, Duration.ZERO));
    assertTrue(permits.acquire(false, Duration.ZERO));
    assertTrue(permits.acquire(false, Duration.ZERO));
    assertEquals(3, permits.running());

    assertFalse(permits.acquire(true, Duration.ZERO));
    permits.release(false);
    permits.release(false);
    permits.release(false);
    // Had the failed attempt kept a chats' permit, only one chat could run now.
    assertTrue(permits.acquire(true, Duration.ZERO));
    assertTrue(permits.acquire(true, Duration.ZERO), "the second chat");
  }

  @Test
  void releasingGivesBothPermitsBack() {
    InFlightPermits permits = new InFlightPermits(clock, 2, true);
    assertTrue(permits.acquire(true, Duration.ZERO));
    permits.release(true);

    assertEquals(0, permits.running());
    assertTrue(permits.acquire(true, Duration.ZERO));
  }

  @Test
  void withoutAWatcherOrWithOneSlotEveryoneSharesEverySlot() {
    InFlightPermits noWatcher = new InFlightPermits(clock, 2, false);
    InFlightPermits oneSlot = new InFlightPermits(clock, 1, true);

    assertFalse(noWatcher.needsChatPermit(false));
    assertFalse(oneSlot.needsChatPermit(false));
    assertTrue(noWatcher.acquire(false, Duration.ZERO));
    assertTrue(noWatcher.acquire(false, Duration.ZERO));
    assertFalse(noWatcher.acquire(false, Duration.ZERO));
  }

  @Test
  void theRefusalSaysHowManyRequestsAreRunning() {
    InFlightPermits permits = new InFlightPermits(clock, 4, true);

    assertEquals(
        "3 provider requests (all but the status watcher's) are already running",
        permits.busyWords(true));
    assertEquals("4 provider requests are already running", permits.busyWords(false));
    assertEquals(4, permits.max());
  }
}
