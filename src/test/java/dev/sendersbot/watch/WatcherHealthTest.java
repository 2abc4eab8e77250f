package dev.sendersbot.watch;

import static dev.sendersbot.watch.WatcherNotificationTest.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.watch.RecordingMessenger.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The watcher watches itself: the owners hear once when polling is in trouble, once when it ends.
 */
class WatcherHealthTest {
  static final long A = -100;

  @TempDir Path dir;
  WatchRig rig;

  @BeforeEach
  void setUp() {
    rig = new WatchRig(dir);
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.poll();
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  private static SmscTransportException timeout() {
    return new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "read timed out", null);
  }

  private List<Sent> toOwner() {
    return rig.sentTo(WatchRig.OWNER);
  }

  @Test
  void repeatedFailuresAlertTheOwnersOnceAndRecoveryOnce() {
    rig.gateway.failNext(timeout(), timeout());
    assertEquals(Poller.Outcome.FAILED, rig.nextPoll().outcome());
    assertEquals(Poller.Outcome.FAILED, rig.nextPoll().outcome());
    rig.drain();
    assertTrue(toOwner().isEmpty(), "two failures may be a blip");

    rig.gateway.failNext(timeout(), timeout(), timeout());
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size());
    assertEquals(1, rig.sentTo(WatchRig.OWNER_2).size());
    String alert = toOwner().get(0).text();
    assertTrue(alert.startsWith("⚠️ The status watcher cannot check the sender names"), alert);
    assertTrue(alert.contains("did not answer in time"), alert);
    assertTrue(alert.contains("(3 polls in a row have failed)"), alert);
    assertTrue(alert.contains("Last successful check: 31 Dec 23:59 UTC"), alert);
    assertTrue(!toOwner().get(0).reply().silent());

    rig.nextPoll();
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size(), "one alert however long it lasts");

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(2, toOwner().size());
    assertTrue(
        toOwner().get(1).text().startsWith("✅ The status watcher works again after 6 min"),
        toOwner().get(1).text());
    assertEquals(1, rig.sentTo(A).size(), "the change made meanwhile still arrives");

    rig.nextPoll();
    rig.nextPoll();
    rig.drain();
    assertEquals(2, toOwner().size(), "and the recovery once");
    assertTrue(
        rig.messenger.sent().stream()
            .noneMatch(s -> s.chatId() == A && s.text().contains("status watcher")),
        "chats do not get the owners' alerts");
  }

  @Test
  void rejectedCredentialsAlertAtOnce() {
    rig.gateway.failNext(new SmscError("list sender names", 2, "invalid login or password"));
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size());
    assertTrue(toOwner().get(0).text().contains("SMSC error 2"), toOwner().get(0).text());
    assertEquals(
        "SMSC error 2",
        rig.watcher.status().lastError().html(Readers.ENGLISH_UTC.of(0)).substring(0, 12));

    rig.gateway.failNext(
        new GatewayRefusal(
            GatewayRefusal.Reason.CREDENTIALS, null, "provider calls are suspended"));
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size(), "the same trouble, no second alert");
  }

  @Test
  void aBlockedIpAlertsAtOnce() {
    rig.gateway.failNext(
        new GatewayRefusal(
            GatewayRefusal.Reason.IP_BLOCKED,
            Duration.ofMinutes(30),
            "provider calls are suspended until later"));
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size());
    assertTrue(
        toOwner().get(0).text().contains("blocked this server's IP"), toOwner().get(0).text());
  }

  @Test
  void aGatewayHoldingBackSkipsThePollWithoutAnAlert() {
    rig.gateway.failNext(
        new GatewayRefusal(
            GatewayRefusal.Reason.BUDGET, Duration.ofSeconds(20), "list budget spent"));
    assertEquals(Poller.Outcome.SKIPPED, rig.nextPoll().outcome());
    rig.gateway.staleNext(1, null);
    assertEquals(Poller.Outcome.SKIPPED, rig.nextPoll().outcome());
    rig.drain();
    assertTrue(toOwner().isEmpty());

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(1, rig.sentTo(A).size(), "the skipped change is found by the next poll");
    assertTrue(toOwner().isEmpty());
  }

  // Why: the bot's own budget says nothing about the provider; only its failures may alert.
  @Test
  void pollsHeldBackByTheBotsBudgetNeverAlertAndDoNotBreakARunOfFailures() {
    for (int i = 0; i < 6; i++) {
      rig.gateway.failNext(
          new GatewayRefusal(
              GatewayRefusal.Reason.BUDGET,
              Duration.ofSeconds(20),
              "status watcher's share of the identical list budget (1 of 2 a minute) is spent"));
      Poller.Result r = rig.nextPoll();
      assertEquals(Poller.Outcome.SKIPPED, r.outcome());
      assertTrue(
          r.error().startsWith("skipped: held back by the bot's budget (status watcher's"),
          r.error());
    }
    rig.drain();
    assertTrue(toOwner().isEmpty(), "six skipped polls are no failure");
    assertEquals(null, rig.watcher.status().lastError(), "/status shows no failure either");

    rig.gateway.failNext(timeout(), timeout());
    rig.nextPoll();
    rig.nextPoll();
    rig.gateway.failNext(
        new GatewayRefusal(GatewayRefusal.Reason.BUDGET, Duration.ofSeconds(20), "spent"));
    assertEquals(Poller.Outcome.SKIPPED, rig.nextPoll().outcome());
    rig.drain();
    assertTrue(toOwner().isEmpty());
    rig.gateway.failNext(timeout());
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size(), "the third failure alerts; the skip between did not reset");
    assertTrue(
        toOwner().get(0).text().contains("(3 polls in a row have failed)"),
        toOwner().get(0).text());
  }

  // Why: a cool-down follows the provider's error 9 (another tool on the account, say): trouble.
  @Test
  void aCoolDownAfterErrorNineCountsTowardTheAlert() {
    for (int i = 0; i < 3; i++) {
      rig.gateway.failNext(
          new GatewayRefusal(
              GatewayRefusal.Reason.COOL_DOWN,
              Duration.ofSeconds(30),
              "list requests cool down after error 9"));
      assertEquals(Poller.Outcome.FAILED, rig.nextPoll().outcome());
    }
    rig.drain();
    assertEquals(1, toOwner().size());
    assertTrue(toOwner().get(0).text().contains("error 9"), toOwner().get(0).text());
  }

  @Test
  void theWatcherAsksForItsListsAsTheWatcher() {
    rig.nextPoll();
    assertTrue(rig.gateway.callers.size() >= 2);
    assertTrue(
        rig.gateway.callers.stream().allMatch(c -> c == Caller.WATCHER),
        rig.gateway.callers.toString());
  }

  @Test
  void aStaleAnswerDuringASuspensionAlertsAtOnce() {
    rig.gateway.staleNext(1, "credentials rejected (error 2), waiting for an owner to resume");
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size());
    assertTrue(
        toOwner().get(0).text().contains("credentials rejected (error 2)"),
        toOwner().get(0).text());
  }

  @Test
  void theAlertStateSurvivesARestart() {
    rig.gateway.failNext(new SmscError("list sender names", 4, "IP blocked"));
    rig.nextPoll();
    rig.drain();
    assertEquals(1, toOwner().size());

    rig.reopen();
    rig.gateway.failNext(new SmscError("list sender names", 4, "IP blocked"));
    rig.nextPoll();
    rig.nextPoll();
    rig.drain();
    assertEquals(2, toOwner().size(), "no second alert after the restart; the recovery came");
    assertTrue(toOwner().get(1).text().startsWith("✅"), toOwner().get(1).text());
  }

  @Test
  void aFailingSubClientIsNamedAndTheOthersAreStillWatched() {
    long shop = -501;
    rig.grant(shop, "shop1");
    rig.subscribe(shop);
    rig.gateway.add("shop1", "SHOP", 1, ops("mts_step", 1));
    rig.nextPoll(); // shop1's baseline
    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    // The account is asked first ("" sorts first), then shop1.
    rig.clock.advance(WatchRig.INTERVAL);
    Poller.Result r = pollWithFailureAt(1, new SmscError("list sender names", 1, "bad user"));
    assertEquals(Poller.Outcome.PARTIAL, r.outcome());
    assertTrue(r.error().startsWith("sub-client shop1: SMSC error 1"), r.error());
    rig.drain();
    assertEquals(1, rig.sentTo(A).size(), "the account's change still arrives");
  }

  // Why: quitting the demo right after it started printed an ERROR with a stack trace: the
  // closing watcher interrupts its poll, and the interrupted write was taken for a failure.
  @Test
  void aPollInterruptedByClosingIsNoError() {
    Logger log = (Logger) LoggerFactory.getLogger(Poller.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    log.addAppender(seen);
    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.clock.advance(WatchRig.INTERVAL);
    Poller.Result r;
    try {
      Thread.currentThread().interrupt();
      r = rig.poll();
    } finally {
      Thread.interrupted();
      log.detachAppender(seen);
    }

    assertEquals(Poller.Outcome.FAILED, r.outcome());
    assertEquals(
        List.of(),
        seen.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .map(e -> e.getFormattedMessage())
            .toList());
    assertEquals(0, rig.drain(), "nothing was recorded, so nothing is sent");
  }

  /** Polls with the gateway failing its {@code index}th list call of this poll. */
  private Poller.Result pollWithFailureAt(int index, RuntimeException e) {
    FailingAt failing = new FailingAt(rig.gateway, index, e);
    Poller p =
        new Poller(
            new WatchStore(rig.db),
            failing,
            rig.chats,
            WatchRig.OWNERS,
            rig.clock,
            WatchRig.INTERVAL,
            () -> {});
    return p.pollOnce();
  }

  /** Delegates to the fake gateway, failing one list call. */
  private static final class FailingAt extends ForwardingGateway {
    private final int index;
    private final RuntimeException e;
    private int calls;

    FailingAt(FakeGateway delegate, int index, RuntimeException e) {
      super(delegate);
      this.index = index;
      this.e = e;
    }

    @Override
    public dev.sendersbot.gateway.Answer<List<dev.sendersbot.smsc.Sender>> refresh(
        dev.sendersbot.smsc.ListQuery q, dev.sendersbot.gateway.Caller caller) {
      if (calls++ == index) {
        throw e;
      }
      return super.refresh(q, caller);
    }
  }
}
