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
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CachingGatewayCacheTest {
  private static final ListQuery ACCOUNT = ListQuery.full(null);

  private final Rig rig = new Rig();

  @Test
  void answersARepeatedListFromCacheAndSaysHowOldItIs() {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = rig.builder().build();
    Instant first = rig.clock.instant();

    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(40));
    Answer<List<Sender>> again = gateway.list(ACCOUNT);

    assertEquals(1, rig.api.count(ProviderOperation.LIST));
    assertEquals(List.of("SHOP"), names(again));
    assertFalse(again.stale());
    assertEquals(first, again.fetchedAt());
    assertEquals(Duration.ofSeconds(40), again.age(rig.clock.instant()));
  }

  @Test
  void asksTheProviderAgainOnceTheListTtlHasPassed() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(60));

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertFalse(answer.stale());
    assertEquals(Duration.ZERO, answer.age(rig.clock.instant()));
  }

  @Test
  void keepsTheListsOfSubClientsAndOfDifferentQueriesApart() {
    rig.api.seed(null, "MAIN");
    rig.api.seed("sub1", "SUB");
    CachingGateway gateway = rig.builder().build();

    assertEquals(List.of("MAIN"), names(gateway.list(ACCOUNT)));
    assertEquals(List.of("SUB"), names(gateway.list(ListQuery.full("sub1"))));
    gateway.list(new ListQuery(false, false, null, null, null, null));
    gateway.list(ListQuery.full("sub1"));

    assertEquals(3, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void coalescesHundredConcurrentIdenticalListsIntoOneProviderRequest() throws Exception {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = rig.builder().build();
    CountDownLatch provider = rig.api.hold();
    ExecutorService chats = Executors.newFixedThreadPool(100);
    try {
      List<Future<Answer<List<Sender>>>> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        answers.add(chats.submit(() -> gateway.list(ACCOUNT)));
      }
      // Every other caller has joined the one request still held by the provider.
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway.metrics().coalesced() == 99);
      assertEquals(1, rig.api.count(ProviderOperation.LIST));
      provider.countDown();
      for (Future<Answer<List<Sender>>> f : answers) {
        assertEquals(List.of("SHOP"), names(f.get(10, TimeUnit.SECONDS)));
      }
    } finally {
      chats.shutdownNow();
    }
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
    assertEquals(1, gateway.metrics().requests(ProviderOperation.LIST));
  }

  @Test
  void sharesAFailureWithEveryCallerOfTheSameRequest() throws Exception {
    CachingGateway gateway = rig.builder().build();
    rig.api.failNext(
        ProviderOperation.LIST,
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "list: timed out", null));
    CountDownLatch provider = rig.api.hold();
    ExecutorService chats = Executors.newFixedThreadPool(5);
    try {
      List<Future<Answer<List<Sender>>>> answers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        answers.add(chats.submit(() -> gateway.list(ACCOUNT)));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway.metrics().coalesced() == 4);
      provider.countDown();
      for (Future<Answer<List<Sender>>> f : answers) {
        Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SmscTransportException, e.toString());
      }
    } finally {
      chats.shutdownNow();
    }
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  /**
   * The shipped defaults with {@code gateway.refresh-reuse: 0s}: every refresh may ask, for the
   * tests of what happens beneath the reuse period ({@link RefreshReuseTest} covers it).
   */
  private CachingGateway withoutRefreshReuse() {
    return rig.builder(
            Rig.budgets(2, 4, 4, Duration.ofSeconds(5)).withRefreshReuse(Duration.ZERO),
            Duration.ofSeconds(60))
        .build();
  }

  enum Mutation {
    ADD,
    CHANGE,
    DELETE,
    CHECK_CODE
  }

  private static void mutate(SendersGateway gateway, Mutation m, String user) {
    switch (m) {
      case ADD -> gateway.add(AddRequest.of("NEWNAME", "test", user));
      case CHANGE ->
          gateway.change(
              new ChangeRequest(SenderRef.name("SHOP"), "new comment", Set.of(), null, user));
      case DELETE -> gateway.delete(new DeleteRequest(SenderRef.name("SHOP"), user));
      case CHECK_CODE -> gateway.checkCode(new CheckCodeRequest("79991234567", "338824", user));
    }
  }

  /**
   * Issue 13: the bot's own add or delete is applied to the cached list, which stays fresh with its
   * age: the next list needs no provider request and shows the change.
   */
  @ParameterizedTest
  @EnumSource(
      value = Mutation.class,
      names = {"ADD", "DELETE"})
  void aSuccessfulAddOrDeleteIsAppliedToTheCachedListOfItsSubClient(Mutation mutation) {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = rig.builder().build();
    Answer<List<Sender>> before = gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(5));

    mutate(gateway, mutation, null);
    Answer<List<Sender>> after = gateway.list(ACCOUNT);

    assertEquals(1, rig.api.count(ProviderOperation.LIST));
    assertFalse(after.stale());
    assertEquals(before.fetchedAt(), after.fetchedAt());
    assertEquals(mutation == Mutation.ADD ? List.of("NEWNAME", "SHOP") : List.of(), names(after));
  }

  /**
   * Found by the demo's quick start: add, confirm a code (which supersedes the list), delete, then
   * the list past its budget showed the deleted name from the superseded fallback.
   */
  @Test
  void aDeleteAfterASupersedingChangeIsAppliedToTheFallbackToo() {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway =
        rig.builder(Rig.budgets(1, 4, 4, Duration.ZERO), Duration.ofSeconds(60)).build();
    gateway.list(ACCOUNT);
    gateway.checkCode(new CheckCodeRequest("79991234567", "338824", null));

    gateway.delete(new DeleteRequest(SenderRef.name("SHOP"), null));
    Answer<List<Sender>> after = gateway.list(ACCOUNT);

    assertEquals(1, rig.api.count(ProviderOperation.LIST), "the budget was spent");
    assertTrue(after.stale());
    assertEquals(List.of(), names(after));
  }

  @ParameterizedTest
  @EnumSource(
      value = Mutation.class,
      names = {"CHANGE", "CHECK_CODE"})
  void aSuccessfulMutationMakesTheNextListOfItsSubClientFresh(Mutation mutation) {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = rig.builder().build();
    List<String> before = names(gateway.list(ACCOUNT));
    rig.clock.advance(Duration.ofSeconds(5));

    mutate(gateway, mutation, null);
    Answer<List<Sender>> after = gateway.list(ACCOUNT);

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertFalse(after.stale());
    assertEquals(rig.clock.instant(), after.fetchedAt());
    if (mutation != Mutation.CHANGE) { // the fake keeps no comments: a change shows no difference
      assertFalse(before.equals(names(after)), before + " vs " + names(after));
    }
  }

  @Test
  void sendingACodeLeavesTheCachedListsAlone() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);

    gateway.sendCode(SendCodeRequest.of("79991234567", null));
    gateway.list(ACCOUNT);

    assertEquals(1, rig.api.count(ProviderOperation.SEND_CODE));
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void aMutationOfOneSubClientLeavesTheOtherListsCached() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);
    gateway.list(ListQuery.full("sub1"));
    gateway.list(new ListQuery(false, false, null, null, null, "sub1"));

    gateway.checkCode(new CheckCodeRequest("79991234567", "338824", "sub1"));
    gateway.list(ACCOUNT);
    gateway.list(ListQuery.full("sub1"));
    gateway.list(new ListQuery(false, false, null, null, null, "sub1"));

    // Both queries of sub1 asked again, the account's own list still cached.
    assertEquals(5, rig.api.count(ProviderOperation.LIST));
    assertEquals(
        1,
        rig.api.calls().stream()
            .filter(c -> c.op() == ProviderOperation.LIST && c.user() == null)
            .count());
  }

  @Test
  void aMutationTheProviderRefusedLeavesTheCachedListsAlone() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);
    rig.api.failNext(ProviderOperation.ADD, new SmscError("add", 5, "error saving"));

    assertThrows(SmscError.class, () -> gateway.add(AddRequest.of("NEWNAME", null, null)));
    gateway.list(ACCOUNT);

    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  // Why: the provider may have added the name before the answer was lost, so the list is in doubt.
  @Test
  void aMutationWhoseAnswerWasLostDropsTheCachedLists() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);
    rig.api.failNext(
        ProviderOperation.ADD,
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "add: timed out", null));

    assertThrows(
        SmscTransportException.class, () -> gateway.add(AddRequest.of("NEWNAME", null, null)));
    gateway.list(ACCOUNT);

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
  }

  // Why: a list that left before the mutation and came back after it would cache the old names.
  @Test
  void aListInFlightDuringAMutationIsNeverTakenAsFreshAfterIt() throws Exception {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway = rig.builder().build();
    CountDownLatch answers = rig.api.holdListAnswers();
    ExecutorService chat = Executors.newSingleThreadExecutor();
    try {
      Future<Answer<List<Sender>>> early = chat.submit(() -> gateway.list(ACCOUNT));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.heldAnswers() == 1);
      gateway.add(AddRequest.of("NEWNAME", null, null));
      answers.countDown();
      assertEquals(List.of("SHOP"), names(early.get(10, TimeUnit.SECONDS)));
    } finally {
      chat.shutdownNow();
    }

    Answer<List<Sender>> after = gateway.list(ACCOUNT);

    assertEquals(List.of("SHOP", "NEWNAME"), names(after));
  }

  @Test
  void servesTheCachedListMarkedStaleWithItsAgeWhenTheListBudgetIsSpent() {
    rig.api.seed(null, "SHOP");
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(10)).build();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(11));
    Instant second = rig.clock.instant();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(11));

    Answer<List<Sender>> answer = gateway.list(ACCOUNT);

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertTrue(answer.stale());
    assertEquals(List.of("SHOP"), names(answer));
    assertEquals(second, answer.fetchedAt());
    assertEquals(Duration.ofSeconds(11), answer.age(rig.clock.instant()));
    assertTrue(rig.sleeper.waits().isEmpty(), "a list with a cached answer never waits");

    // Once the rolling minute has moved on, the provider is asked again.
    rig.clock.set(second.minusSeconds(11).plus(CachingGateway.BUDGET_WINDOW));
    Answer<List<Sender>> fresh = gateway.list(ACCOUNT);
    assertFalse(fresh.stale());
    assertEquals(3, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void refreshAsksTheProviderEvenWhileTheCachedListIsFresh() {
    CachingGateway gateway = withoutRefreshReuse();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(3));

    Answer<List<Sender>> refreshed = gateway.refresh(ACCOUNT, Caller.chat(1));

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertFalse(refreshed.stale());
    assertEquals(rig.clock.instant(), refreshed.fetchedAt());
  }

  // Why: two chats pressing refresh at once need one answer fetched after they asked, not two.
  @Test
  void refreshTakesAnAnswerFetchedAfterItWasAsked() {
    CachingGateway gateway = withoutRefreshReuse();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(1));

    Answer<List<Sender>> first = gateway.refresh(ACCOUNT, Caller.chat(1));
    Answer<List<Sender>> second = gateway.refresh(ACCOUNT, Caller.chat(2));

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertFalse(second.stale());
    assertEquals(first.fetchedAt(), second.fetchedAt());
  }

  @Test
  void refreshPastTheBudgetServesTheCachedListMarkedStale() {
    CachingGateway gateway = withoutRefreshReuse();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(1));
    gateway.refresh(ACCOUNT, Caller.chat(1));
    Instant fetched = rig.clock.instant();
    rig.clock.advance(Duration.ofSeconds(3));

    Answer<List<Sender>> answer = gateway.refresh(ACCOUNT, Caller.chat(2));

    assertEquals(2, rig.api.count(ProviderOperation.LIST));
    assertTrue(answer.stale());
    assertEquals(fetched, answer.fetchedAt());
  }

  @Test
  void dropsExpiredAnswersOnceTheyAreTooOldToServeStale() {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(10))
            .keepStaleFor(Duration.ofSeconds(30))
            .build();
    gateway.list(ACCOUNT);
    assertEquals(1, gateway.status().cacheEntries());

    rig.clock.advance(Duration.ofSeconds(30));

    assertEquals(0, gateway.status().cacheEntries());
  }

  @Test
  void statusAndMetricsCountHitsMissesAndCoalescedCalls() {
    CachingGateway gateway = rig.builder().build();
    gateway.list(ACCOUNT);
    gateway.list(ACCOUNT);
    gateway.list(ACCOUNT);
    gateway.list(ListQuery.full("sub1"));

    GatewayMetrics m = gateway.metrics();
    assertEquals(2, m.cacheHits());
    assertEquals(2, m.cacheMisses());
    assertEquals(0.5, m.cacheHitRate());
    GatewayStatus s = gateway.status();
    assertEquals(2, s.cacheEntries());
    assertEquals(0.5, s.cacheHitRate());
    assertEquals(2, s.listRequestsLastMinute());
    assertEquals(2, s.providerRequests());
    assertEquals(rig.clock.instant(), s.lastSuccess());
  }
}
