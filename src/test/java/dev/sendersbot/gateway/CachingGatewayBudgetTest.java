package dev.sendersbot.gateway;

import static dev.sendersbot.gateway.Rig.names;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingGatewayBudgetTest {
  private static final ListQuery ACCOUNT = ListQuery.full(null);
  private static final Duration MINUTE = Duration.ofSeconds(60);

  private final Rig rig = new Rig();

  /**
   * A gateway that keeps no expired answer: a list past its 10 s ttl has nothing to fall back on.
   */
  private CachingGateway gatewayKeepingNothingStale() {
    return rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(10))
        .keepStaleFor(Duration.ofSeconds(10))
        .build();
  }

  /**
   * Spends the list budget of ACCOUNT (2 a minute, at +0 s and +11 s); returns at +22 s, nothing
   * cached.
   */
  private void spendListBudgetLeavingNoCache(CachingGateway gateway) {
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(11));
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(11));
    assertEquals(0, gateway.status().cacheEntries());
  }

  @Test
  void refusesAListWithNothingCachedWhenTheBudgetFreesLaterThanMaxWait() {
    CachingGateway gateway = gatewayKeepingNothingStale();
    spendListBudgetLeavingNoCache(gateway);

    GatewayRefusal refusal = assertThrows(GatewayRefusal.class, () -> gateway.list(ACCOUNT));

    assertEquals(GatewayRefusal.Reason.BUDGET, refusal.reason());
    assertEquals(CachingGateway.BUDGET_WINDOW.minusSeconds(22), refusal.retryAfter());
    assertTrue(refusal.explanation().contains("Try again in 40 s"), refusal.explanation());
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertTrue(rig.sleeper.waits().isEmpty());
    assertEquals(1, gateway.metrics().refusals().get(GatewayRefusal.Reason.BUDGET));
  }

  @Test
  void aListWithNothingCachedWaitsForTheBudgetWhenTheWaitIsWithinMaxWait() {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = gatewayKeepingNothingStale();
    Instant start = rig.clock.instant();
    spendListBudgetLeavingNoCache(gateway);
    rig.clock.set(start.plusSeconds(58));

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertEquals(List.of(Duration.ofSeconds(4)), rig.sleeper.waits());
    assertEquals(3, rig.api.count(ProviderOperation.LIST));
    assertEquals(
        start.plus(CachingGateway.BUDGET_WINDOW), rig.api.calls().get(rig.api.total() - 1).at());
    assertFalse(answer.stale());
    assertEquals(List.of("SHOP"), names(answer));
    assertEquals(1, gateway.metrics().budgetWaits());
  }

  /** Spends the list budget of ACCOUNT through mutations; the cache holds a superseded answer. */
  // A confirmed code supersedes the cached lists (the fake lists the confirmed number as a name);
  // an add would not: the gateway applies it to them (issue 13).
  private void spendListBudgetThroughMutations(CachingGateway gateway) {
    gateway.list(ACCOUNT);
    gateway.checkCode(new CheckCodeRequest(FIRST, "338824", null));
    gateway.list(ACCOUNT);
    gateway.checkCode(new CheckCodeRequest(SECOND, "338824", null));
  }

  private static final String FIRST = "79990000001";
  private static final String SECOND = "79990000002";

  // Why: the caller may just have made the change; a short wait shows it, a stale list would not.
  @Test
  void afterAMutationAListWaitsForTheBudgetWithinMaxWaitRatherThanShowTheOldAnswer() {
    CachingGateway gateway = rig.builder().build();
    Instant start = rig.clock.instant();
    spendListBudgetThroughMutations(gateway);
    rig.clock.set(start.plusSeconds(58));

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertEquals(List.of(Duration.ofSeconds(4)), rig.sleeper.waits());
    assertFalse(answer.stale());
    assertEquals(List.of(FIRST, SECOND), names(answer));
  }

  // Why: past max-wait, the answer from before the change, marked stale, beats "try again".
  @Test
  void afterAMutationAListPastMaxWaitGetsTheOldAnswerMarkedStale() {
    CachingGateway gateway = rig.builder().build();
    Instant start = rig.clock.instant();
    spendListBudgetThroughMutations(gateway);
    rig.clock.advance(Duration.ofSeconds(20));

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertTrue(answer.stale());
    assertEquals(List.of(FIRST), names(answer));
    assertEquals(start, answer.fetchedAt());
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertTrue(rig.sleeper.waits().isEmpty());
  }

  @Test
  void refusesACreationPastTheBudgetAndNeverSendsItLater() {
    CachingGateway gateway = rig.builder().build();
    for (int i = 0; i < 4; i++) {
      gateway.add(AddRequest.of("NAME" + i, null, null));
    }

    GatewayRefusal refusal =
        assertThrows(GatewayRefusal.class, () -> gateway.add(AddRequest.of("NAME4", null, null)));

    assertEquals(GatewayRefusal.Reason.BUDGET, refusal.reason());
    assertEquals(CachingGateway.BUDGET_WINDOW, refusal.retryAfter());
    assertEquals(4, rig.api.count(ProviderOperation.ADD));
    // Nothing was queued: time passing and other calls do not send the refused creation.
    rig.clock.advance(Duration.ofMinutes(10));
    gateway.list(ACCOUNT);
    gateway.sendCode(SendCodeRequest.of("79991234567", null));
    assertEquals(4, rig.api.count(ProviderOperation.ADD));
    assertTrue(names(gateway.list(ACCOUNT)).stream().noneMatch("NAME4"::equals));
  }

  // Why: one sub-client's operator could spend the account's four creations a minute (rejected
  // names count too), and the main account's /add was refused until the minute passed.
  @Test
  void subClientsTogetherLeaveTheAccountOneCreationAMinute() {
    CachingGateway gateway = rig.builder().build();
    gateway.add(AddRequest.of("ACME1", null, "acme"));
    gateway.add(AddRequest.of("GLOBEX1", null, "globex"));
    gateway.add(AddRequest.of("ACME2", null, "acme"));

    GatewayRefusal refusal =
        assertThrows(GatewayRefusal.class, () -> gateway.add(AddRequest.of("ACME3", null, "acme")));
    assertEquals(GatewayRefusal.Reason.BUDGET, refusal.reason());
    assertTrue(refusal.getMessage().contains("sub-clients"), refusal.getMessage());

    gateway.add(AddRequest.of("MAIN1", null, null));
    assertEquals(4, rig.api.count(ProviderOperation.ADD));
  }

  @Test
  void aCreationWaitsForTheBudgetWhenTheWaitIsWithinMaxWait() {
    CachingGateway gateway = rig.builder().build();
    Instant start = rig.clock.instant();
    for (int i = 0; i < 4; i++) {
      gateway.add(AddRequest.of("NAME" + i, null, null));
    }
    rig.clock.advance(Duration.ofSeconds(57));

    gateway.add(AddRequest.of("NAME4", null, null));

    assertEquals(List.of(Duration.ofSeconds(5)), rig.sleeper.waits());
    assertEquals(5, rig.api.count(ProviderOperation.ADD));
    assertEquals(
        start.plus(CachingGateway.BUDGET_WINDOW), rig.api.calls().get(rig.api.total() - 1).at());
  }

  @Test
  void changesDeletionsAndCodesAreNotHeldToTheCreationBudget() {
    CachingGateway gateway = rig.builder().build();
    for (int i = 0; i < 4; i++) {
      gateway.add(AddRequest.of("NAME" + i, null, null));
    }

    for (int i = 0; i < 4; i++) {
      gateway.change(new ChangeRequest(SenderRef.name("NAME" + i), "c", Set.of(), null, null));
      gateway.delete(new DeleteRequest(SenderRef.name("NAME" + i), null));
    }
    gateway.sendCode(SendCodeRequest.of("79991234567", null));

    assertEquals(13, rig.api.total());
    assertTrue(rig.sleeper.waits().isEmpty());
    assertEquals(4, gateway.status().createsLastMinute());
  }

  @Test
  void neverHasMoreRequestsInFlightThanItsLimitUnderConcurrentLoad() throws Exception {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(20)), MINUTE).build();
    CountDownLatch provider = rig.api.hold();
    ExecutorService chats = Executors.newFixedThreadPool(30);
    List<Callable<Object>> work = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      int i = n;
      String user = "sub" + i;
      work.add(() -> gateway.list(ListQuery.full(user)));
      work.add(
          () -> {
            gateway.sendCode(SendCodeRequest.of("7999123456" + i, user));
            return null;
          });
      work.add(
          () -> {
            gateway.change(new ChangeRequest(SenderRef.id(1 + i), "c", Set.of(), null, user));
            return null;
          });
    }
    try {
      List<Future<Object>> done = new ArrayList<>();
      for (Callable<Object> w : work) {
        done.add(chats.submit(w));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 4);
      assertEquals(4, gateway.status().inFlight());
      assertEquals(4, gateway.status().maxInFlight());
      provider.countDown();
      for (Future<Object> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      chats.shutdownNow();
    }
    assertEquals(30, rig.api.total());
    assertEquals(4, rig.api.maxRunning());
    assertEquals(0, gateway.status().inFlight());
  }

  // Why: with an answer to show, a list must not queue behind slow requests.
  @Test
  void aListWithACachedAnswerIsServedStaleRatherThanWaitForAFreeSlot() throws Exception {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 1, Duration.ofSeconds(20)), Duration.ofSeconds(10)).build();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(11));
    CountDownLatch provider = rig.api.hold();
    ExecutorService chat = Executors.newSingleThreadExecutor();
    try {
      Future<?> slow = chat.submit(() -> gateway.sendCode(SendCodeRequest.of("79991234567", null)));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 1);

      Answer<List<Sender>> answer = gateway.list(ACCOUNT);

      assertTrue(answer.stale());
      provider.countDown();
      slow.get(10, TimeUnit.SECONDS);
    } finally {
      chat.shutdownNow();
    }
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  /**
   * 20 chats send 200 list commands (plain and refresh, two sub-clients) within one simulated
   * minute, with a short list ttl so the cache alone would not hold the provider back.
   */
  @Test
  void twoHundredListsFromTwentyChatsStayWithinTheRollingMinuteBudget() throws Exception {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(5))
            .keepStaleFor(Duration.ofMinutes(10))
            .build();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger stale = new AtomicInteger();
    ExecutorService chats = Executors.newFixedThreadPool(20);
    try {
      for (int round = 0; round < 10; round++) {
        List<Future<?>> commands = new ArrayList<>();
        for (int chat = 0; chat < 20; chat++) {
          long who = chat;
          ListQuery query = ListQuery.full(chat < 5 ? "sub1" : null);
          boolean refresh = (chat + round) % 3 == 0;
          commands.add(
              chats.submit(
                  () -> {
                    Answer<List<Sender>> a =
                        refresh ? gateway.refresh(query, Caller.chat(who)) : gateway.list(query);
                    answered.incrementAndGet();
                    if (a.stale()) {
                      stale.incrementAndGet();
                    }
                  }));
        }
        for (Future<?> f : commands) {
          f.get(10, TimeUnit.SECONDS);
        }
        rig.clock.advance(Duration.ofSeconds(6));
      }
    } finally {
      chats.shutdownNow();
    }

    assertEquals(200, answered.get());
    assertTrue(stale.get() > 0, "the budget held the provider back at least once");
    assertAtMostPerRollingMinute(2, rig.api.calls());
    assertTrue(rig.api.count(ProviderOperation.LIST) <= 4, rig.api.calls().toString());
  }

  // Why: invalidations and a zero wait push the gateway through every path; the bound must hold.
  @Test
  void keepsTheRollingMinuteBudgetOverMinutesOfMixedTraffic() throws Exception {
    CachingGateway gateway =
        rig.builder(Rig.budgets(3, 5, 4, Duration.ZERO), Duration.ofSeconds(7)).build();
    ExecutorService chats = Executors.newFixedThreadPool(20);
    AtomicInteger refused = new AtomicInteger();
    try {
      for (int round = 0; round < 60; round++) {
        List<Future<?>> commands = new ArrayList<>();
        for (int chat = 0; chat < 20; chat++) {
          long who = chat;
          ListQuery query = ListQuery.full(chat % 4 == 0 ? "sub1" : null);
          boolean refresh = (chat * 7 + round) % 5 == 0;
          commands.add(
              chats.submit(
                  () -> {
                    try {
                      if (refresh) {
                        gateway.refresh(query, Caller.chat(who));
                      } else {
                        gateway.list(query);
                      }
                    } catch (GatewayRefusal r) {
                      refused.incrementAndGet();
                    }
                  }));
        }
        if (round % 4 == 0) {
          try {
            gateway.add(AddRequest.of("N" + round, null, round % 8 == 0 ? "sub1" : null));
          } catch (GatewayRefusal r) {
            refused.incrementAndGet();
          }
        }
        for (Future<?> f : commands) {
          f.get(10, TimeUnit.SECONDS);
        }
        rig.clock.advance(Duration.ofSeconds(4));
      }
    } finally {
      chats.shutdownNow();
    }

    assertAtMostPerRollingMinute(3, rig.api.calls());
    assertTrue(rig.api.count(ProviderOperation.LIST) >= 8, "lists were fetched as budget allowed");
  }

  /** No span of 60 s (ends included) holds more than {@code limit} identical list requests. */
  private static void assertAtMostPerRollingMinute(int limit, List<FakeSendersApi.Call> calls) {
    Map<Object, List<Instant>> byQuery = new HashMap<>();
    for (FakeSendersApi.Call c : calls) {
      if (c.op() == ProviderOperation.LIST) {
        byQuery.computeIfAbsent(c.request(), q -> new ArrayList<>()).add(c.at());
      }
    }
    byQuery.forEach(
        (query, times) -> {
          times.sort(null);
          for (int i = 0; i + limit < times.size(); i++) {
            Duration span = Duration.between(times.get(i), times.get(i + limit));
            assertTrue(
                span.compareTo(MINUTE) > 0,
                limit + 1 + " requests for " + query + " within " + span + ": " + times);
          }
        });
  }
}
