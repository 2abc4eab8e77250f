package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 2: a viewer's 🔄 asks the watcher's very list question and always wants a fresh
 * answer. The watcher keeps a share of the identical-list budget that chats cannot spend, a chat's
 * 🔄 asks the provider at most once in a while, and a poll the bot's own budget holds back is not a
 * provider failure. Over the SMSC sandbox, the HTTP client, the caching gateway and SQLite, on one
 * moved clock.
 */
class RefreshStormTest {
  static final long A = -1001;
  static final long B = -1002;
  static final Duration SLACK = Duration.ofSeconds(5);

  @TempDir Path dir;
  StormRig rig;

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  private void seed() {
    rig.sandbox.seed("ALPHA", null, null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("BETA", null, null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("GAMMA", null, null, 1, Map.of("mts_step", 2));
  }

  /**
   * The storm of the issue: a viewer presses 🔄 every 5 s for 5 minutes just when the watcher's
   * periodic full list is due (the same question as the button's), while two statuses change.
   */
  @Test
  void viewerRefreshCannotStarveTheWatcher() {
    rig = StormRig.defaults(dir);
    seed();
    rig.viewerGroup(A);
    assertEquals(Poller.Outcome.BASELINE, rig.poll().outcome());
    rig.pollUntilTheNextPollIsFull();
    ChatScreen.Shown list = rig.say(A, "/senders");
    assertTrue(list.text().contains("ALPHA"), list.text());

    Instant start = rig.clock.instant();
    Instant nextPoll = start.plus(rig.interval);
    Map<String, Instant> changedAt = new LinkedHashMap<>();
    List<String> polls = new ArrayList<>();
    List<String> toasts = new ArrayList<>();
    for (int s = 0; s <= 300; s++) {
      rig.moveTo(start.plusSeconds(s));
      if (s == 10) {
        rig.sandbox.setOperatorStatus("ALPHA", null, "mts_step", 2);
        changedAt.put("ALPHA", rig.clock.instant());
      }
      if (s == 130) {
        rig.sandbox.setOperatorStatus("BETA", null, "mts_step", 3);
        changedAt.put("BETA", rig.clock.instant());
      }
      if (s % 5 == 0) {
        toasts.add(rig.press(list, "🔄"));
      }
      if (!rig.clock.instant().isBefore(nextPoll)) {
        Poller.Result r = rig.poll();
        polls.add(r.outcome() + (r.error() == null ? "" : ": " + r.error()));
        rig.drain();
        nextPoll = rig.clock.instant().plus(rig.interval);
      }
    }

    // Its own slot may hold a poll up to 2 s (the budget window is 62 s), so 4 or 5 polls.
    assertTrue(polls.size() >= 4, polls.toString());
    assertTrue(polls.stream().allMatch(p -> p.equals("POLLED")), "every poll read: " + polls);
    for (Map.Entry<String, Instant> change : changedAt.entrySet()) {
      StormRig.Notified n =
          rig.notified(A).stream()
              .filter(m -> m.text().contains(change.getKey()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          change.getKey() + " was never notified: " + rig.notified(A)));
      Duration delay = Duration.between(change.getValue(), n.at());
      assertTrue(
          delay.compareTo(rig.interval.plus(SLACK)) <= 0,
          change.getKey() + " notified " + delay + " after it changed");
    }
    assertEquals(List.of(), rig.notified(StormRig.OWNER), "no alert to the owners");
    assertEquals(List.of(), rig.errorNines(), "the provider never answered error 9");
    assertTrue(toasts.stream().anyMatch(t -> t.startsWith("Refreshed")), toasts.toString());
    assertTrue(
        toasts.stream()
            .filter(t -> !t.startsWith("Refreshed"))
            .allMatch(t -> t.contains("showing the list as of")),
        toasts.toString());
  }

  /**
   * Right after a restart two viewers press 🔄 on lists from before it: the first gets the chats'
   * share, the second the cached list with its age; the watcher's first poll, the full list, still
   * reads.
   */
  @Test
  void chatsBeyondTheirShareGetTheCachedListAndTheWatcherKeepsItsReserve() {
    // Refresh reuse off: a list 4 s old would answer B before the chats' share is looked at
    // (RefreshReuseTest covers that).
    rig =
        new StormRig(
            dir,
            new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)).withRefreshReuse(Duration.ZERO),
            Duration.ofSeconds(60));
    seed();
    rig.viewerGroup(A);
    rig.viewerGroup(B);
    rig.poll();
    ChatScreen.Shown listA = rig.say(A, "/senders");
    ChatScreen.Shown listB = rig.say(B, "/senders");
    rig.clock.advance(Duration.ofMinutes(5));
    rig.restart();
    rig.sandbox.setOperatorStatus("ALPHA", null, "mts_step", 2);
    long before = rig.lists();

    assertEquals("Refreshed", rig.press(listA, "🔄"));
    rig.clock.advance(Duration.ofSeconds(4));
    String toastB = rig.press(listB, "🔄");
    rig.clock.advance(Duration.ofSeconds(1));
    Poller.Result first = rig.poll();
    rig.drain();

    assertEquals(Poller.Outcome.POLLED, first.outcome(), String.valueOf(first.error()));
    assertEquals(1, rig.notified(A).size(), "the change reached the chat");
    assertEquals(2, rig.lists() - before, "A's refresh and the watcher's poll");
    assertTrue(toastB.contains("showing the list as of 4 s ago"), toastB);
    assertTrue(toastB.contains("status watcher"), toastB);
    assertTrue(
        rig.screen.message(listB.messageId()).text().contains("as of 4 s ago"),
        rig.screen.message(listB.messageId()).text());
    assertEquals(List.of(), rig.notified(StormRig.OWNER));
  }

  /** A second 🔄 in the same chat soon after the first shows the list it just got, saying so. */
  @Test
  void refreshIsLimitedPerChat() {
    rig =
        new StormRig(
            dir,
            // Refresh reuse off: B's press 5 s after A's would take A's list (RefreshReuseTest).
            new Config.Gateway(3, 4, 4, Duration.ofSeconds(5)).withRefreshReuse(Duration.ZERO),
            Duration.ofSeconds(60));
    seed();
    rig.viewerGroup(A);
    rig.viewerGroup(B);
    rig.poll();
    ChatScreen.Shown listA = rig.say(A, "/senders");
    ChatScreen.Shown listB = rig.say(B, "/senders");
    rig.clock.advance(Duration.ofSeconds(10));
    assertEquals("Refreshed", rig.press(listA, "🔄"));
    long before = rig.lists();

    rig.clock.advance(Duration.ofSeconds(5));
    String again = rig.press(listA, "🔄");

    assertEquals(before, rig.lists(), "the second 🔄 did not ask the provider");
    assertTrue(again.contains("This chat refreshed the list recently"), again);
    assertTrue(again.contains("showing the list as of 5 s ago"), again);
    assertTrue(again.contains("again in 25 s"), again);
    assertTrue(
        rig.screen.message(listA.messageId()).text().contains("as of 5 s ago"),
        rig.screen.message(listA.messageId()).text());
    assertEquals("Refreshed", rig.press(listB, "🔄"), "another chat is not held to A's limit");
    assertEquals(before + 1, rig.lists());

    rig.clock.advance(Duration.ofSeconds(25));
    rig.clock.advance(Duration.ofSeconds(40)); // past the chats' share window too
    assertEquals("Refreshed", rig.press(listA, "🔄"));
    assertEquals(List.of(), rig.errorNines());
  }

  /**
   * Polls asked more often than the interval allows (as repeated restarts would) are held back by
   * the bot's own budget: skipped, said so, and never an alert to the owners.
   */
  @Test
  void pollHeldBackByOwnBudgetIsNotAProviderFailure() {
    rig = StormRig.defaults(dir);
    seed();
    rig.viewerGroup(A);
    rig.poll();
    rig.clock.advance(rig.interval);
    assertEquals(Poller.Outcome.POLLED, rig.poll().outcome());
    List<Poller.Result> held = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rig.clock.advance(Duration.ofSeconds(2));
      held.add(rig.poll());
    }
    rig.drain();

    assertEquals(List.of(), rig.notified(StormRig.OWNER), "no alert to the owners");
    assertTrue(held.stream().allMatch(r -> r.outcome() == Poller.Outcome.SKIPPED), held.toString());
    assertTrue(held.get(5).error().contains("held back by the bot's budget"), held.get(5).error());
    assertEquals(List.of(), rig.errorNines());

    rig.clock.advance(rig.interval);
    rig.sandbox.setOperatorStatus("ALPHA", null, "mts_step", 2);
    rig.clock.advance(rig.interval);
    assertEquals(Poller.Outcome.POLLED, rig.poll().outcome());
    rig.drain();
    assertEquals(1, rig.notified(A).size(), "the watcher reads again on schedule");
    assertEquals(List.of(), rig.notified(StormRig.OWNER));
  }
}
