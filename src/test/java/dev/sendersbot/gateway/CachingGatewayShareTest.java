package dev.sendersbot.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SmscError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The status watcher's share of the budgets, and each chat's spaced refreshes. */
class CachingGatewayShareTest {
  private static final ListQuery ACCOUNT = ListQuery.full(null);
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  private final Rig rig = new Rig();

  /** The shipped defaults (2 identical lists a minute, 4 in flight) serving a 60 s watcher. */
  private CachingGateway withWatcher() {
    return rig.builder().watchInterval(INTERVAL).build();
  }

  @Test
  void theWatcherKeepsOneListAMinutePerPollAMinute() {
    assertEquals(1, ListBudgets.watcherShare(Duration.ofSeconds(60)));
    assertEquals(1, ListBudgets.watcherShare(Duration.ofMinutes(10)));
    assertEquals(2, ListBudgets.watcherShare(Duration.ofSeconds(59)));
    assertEquals(2, ListBudgets.watcherShare(Duration.ofSeconds(30)));
    assertEquals(3, ListBudgets.watcherShare(Duration.ofSeconds(20)));
  }

  @Test
  void chatsBeyondTheirShareGetTheCachedListAndTheWatcherStillAsks() {
    // Reuse off: a list 5 s old would answer the second chat before its share is looked at.
    CachingGateway gateway =
        rig.builder(
                Rig.budgets(2, 4, 4, Duration.ofSeconds(5)).withRefreshReuse(Duration.ZERO),
                INTERVAL)
            .watchInterval(INTERVAL)
            .build();
    assertFalse(gateway.refresh(ACCOUNT, Caller.chat(1)).stale());
    rig.clock.advance(Duration.ofSeconds(5));

    Answer<List<Sender>> second = gateway.refresh(ACCOUNT, Caller.chat(2));
    Answer<List<Sender>> watcher = gateway.refresh(ACCOUNT, Caller.WATCHER);

    assertTrue(second.stale());
    assertEquals(Holdback.Cause.CHATS_SHARE_SPENT, second.holdback().cause());
    assertEquals(Duration.ofSeconds(57), second.holdback().retryAfter());
    assertFalse(watcher.stale());
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void plainListsOfChatsCannotSpendTheWatchersShareEither() {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ZERO), Duration.ofSeconds(5))
            .watchInterval(INTERVAL)
            .build();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(6));
    assertTrue(gateway.list(ACCOUNT).stale(), "past its ttl, and the chats' share is spent");

    assertFalse(gateway.refresh(ACCOUNT, Caller.WATCHER).stale());
    assertEquals(2, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void theWatcherIsRefusedRatherThanServedACachedList() {
    CachingGateway gateway = withWatcher();
    gateway.refresh(ACCOUNT, Caller.WATCHER);
    rig.clock.advance(Duration.ofSeconds(10));

    GatewayRefusal r =
        assertThrows(GatewayRefusal.class, () -> gateway.refresh(ACCOUNT, Caller.WATCHER));

    assertEquals(GatewayRefusal.Reason.BUDGET, r.reason());
    assertTrue(
        r.getMessage()
            .contains(
                "status watcher's share of the identical list budget"
                    + " (1 of 2 a minute) is spent"),
        r.getMessage());
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void theWatcherGetsTheProvidersErrorRatherThanACachedList() {
    CachingGateway gateway = withWatcher();
    gateway.list(ACCOUNT);
    rig.clock.advance(Duration.ofSeconds(70));
    rig.api.failNext(ProviderOperation.LIST, new SmscError("list", 9, "duplicate request"));

    SmscError e = assertThrows(SmscError.class, () -> gateway.refresh(ACCOUNT, Caller.WATCHER));

    assertEquals(9, e.rawCode());
  }

  // Why: polls one interval apart would otherwise find their previous slot still in the 62 s
  // window and be held back every other time.
  @Test
  void aWatcherPollingEveryIntervalWaitsAtMostTheWindowsSlack() {
    CachingGateway gateway =
        rig.builder(Rig.budgets(2, 4, 4, Duration.ZERO), INTERVAL).watchInterval(INTERVAL).build();
    for (int poll = 0; poll < 5; poll++) {
      assertFalse(gateway.refresh(ACCOUNT, Caller.WATCHER).stale());
      rig.clock.advance(INTERVAL);
    }

    assertEquals(5, rig.api.count(ProviderOperation.LIST));
    assertTrue(
        rig.sleeper.waits().stream().allMatch(w -> w.compareTo(Duration.ofSeconds(2)) <= 0),
        rig.sleeper.waits().toString());
  }

  @Test
  void aRefreshWithinTheChatsIntervalShowsTheListItJustGot() {
    CachingGateway gateway = rig.builder(Rig.budgets(3, 4, 4, Duration.ZERO), INTERVAL).build();
    gateway.refresh(ACCOUNT, Caller.chat(1));
    rig.clock.advance(Duration.ofSeconds(12));

    Answer<List<Sender>> again = gateway.refresh(ACCOUNT, Caller.chat(1));
    Answer<List<Sender>> other = gateway.refresh(ACCOUNT, Caller.chat(2));

    assertTrue(again.stale());
    assertEquals(
        new Holdback(Holdback.Cause.CHAT_REFRESHED_RECENTLY, Duration.ofSeconds(18)),
        again.holdback());
    assertFalse(other.stale(), "each chat has its own interval");
    rig.clock.advance(Duration.ofSeconds(18));
    assertFalse(gateway.refresh(ACCOUNT, Caller.chat(1)).stale());
    assertEquals(3, rig.api.count(ProviderOperation.LIST));
  }

  // Why: after a confirmed code the chat wants to see its new name, not the list from before it.
  @Test
  void aRefreshAfterAChangeOfTheNamesIsNotHeldToTheChatsInterval() {
    CachingGateway gateway = rig.builder(Rig.budgets(3, 4, 4, Duration.ZERO), INTERVAL).build();
    gateway.refresh(ACCOUNT, Caller.chat(1));
    gateway.checkCode(new CheckCodeRequest("79991234567", "338824", null));
    rig.clock.advance(Duration.ofSeconds(2));

    Answer<List<Sender>> after = gateway.refresh(ACCOUNT, Caller.chat(1));

    assertFalse(after.stale());
    assertEquals(List.of("79991234567"), Rig.names(after));
  }

  // Why (issue 13): the bot's own add is in the cached list already; showing it costs nothing.
  @Test
  void aRefreshAfterTheBotsOwnAddShowsTheNewNameWithoutAsking() {
    CachingGateway gateway = rig.builder(Rig.budgets(3, 4, 4, Duration.ZERO), INTERVAL).build();
    gateway.refresh(ACCOUNT, Caller.chat(1));
    gateway.add(AddRequest.of("NEWNAME", null, null));
    rig.clock.advance(Duration.ofSeconds(2));

    Answer<List<Sender>> after = gateway.refresh(ACCOUNT, Caller.chat(1));

    assertEquals(List.of("NEWNAME"), Rig.names(after));
    assertEquals(1, rig.api.count(ProviderOperation.LIST));
  }

  @Test
  void theChatsIntervalComesFromTheConfiguration() {
    CachingGateway gateway =
        rig.builder(
                new Config.Gateway(3, 4, 4, Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO),
                INTERVAL)
            .build();
    gateway.refresh(ACCOUNT, Caller.chat(1));
    rig.clock.advance(Duration.ofSeconds(5));

    assertFalse(gateway.refresh(ACCOUNT, Caller.chat(1)).stale());
  }

  @Test
  void chatsCannotTakeTheWatchersRequestInFlight() throws Exception {
    CachingGateway gateway =
        rig.builder(Rig.budgets(3, 4, 2, Duration.ZERO), INTERVAL).watchInterval(INTERVAL).build();
    CountDownLatch provider = rig.api.hold();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> slow = threads.submit(() -> gateway.list(ListQuery.full("sub1")));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 1);

      GatewayRefusal r =
          assertThrows(GatewayRefusal.class, () -> gateway.list(ListQuery.full("sub2")));
      assertTrue(r.getMessage().contains("all but the status watcher's"), r.getMessage());
      Future<Answer<List<Sender>>> watcher =
          threads.submit(() -> gateway.refresh(ACCOUNT, Caller.WATCHER));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.api.running() == 2);
      provider.countDown();
      assertFalse(watcher.get(10, TimeUnit.SECONDS).stale());
      slow.get(10, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aWatcherPollingFasterThanTheBudgetAllowsIsRefusedAtBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rig.builder().watchInterval(Duration.ofSeconds(20)).build());
    assertTrue(e.getMessage().contains("needs 3 identical lists a minute"), e.getMessage());
  }
}
