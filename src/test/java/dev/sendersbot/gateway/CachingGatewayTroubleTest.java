package dev.sendersbot.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.gateway.GatewayRefusal.Reason;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderRef;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CachingGatewayTroubleTest {
  private static final ListQuery ACCOUNT = ListQuery.full(null);

  private final Rig rig = new Rig();

  private static SmscError error(int code) {
    return new SmscError("list", code, "provider text " + code);
  }

  private static SmscTransportException timeout() {
    return new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "list: timed out", null);
  }

  /** One call of every kind; each must be refused for the given reason. */
  private static void assertEveryCallRefused(SendersGateway gateway, Reason reason) {
    List<Executable> calls =
        List.of(
            () -> gateway.list(ACCOUNT),
            () -> gateway.refresh(ListQuery.full("sub1"), Caller.chat(1)),
            () -> gateway.refresh(ListQuery.full("sub2"), Caller.WATCHER),
            () -> gateway.add(AddRequest.of("NEWNAME", null, null)),
            () ->
                gateway.change(
                    new ChangeRequest(SenderRef.name("SHOP"), "c", Set.of(), null, null)),
            () -> gateway.sendCode(SendCodeRequest.of("79991234567", null)),
            () -> gateway.checkCode(new CheckCodeRequest("79991234567", "1234", null)),
            () -> gateway.delete(new DeleteRequest(SenderRef.name("SHOP"), null)));
    for (Executable call : calls) {
      GatewayRefusal r = assertThrows(GatewayRefusal.class, call);
      assertEquals(reason, r.reason(), r.getMessage());
    }
  }

  @Test
  void makesNoProviderCallAfterError2UntilAnOwnerResumes() {
    CachingGateway gateway = rig.builder().build();
    rig.api.failNext(ProviderOperation.LIST, error(2));
    assertThrows(SmscError.class, () -> gateway.list(ACCOUNT));
    int calls = rig.api.total();

    assertEveryCallRefused(gateway, Reason.CREDENTIALS);
    rig.clock.advance(Duration.ofHours(3));
    assertEveryCallRefused(gateway, Reason.CREDENTIALS);

    assertEquals(calls, rig.api.total());
    GatewayRefusal r = assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));
    assertNull(r.retryAfter(), "only a person can end it");
    assertEquals(List.of("suspended CREDENTIALS"), rig.listener.events);
    assertTrue(rig.listener.words.get(0).contains("error 2"), rig.listener.words.get(0));
    assertNotNull(gateway.status().suspension());

    gateway.resume();

    assertEquals(List.of("suspended CREDENTIALS", "resumed CREDENTIALS"), rig.listener.events);
    gateway.list(ACCOUNT);
    assertEquals(calls + 1, rig.api.total());
    assertNull(gateway.status().suspension());
  }

  @Test
  void makesNoProviderCallDuringAnIpBlockAndCallsAgainWhenItEnds() {
    CachingGateway gateway = rig.builder().build();
    rig.api.failNext(ProviderOperation.ADD, error(4));
    Instant blocked = rig.clock.instant();
    assertThrows(SmscError.class, () -> gateway.add(AddRequest.of("NEWNAME", null, null)));
    int calls = rig.api.total();

    assertEveryCallRefused(gateway, Reason.IP_BLOCKED);
    rig.clock.set(blocked.plus(Duration.ofMinutes(30)).minusSeconds(1));
    GatewayRefusal last = assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));
    assertEquals(Duration.ofSeconds(1), last.retryAfter());
    assertEveryCallRefused(gateway, Reason.IP_BLOCKED);
    assertEquals(calls, rig.api.total());
    GatewayStatus during = gateway.status();
    assertEquals(blocked.plus(Duration.ofMinutes(30)), during.suspendedUntil());
    assertTrue(during.suspension().contains("error 4"), during.suspension());
    // An owner's resume is for error 2: it does not cut an IP block short.
    gateway.resume();
    assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));

    rig.clock.set(blocked.plus(Duration.ofMinutes(30)));
    gateway.list(ACCOUNT);
    gateway.add(AddRequest.of("NEWNAME", null, null));

    assertEquals(calls + 2, rig.api.total());
    assertEquals(List.of("suspended IP_BLOCKED", "resumed IP_BLOCKED"), rig.listener.events);
    assertNull(gateway.status().suspension());
  }

  /** An IP block kept in memory, as the database keeps it for the bot. */
  private static final class KeptBlocks implements IpBlocks {
    Instant until;

    @Override
    public java.util.Optional<Instant> until() {
      return java.util.Optional.ofNullable(until);
    }

    @Override
    public void blockedUntil(Instant until) {
      this.until = until;
    }
  }

  // Why: a restart during an IP block asked the provider at once (the watcher's first poll), and
  // every request during a block lengthens it.
  @Test
  void aRestartDuringAnIpBlockWaitsItOutWithoutAskingTheProvider() {
    KeptBlocks kept = new KeptBlocks();
    CachingGateway before = rig.builder().ipBlocks(kept).build();
    rig.api.failNext(ProviderOperation.LIST, error(4));
    Instant blocked = rig.clock.instant();
    assertThrows(SmscError.class, () -> before.list(ACCOUNT));
    assertEquals(blocked.plus(Duration.ofMinutes(30)), kept.until);
    int calls = rig.api.total();

    rig.clock.advance(Duration.ofMinutes(10));
    CachingGateway after = rig.builder().ipBlocks(kept).build();

    assertEveryCallRefused(after, Reason.IP_BLOCKED);
    assertEquals(blocked.plus(Duration.ofMinutes(30)), after.status().suspendedUntil());
    assertEquals(calls, rig.api.total(), "nothing asked during the block");
    rig.clock.set(blocked.plus(Duration.ofMinutes(30)));
    after.list(ACCOUNT);
    assertEquals(calls + 1, rig.api.total());
    assertNull(kept.until, "the block is over for the next restart too");
  }

  @Test
  void theIpBlockLastsAsLongAsConfigured() {
    CachingGateway gateway = rig.builder().ipBlock(Duration.ofMinutes(45)).build();
    rig.api.failNext(ProviderOperation.LIST, error(4));
    assertThrows(SmscError.class, () -> gateway.list(ACCOUNT));

    rig.clock.advance(Duration.ofMinutes(44));
    assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));
    rig.clock.advance(Duration.ofMinutes(1));
    gateway.list(ACCOUNT);

    assertEquals(2, rig.api.total());
  }

  // Why: requests already in flight all come back with error 4; the owners hear of it once.
  @Test
  void alertsTheOwnersOncePerSuspension() throws Exception {
    CachingGateway gateway = rig.builder().build();
    rig.api.failNext(ProviderOperation.LIST, error(4)).failNext(ProviderOperation.LIST, error(4));
    CountDownLatch provider = rig.api.hold();
    ExecutorService chats = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = chats.submit(() -> gateway.list(ListQuery.full("sub1")));
      Future<?> b = chats.submit(() -> gateway.list(ListQuery.full("sub2")));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 2);
      provider.countDown();
      assertThrows(Exception.class, () -> a.get(10, TimeUnit.SECONDS));
      assertThrows(Exception.class, () -> b.get(10, TimeUnit.SECONDS));
    } finally {
      chats.shutdownNow();
    }
    assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));

    assertEquals(List.of("suspended IP_BLOCKED"), rig.listener.events);
  }

  @Test
  void aListenerThatFailsDoesNotFailTheCaller() {
    CachingGateway gateway =
        rig.builder()
            .listener(
                new GatewayListener() {
                  @Override
                  public void suspended(Reason reason, String words) {
                    throw new IllegalStateException("telegram is down");
                  }
                })
            .build();
    rig.api.failNext(ProviderOperation.LIST, error(2));

    SmscError e = assertThrows(SmscError.class, () -> gateway.list(ACCOUNT));

    assertEquals(2, e.rawCode());
  }

  @Test
  void error9CoolsDownListsOnlyAndServesThemStaleMeanwhile() {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(10)).build();
    Instant fetched = rig.clock.instant();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(15));
    rig.api.failNext(ProviderOperation.LIST, error(9));

    Answer<List<Sender>> during = gateway.list(ACCOUNT);

    assertTrue(during.stale());
    assertEquals(fetched, during.fetchedAt());
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    // Within the cool-down: lists of any query are held back, creations and others still go.
    rig.clock.advance(Duration.ofSeconds(59));
    assertTrue(gateway.list(ACCOUNT).stale());
    GatewayRefusal r =
        assertThrows(GatewayRefusal.class, () -> gateway.list(ListQuery.full("sub1")));
    assertEquals(Reason.COOL_DOWN, r.reason());
    assertEquals(Duration.ofSeconds(1), r.retryAfter());
    gateway.add(AddRequest.of("NEWNAME", null, null));
    gateway.sendCode(SendCodeRequest.of("79991234567", null));
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertEquals(1, rig.api.count(ProviderOperation.ADD));
    assertEquals(1, rig.api.count(ProviderOperation.SEND_CODE));

    rig.clock.advance(Duration.ofSeconds(1));
    Answer<List<Sender>> after = gateway.list(ListQuery.full("sub1"));
    assertFalse(after.stale());
    assertEquals(3, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void error9OnACreationCoolsDownCreationsButNotLists() {
    CachingGateway gateway = rig.builder().coolDown(Duration.ofSeconds(90)).build();
    rig.api.failNext(ProviderOperation.ADD, new SmscError("add", 9, "wait a minute"));
    assertThrows(SmscError.class, () -> gateway.add(AddRequest.of("NEWNAME", null, null)));

    GatewayRefusal r =
        assertThrows(GatewayRefusal.class, () -> gateway.add(AddRequest.of("OTHER", null, null)));
    assertEquals(Reason.COOL_DOWN, r.reason());
    assertEquals(Duration.ofSeconds(90), r.retryAfter());
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(90));
    gateway.add(AddRequest.of("OTHER", null, null));

    assertEquals(2, rig.api.count(ProviderOperation.ADD));
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
    assertEquals(1, gateway.metrics().providerErrors(9));
  }

  @Test
  void opensTheCircuitAfterFiveTransportFailuresInARow() {
    CachingGateway gateway = rig.builder().circuit(5, Duration.ofSeconds(30)).build();
    for (int i = 0; i < 5; i++) {
      rig.api.failNext(ProviderOperation.LIST, timeout());
      String user = "sub" + i;
      assertThrows(SmscTransportException.class, () -> gateway.list(ListQuery.full(user)));
    }
    assertEquals("open", gateway.status().circuit());

    assertEveryCallRefused(gateway, Reason.CIRCUIT_OPEN);

    assertEquals(5, rig.api.total());
    GatewayRefusal r = assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));
    assertEquals(Duration.ofSeconds(30), r.retryAfter());
    assertEquals("list: timed out", gateway.status().lastError());
    assertEquals(
        5,
        gateway
            .metrics()
            .requests()
            .get(ProviderOperation.LIST)
            .get(GatewayMetrics.Outcome.TRANSPORT_ERROR));
  }

  @Test
  void servesListsStaleWhileTheCircuitIsOpen() {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(10)).build();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(20));
    for (int i = 0; i < 5; i++) {
      rig.api.failNext(ProviderOperation.SEND_CODE, timeout());
      assertThrows(
          SmscTransportException.class,
          () -> gateway.sendCode(SendCodeRequest.of("79991234567", null)));
    }

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertTrue(answer.stale());
    assertEquals(Duration.ofSeconds(20), answer.age(rig.clock.instant()));
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  // Why: the provider answering with an error code means the way to it works.
  @Test
  void aProviderErrorAnswerBreaksTheRunOfTransportFailures() {
    CachingGateway gateway = rig.builder().build();
    Consumer<Integer> failures =
        n -> {
          for (int i = 0; i < n; i++) {
            rig.api.failNext(ProviderOperation.SEND_CODE, timeout());
            assertThrows(
                SmscTransportException.class,
                () -> gateway.sendCode(SendCodeRequest.of("79991234567", null)));
          }
        };
    failures.accept(4);
    rig.api.failNext(ProviderOperation.SEND_CODE, new SmscError("send_code", 8, "undeliverable"));
    assertThrows(SmscError.class, () -> gateway.sendCode(SendCodeRequest.of("79991234567", null)));
    failures.accept(4);

    assertEquals("closed", gateway.status().circuit());
    gateway.list(ACCOUNT);
  }

  @Test
  void probesOnceAfterTheCoolOffAndReopensWhenTheProbeFails() {
    CachingGateway gateway = rig.builder().circuit(3, Duration.ofSeconds(30)).build();
    openCircuit(gateway, 3);
    rig.clock.advance(Duration.ofSeconds(30));
    assertEquals("half-open", gateway.status().circuit());
    rig.api.failNext(ProviderOperation.LIST, timeout());

    assertThrows(SmscTransportException.class, () -> gateway.list(ACCOUNT));

    assertEquals("open", gateway.status().circuit());
    GatewayRefusal r = assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));
    assertEquals(Reason.CIRCUIT_OPEN, r.reason());
    assertEquals(Duration.ofSeconds(30), r.retryAfter());
    assertEquals(4, rig.api.total());
  }

  @Test
  void aSuccessfulProbeClosesTheCircuit() {
    CachingGateway gateway = rig.builder().circuit(3, Duration.ofSeconds(30)).build();
    openCircuit(gateway, 3);
    rig.clock.advance(Duration.ofSeconds(30));

    gateway.list(ACCOUNT);

    assertEquals("closed", gateway.status().circuit());
    gateway.add(AddRequest.of("NEWNAME", null, null));
    gateway.list(ListQuery.full("sub9"));
    assertEquals(6, rig.api.total());
  }

  // Why: probing gently means one request, not every waiting chat at once.
  @Test
  void letsOnlyOneProbeThroughWhileHalfOpen() throws Exception {
    CachingGateway gateway = rig.builder().circuit(3, Duration.ofSeconds(30)).build();
    openCircuit(gateway, 3);
    rig.clock.advance(Duration.ofSeconds(30));
    CountDownLatch provider = rig.api.hold();
    ExecutorService chat = Executors.newSingleThreadExecutor();
    try {
      Future<?> probe = chat.submit(() -> gateway.list(ACCOUNT));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 1);

      GatewayRefusal r =
          assertThrows(
              GatewayRefusal.class, () -> gateway.add(AddRequest.of("NEWNAME", null, null)));
      assertEquals(Reason.CIRCUIT_OPEN, r.reason());
      assertEquals("half-open", gateway.status().circuit());

      provider.countDown();
      probe.get(10, TimeUnit.SECONDS);
    } finally {
      chat.shutdownNow();
    }
    assertEquals("closed", gateway.status().circuit());
    assertEquals(4, rig.api.total());
  }

  @Test
  void statusTellsTheLastSuccessAndTheLastErrorInWords() {
    CachingGateway gateway = rig.builder().build();
    Instant success = rig.clock.instant();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(10));
    rig.api.failNext(ProviderOperation.DELETE, new SmscError("del", 3, "sender not found"));
    assertThrows(
        SmscError.class, () -> gateway.delete(new DeleteRequest(SenderRef.name("NOSUCH"), null)));

    GatewayStatus s = gateway.status();

    assertEquals(success, s.lastSuccess());
    assertEquals(rig.clock.instant(), s.lastErrorAt());
    assertEquals("del: provider error 3 (sender not found)", s.lastError());
    assertEquals("closed", s.circuit());
    assertNull(s.suspension());
    assertNull(s.suspendedUntil());
    assertEquals(2, s.providerRequests());
    assertEquals(4, s.createsPerMinute());
  }

  private void openCircuit(CachingGateway gateway, int failures) {
    for (int i = 0; i < failures; i++) {
      rig.api.failNext(ProviderOperation.SEND_CODE, timeout());
      assertThrows(
          SmscTransportException.class,
          () -> gateway.sendCode(SendCodeRequest.of("79991234567", null)));
    }
    assertEquals("open", gateway.status().circuit());
  }
}
