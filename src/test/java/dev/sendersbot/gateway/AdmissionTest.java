package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));
  private final FakeSleeper sleeper = FakeSleeper.advancing(clock);
  private final Counters counters = new Counters();
  private final Object lock = new Object();
  private final ProviderState provider =
      new ProviderState(
          GatewayListener.NONE,
          IpBlocks.NONE,
          Duration.ofSeconds(60),
          Duration.ofMinutes(30),
          1,
          Duration.ofSeconds(30));
  private final SendLog sends = new SendLog();
  private final InFlightPermits permits = new InFlightPermits(clock, 1, false);

  private Admission admission(int creates) {
    return new Admission(
        clock,
        sleeper,
        permits,
        counters,
        creates,
        new ListBudgets(2, null),
        lock,
        provider,
        sends);
  }

  @Test
  void pastTheCreationBudgetTheCallerWaitsForItsSlotWhenTheWaitIsLongEnough() {
    Admission admission = admission(1);
    Instant start = clock.instant();
    permits.release(admission.admit(RequestKind.CREATES, null, false, WAIT).chatPermit());
    clock.advance(Duration.ofSeconds(58));

    Admission.Ticket second = admission.admit(RequestKind.CREATES, null, false, WAIT);

    assertEquals(List.of(Duration.ofSeconds(4)), sleeper.waits());
    assertEquals(start.plus(CachingGateway.BUDGET_WINDOW), second.slot().at);
    assertEquals(1, counters.snapshot().budgetWaits());
  }

  @Test
  void pastTheCreationBudgetAWaitLongerThanAllowedIsRefusedWithTheTimeToRetry() {
    Admission admission = admission(1);
    permits.release(admission.admit(RequestKind.CREATES, null, false, WAIT).chatPermit());
    clock.advance(Duration.ofSeconds(2));

    GatewayRefusal r =
        assertThrows(
            GatewayRefusal.class, () -> admission.admit(RequestKind.CREATES, null, false, WAIT));

    assertEquals(GatewayRefusal.Reason.BUDGET, r.reason());
    assertEquals(Duration.ofSeconds(60), r.retryAfter());
    assertTrue(r.getMessage().contains("creation budget (1 a minute) is spent"), r.getMessage());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void aRequestRefusedForWantOfAPermitGivesItsBudgetSlotBack() {
    Admission admission = admission(2);
    Admission.Ticket running = admission.admit(RequestKind.CREATES, null, false, WAIT);

    GatewayRefusal r =
        assertThrows(
            GatewayRefusal.class,
            () -> admission.admit(RequestKind.CREATES, null, false, Duration.ZERO));
    assertEquals("1 provider requests are already running", r.getMessage());
    permits.release(running.chatPermit());

    // Had the refused request kept its slot, this one would have to wait a window.
    Admission.Ticket next = admission.admit(RequestKind.CREATES, null, false, Duration.ZERO);
    assertEquals(clock.instant(), next.slot().at);
    assertEquals(2, sends.creates(clock.instant()));
  }

  @Test
  void requestsWithoutABudgetTakeNoSlotAndAreNotLogged() {
    Admission.Ticket t = admission(1).admit(RequestKind.OTHERS, null, false, WAIT);

    assertNull(t.slot());
    assertFalse(t.probe());
    assertEquals(0, sends.lists(clock.instant()) + sends.creates(clock.instant()));
  }

  @Test
  void identicalListsAreBudgetedPerQuestion() {
    Admission admission = admission(1);
    ListQuery main = ListQuery.full(null);
    for (int i = 0; i < 2; i++) {
      permits.release(admission.admit(RequestKind.LISTS, main, false, WAIT).chatPermit());
    }

    assertThrows(GatewayRefusal.class, () -> admission.admit(RequestKind.LISTS, main, false, WAIT));
    permits.release(
        admission.admit(RequestKind.LISTS, ListQuery.full("sub1"), false, WAIT).chatPermit());
    assertEquals(3, sends.lists(clock.instant()));
  }

  @Test
  void anOpenCircuitRefusesThenLetsOneProbeThrough() {
    Admission admission = admission(1);
    synchronized (lock) {
      provider.transportFailed(
          new SmscTransportException(
              SmscTransportException.Kind.CONNECTION, "down", new IOException("refused")),
          false,
          clock.instant());
    }

    GatewayRefusal r =
        assertThrows(
            GatewayRefusal.class, () -> admission.admit(RequestKind.OTHERS, null, false, WAIT));
    assertEquals(GatewayRefusal.Reason.CIRCUIT_OPEN, r.reason());
    clock.advance(Duration.ofSeconds(30));

    assertTrue(admission.admit(RequestKind.OTHERS, null, false, WAIT).probe());
  }
}
