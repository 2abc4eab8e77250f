package dev.sendersbot.watch;

import static dev.sendersbot.watch.WatcherNotificationTest.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.store.Subscriptions.Subscription;
import dev.sendersbot.watch.RecordingMessenger.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dispatcher does with each of Telegram's answers, and across a restart. */
class WatcherDeliveryTest {
  static final long A = -100;
  static final long B = -200;

  @TempDir Path dir;
  WatchRig rig;

  @BeforeEach
  void setUp() {
    rig = new WatchRig(dir);
    rig.grant(A, null);
    rig.grant(B, null);
    rig.subscribe(A);
    rig.subscribe(B);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.gateway.add(null, "BETA", 1, ops("mts_step", 1));
    rig.poll();
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  private void change(String name, int code) {
    rig.gateway.setOperator(null, name, "mts_step", code);
  }

  @Test
  void aShortRetryAfterIsWaitedInPlace() {
    rig.messenger.failNext(A, RecordingMessenger.retryAfter(Duration.ofSeconds(1)));
    change("ALPHA", 2);
    rig.nextPoll();
    var before = rig.clock.instant();

    rig.drain();

    assertEquals(List.of(Duration.ofSeconds(1)), rig.sleeper.waits());
    assertEquals(Duration.ofSeconds(1), Duration.between(before, rig.clock.instant()));
    assertEquals(1, rig.sentTo(A).size());
    assertEquals(2, rig.messenger.attempts().stream().filter(c -> c == A).count());
    assertEquals(1, rig.sentTo(B).size());
    assertEquals(0, rig.outbox("pending"));
  }

  // Why: a 429 of a few seconds for one chat was slept through on the outbox's one thread, and
  // every other chat's notifications waited with it.
  @Test
  void aRetryAfterOfSecondsHoldsOnlyThatChatAndSendsItOnceAfterwards() {
    rig.messenger.failNext(A, RecordingMessenger.retryAfter(Duration.ofSeconds(7)));
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();
    assertTrue(rig.sleeper.waits().isEmpty(), "not slept through");
    assertEquals(1, rig.sentTo(B).size(), "B does not wait for A");
    assertTrue(rig.sentTo(A).isEmpty());
    rig.clock.advance(Duration.ofSeconds(7));
    rig.drain();
    assertEquals(1, rig.sentTo(A).size());
    assertEquals(2, rig.messenger.attempts().stream().filter(c -> c == A).count());
    assertEquals(0, rig.outbox("pending"));
  }

  // Why: the outbox's one thread waited for a chat whose next slot was far off (a viewer's group
  // kept busy by its own commands, a group past its twenty a minute), and every other chat's
  // notifications waited with it.
  @Test
  void aChatThatCannotTakeAMessageForAWhileIsHeldAndTheOthersGoAtOnce() {
    rig.messenger.busyFor(A, Duration.ofSeconds(30));
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();
    assertTrue(rig.sleeper.waits().isEmpty(), "not waited for in place");
    assertEquals(1, rig.sentTo(B).size(), "B does not wait for A");
    assertTrue(rig.messenger.attempts().stream().noneMatch(c -> c == A), "nothing tried for A");
    rig.messenger.busyFor(A, Duration.ZERO);
    rig.clock.advance(Duration.ofSeconds(29));
    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty(), "held until its slot");
    rig.clock.advance(Duration.ofSeconds(1));
    rig.drain();
    assertEquals(1, rig.sentTo(A).size());
    assertEquals(0, rig.outbox("pending"));
  }

  // Why: the outbox served chats with as much left in the order of their ids, so a newer
  // supergroup (its id sorts lower) went before an on-call group whose alert had waited longer.
  @Test
  void chatsWithAsMuchLeftAreServedOldestAlertFirstWhateverTheirIds() {
    rig.messenger.busyFor(A, Duration.ofSeconds(30));
    change("ALPHA", 2);
    rig.nextPoll();
    rig.drain(); // B has its alert, A's is held
    rig.messenger.busyFor(A, Duration.ZERO);
    rig.clock.advance(Duration.ofSeconds(30));
    change("BETA", 2);
    rig.nextPoll(); // one alert each now: A's from before the hold, B's just written
    rig.messenger.clear();

    rig.drain();

    assertTrue(B < A, "the newer chat's id sorts first");
    assertEquals(List.of(A, B), rig.messenger.attempts(), "A's alert has waited longer");
    assertEquals(0, rig.outbox("pending"));
  }

  // A long flood wait must not stall every other chat behind one.
  @Test
  void aRetryAfterLongerThanAMinuteHoldsOnlyThatChatUntilThen() {
    rig.messenger.failNext(A, RecordingMessenger.retryAfter(Duration.ofSeconds(300)));
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();
    assertTrue(rig.sleeper.waits().isEmpty(), "not slept through");
    assertTrue(rig.sentTo(A).isEmpty());
    assertEquals(1, rig.sentTo(B).size());
    rig.clock.advance(Duration.ofSeconds(299));
    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty(), "not before retry_after");
    rig.clock.advance(Duration.ofSeconds(1));
    rig.drain();
    assertEquals(1, rig.sentTo(A).size());
  }

  @Test
  void aServerErrorHoldsTheChatWithBackOffAndLetsOtherChatsThrough() {
    rig.messenger.failNext(
        A, RecordingMessenger.transientFailure(), RecordingMessenger.transientFailure());
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty());
    assertEquals(1, rig.sentTo(B).size(), "B does not wait for A");
    rig.drain();
    assertEquals(
        1,
        rig.messenger.attempts().stream().filter(c -> c == A).count(),
        "not again before the back-off");

    rig.clock.advance(Dispatcher.FIRST_BACKOFF);
    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty(), "second failure");
    rig.clock.advance(Dispatcher.FIRST_BACKOFF);
    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty(), "the back-off doubled");
    rig.clock.advance(Dispatcher.FIRST_BACKOFF);
    rig.drain();
    assertEquals(1, rig.sentTo(A).size());
    assertEquals(3, rig.messenger.attempts().stream().filter(c -> c == A).count());
    assertTrue(rig.sleeper.waits().isEmpty(), "back-off is a due time, never a sleep");
  }

  @Test
  void backOffGrowsToItsCap() {
    assertEquals(Duration.ofSeconds(2), Dispatcher.backoff(1));
    assertEquals(Duration.ofSeconds(4), Dispatcher.backoff(2));
    assertEquals(Duration.ofSeconds(8), Dispatcher.backoff(3));
    assertEquals(Dispatcher.MAX_BACKOFF, Dispatcher.backoff(40));
  }

  @Test
  void forbiddenChatLosesItsSubscriptionsAndTheOwnersAreTold() {
    rig.messenger.forbid(A);
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();

    assertTrue(rig.watcher.subscriptions().forChat(A).stream().noneMatch(Subscription::active));
    assertTrue(rig.watcher.subscriptions().all().stream().noneMatch(s -> s.chatId() == A));
    assertEquals(1, rig.sentTo(B).size());
    for (long owner : WatchRig.OWNERS) {
      List<Sent> told = rig.sentTo(owner);
      assertEquals(1, told.size(), "owner " + owner);
      assertTrue(
          told.get(0).text().contains("can no longer write to chat -100 (chat -100)"),
          told.get(0).text());
      assertFalse(told.get(0).reply().silent());
    }
    assertEquals(1, rig.outbox("failed"));

    change("BETA", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(
        1,
        rig.messenger.attempts().stream().filter(c -> c == A).count(),
        "a paused chat is not tried again");
    assertEquals(2, rig.sentTo(B).size());
    assertEquals(1, rig.sentTo(WatchRig.OWNER).size(), "told once");

    rig.subscribe(A); // the bot was added back and someone subscribed again
    assertTrue(rig.watcher.subscriptions().forChat(A).stream().allMatch(Subscription::active));
  }

  // Why: a subscribed chat that Telegram says is not found (deleted, or a wrong id granted) kept
  // its subscriptions; every later notification was tried and refused again, and the owners never
  // heard.
  @Test
  void aChatTelegramDoesNotFindLosesItsSubscriptionsAndTheOwnersAreTold() {
    rig.messenger.failNext(
        A,
        new DeliveryException(
            DeliveryException.Kind.REJECTED, "Bad Request: chat not found", null, null, null));
    change("ALPHA", 2);
    rig.nextPoll();

    rig.drain();

    assertTrue(rig.watcher.subscriptions().all().stream().noneMatch(s -> s.chatId() == A));
    for (long owner : WatchRig.OWNERS) {
      assertEquals(1, rig.sentTo(owner).size(), "owner " + owner);
    }
    change("BETA", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(
        1,
        rig.messenger.attempts().stream().filter(c -> c == A).count(),
        "a chat that is not there is not tried again");
  }

  // Two owners who both blocked the bot must not bounce notices about each other forever.
  @Test
  void aForbiddenNoticeToAnOwnerIsNotReportedOnward() {
    rig.messenger.forbid(WatchRig.OWNER);
    rig.messenger.forbid(WatchRig.OWNER_2);
    rig.messenger.forbid(A);
    change("ALPHA", 2);
    rig.nextPoll();
    rig.drain();
    rig.drain();
    assertEquals(0, rig.outbox("pending"));
    assertEquals(
        3,
        rig.messenger.attempts().stream().filter(c -> c != B).count(),
        "A once, each owner's notice once");
  }

  @Test
  void aGroupThatBecameASupergroupIsFollowedToItsNewId() {
    long supergroup = -1001234567890L;
    rig.messenger.migrate(A, supergroup);
    change("ALPHA", 3);
    rig.nextPoll();

    rig.drain();

    assertEquals(1, rig.sentTo(supergroup).size());
    assertTrue(rig.sentTo(A).isEmpty());
    assertTrue(rig.chats.find(A).isEmpty());
    assertTrue(rig.chats.find(supergroup).isPresent());
    assertTrue(rig.watcher.subscriptions().forChat(A).isEmpty());
    assertEquals(1, rig.watcher.subscriptions().forChat(supergroup).size());
    String token = rig.sentTo(supergroup).get(0).reply().keyboard().get(0).get(0).data();
    assertEquals(
        supergroup,
        rig.buttons.find(token, rig.clock.instant()).orElseThrow().chatId(),
        "the card button belongs to the supergroup");
    assertEquals(0, rig.outbox("pending"));

    change("BETA", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(2, rig.sentTo(supergroup).size());
    assertEquals(
        1,
        rig.messenger.attempts().stream().filter(c -> c == A).count(),
        "the old id is not tried again");
  }

  @Test
  void aRejectedMessageIsMarkedFailedAndNotRetried() {
    rig.messenger.failNext(A, RecordingMessenger.rejected());
    change("ALPHA", 2);
    rig.nextPoll();
    rig.drain();
    rig.clock.advance(Duration.ofHours(1));
    rig.drain();
    assertTrue(rig.sentTo(A).isEmpty());
    assertEquals(1, rig.sentTo(B).size());
    assertEquals(1, rig.outbox("failed"));
    assertEquals(0, rig.outbox("pending"));
  }

  @Test
  void afterARestartPendingRowsAreSentAndNothingAlreadyAcceptedIsSentAgain() {
    rig.grant(-300, null);
    rig.subscribe(-300);
    change("ALPHA", 2);
    rig.nextPoll();
    // Telegram accepts A's message, then is unreachable for the rest.
    rig.messenger.failNext(B, RecordingMessenger.transientFailure());
    rig.messenger.failNext(-300, RecordingMessenger.transientFailure());
    rig.drain();
    assertEquals(1, rig.messenger.sent().size());
    assertEquals(2, rig.outbox("pending"));

    rig.messenger = new RecordingMessenger(); // a new process, a new connection to Telegram
    rig.reopen();
    rig.clock.advance(Duration.ofMinutes(1));
    rig.drain();

    assertTrue(rig.sentTo(A).isEmpty(), "A's message was accepted before the restart");
    assertEquals(1, rig.sentTo(B).size());
    assertEquals(1, rig.sentTo(-300).size());
    assertEquals(0, rig.outbox("pending"));
    assertEquals(3, rig.outbox("sent"));
  }

  @Test
  void metricsHearOfPollsSendsAndFailuresAndTheOldestWait() {
    rig.events.clear();
    rig.messenger.forbid(A);
    rig.messenger.failNext(B, RecordingMessenger.transientFailure());
    change("ALPHA", 2);
    rig.nextPoll();
    rig.clock.advance(Duration.ofSeconds(42));
    assertEquals(Duration.ofSeconds(42), rig.watcher.oldestPendingAge());

    rig.drain();
    rig.clock.advance(Dispatcher.FIRST_BACKOFF);
    rig.drain();

    assertEquals(
        List.of("poll ok", "retrying", "blocked", "sent", "sent", "sent"),
        rig.events,
        "B (-200) held once, A (-100) blocked, then the two owners' notices and B's message");
    assertEquals(Duration.ZERO, rig.watcher.oldestPendingAge());
  }

  @Test
  void statusShowsLastAndNextPollLastErrorAndOutboxDepth() {
    change("ALPHA", 2);
    rig.nextPoll();
    WatcherStatus s = rig.watcher.status();
    assertEquals(rig.clock.instant(), s.lastPoll());
    assertEquals(2, s.outboxDepth());
    assertEquals(null, s.nextPoll(), "not running: no next poll");
    assertEquals(null, s.lastError());

    rig.gateway.failNext(
        new dev.sendersbot.smsc.SmscTransportException(
            dev.sendersbot.smsc.SmscTransportException.Kind.TIMEOUT, "timeout", null));
    var lastGood = rig.clock.instant();
    rig.nextPoll();
    s = rig.watcher.status();
    assertEquals(lastGood, s.lastPoll());
    String said = s.lastError().html(Readers.ENGLISH_UTC.of(0));
    assertTrue(said.contains("did not answer in time"), said);

    rig.drain();
    assertEquals(0, rig.watcher.status().outboxDepth());
  }

  @Test
  void startedWatcherPollsAndSendsOnItsOwnThreads() {
    change("ALPHA", 2);
    rig.watcher.start();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> rig.messenger.sent().size() >= 2);
      assertEquals(
          Set.of(A, B), Set.copyOf(rig.messenger.sent().stream().map(Sent::chatId).toList()));
      assertEquals(rig.clock.instant().plus(WatchRig.INTERVAL), rig.watcher.status().nextPoll());
    } finally {
      rig.watcher.close();
    }
  }
}
