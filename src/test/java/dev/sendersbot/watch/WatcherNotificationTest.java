package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.watch.RecordingMessenger.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is told what, and how: routing, sub-clients, per-name subscriptions, digests, noise. */
class WatcherNotificationTest {
  static final long A = -100;
  static final long B = -200;
  static final long C = -300;
  static final long D = -400;

  @TempDir Path dir;
  WatchRig rig;

  @BeforeEach
  void setUp() {
    rig = new WatchRig(dir);
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  static Map<String, Integer> ops(Object... flagAndCode) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < flagAndCode.length; i += 2) {
      m.put((String) flagAndCode[i], (Integer) flagAndCode[i + 1]);
    }
    return m;
  }

  @Test
  void firstPollOfANewDatabaseIsASilentBaselineAndLaterChangesAreTold() {
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1, "mega_step", 2));
    rig.gateway.add(null, "BETA", 0, ops("mts_step", 0));

    Poller.Result first = rig.poll();

    assertEquals(Poller.Outcome.BASELINE, first.outcome());
    assertEquals(0, first.messages());
    assertEquals(0, rig.drain());
    assertTrue(rig.messenger.sent().isEmpty(), "a baseline says nothing");

    rig.nextPoll();
    assertEquals(0, rig.drain(), "nothing changed, nothing said");

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    Poller.Result r = rig.nextPoll();
    assertEquals(Poller.Outcome.POLLED, r.outcome());
    assertEquals(1, r.changes());
    assertEquals(1, rig.drain());
    List<Sent> sent = rig.sentTo(A);
    assertEquals(1, sent.size());
    String card = sent.get(0).text();
    assertTrue(card.startsWith("🪪 ALPHA\nModeration: allowed\nMTS: allowed"), card);
    assertTrue(
        card.endsWith("✅ ALPHA · MTS: sent for registration → allowed by the operator"),
        "a name's first change is its live card, the move as its last line: " + card);
  }

  @Test
  void aStatusChangeReachesEverySubscribedChatOnceAndNoOtherChat() {
    rig.grant(A, null);
    rig.grant(B, null);
    rig.grant(C, null); // granted, not subscribed
    rig.grant(D, null);
    rig.subscribe(A);
    rig.subscribe(B);
    rig.subscribe(D);
    rig.chats.revoke(D); // subscribed once, no longer allowed to see anything
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.poll();

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    rig.drain();
    rig.nextPoll();
    rig.drain();

    assertEquals(1, rig.sentTo(A).size());
    assertEquals(1, rig.sentTo(B).size());
    assertEquals(rig.sentTo(A).get(0).text(), rig.sentTo(B).get(0).text());
    assertEquals(2, rig.messenger.sent().size());
    assertEquals(
        java.util.Set.of(A, B),
        java.util.Set.copyOf(rig.messenger.sent().stream().map(Sent::chatId).toList()),
        "no other chat (unsubscribed, revoked, owners) heard of it");
    assertTrue(rig.sentTo(A).get(0).reply().silent(), "a routine move is silent");
    assertEquals(0, rig.outbox("pending"));
    assertEquals(2, rig.outbox("sent"));
  }

  @Test
  void anActionableChangeIsAnAudibleAlertWithACardButtonForTheName() {
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.poll();

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 3);
    rig.nextPoll();
    rig.drain();

    Sent alert = rig.sentTo(A).get(0);
    assertFalse(alert.reply().silent(), "a rejection is audible");
    assertTrue(
        alert.reply().html().contains("<b>not accepted by the operator</b>"), alert.reply().html());
    List<Button> buttons = alert.reply().keyboard().get(0);
    assertEquals(1, buttons.size());
    assertTrue(buttons.get(0).text().contains("ALPHA"));
    ButtonAction action =
        rig.buttons.find(buttons.get(0).data(), rig.clock.instant()).orElseThrow();
    assertEquals(Watcher.CARD_ACTION, action.action());
    assertEquals("card", action.action());
    assertEquals("ALPHA", action.args());
    assertEquals(A, action.chatId());
    assertEquals(0, action.userId(), "anyone in the chat may open the card");
  }

  @Test
  void eachActionableStatusIsAudibleAndEachRoutineOneSilent() {
    rig.grant(A, null);
    rig.subscribe(A);
    int[] codes = {0, 1, 2, 3, 4, 5, 8, 6};
    for (int i = 0; i < codes.length; i++) {
      rig.gateway.add(null, "N" + i, 1, ops("mts_step", 9));
    }
    rig.poll();
    for (int i = 0; i < codes.length; i++) {
      rig.gateway.setOperator(null, "N" + i, "mts_step", codes[i]);
    }
    rig.nextPoll();
    rig.drain();

    List<Sent> sent = rig.sentTo(A);
    assertEquals(2, sent.size(), "one audible digest and one silent one");
    Sent loud = sent.stream().filter(s -> !s.reply().silent()).findFirst().orElseThrow();
    Sent quiet = sent.stream().filter(s -> s.reply().silent()).findFirst().orElseThrow();
    for (String n : List.of("N3", "N4", "N5", "N6", "N7")) { // 3, 4, 5, 8, and unknown 6
      assertTrue(loud.text().contains(n + " "), n + " belongs in the alert: " + loud.text());
      assertFalse(quiet.text().contains(n + " "), n);
    }
    for (String n : List.of("N0", "N1", "N2")) {
      assertTrue(quiet.text().contains(n + " "), n + " is routine: " + quiet.text());
      assertFalse(loud.text().contains(n + " "), n);
    }
    assertTrue(loud.text().contains("status 6"), "an unknown code is named: " + loud.text());
    List<List<dev.sendersbot.message.Button>> keys = loud.reply().keyboard();
    assertEquals(
        5,
        keys.subList(0, keys.size() - 1).stream().mapToInt(List::size).sum(),
        "one card button per name needing attention");
    assertEquals(
        List.of("🔕 1 h", "🔕 1 day", "🔕 these names"),
        keys.get(keys.size() - 1).stream().map(dev.sendersbot.message.Button::text).toList(),
        "then the mute buttons");
    assertEquals(1, quiet.reply().keyboard().size(), "a routine digest: mute buttons only");
  }

  @Test
  void aSubClientChatSeesOnlyItsSubClientsNames() {
    long shop1 = -501;
    long shop2 = -502;
    rig.grant(shop1, "shop1");
    rig.grant(shop2, "shop2");
    rig.grant(A, null);
    rig.subscribe(shop1);
    rig.subscribe(shop2);
    rig.subscribe(A);
    rig.gateway.add(null, "MAIN", 1, ops("mts_step", 1));
    rig.gateway.add(null, "SHOP", 1, ops("mts_step", 1)); // the same name in three places
    rig.gateway.add("shop1", "SHOP", 1, ops("mts_step", 1));
    rig.gateway.add("shop2", "SHOP", 1, ops("mts_step", 1));
    rig.poll();

    rig.gateway.setOperator("shop1", "SHOP", "mts_step", 4);
    rig.nextPoll();
    rig.drain();
    assertEquals(1, rig.sentTo(shop1).size());
    assertTrue(rig.sentTo(shop1).get(0).text().contains("temporarily disabled"));
    assertEquals(List.of(shop1), rig.messenger.sent().stream().map(Sent::chatId).toList());

    rig.gateway.setOperator("shop2", "SHOP", "mts_step", 2);
    rig.gateway.setOperator(null, "MAIN", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(1, rig.sentTo(shop1).size(), "shop1 hears nothing of shop2 or the account");
    assertEquals(1, rig.sentTo(shop2).size());
    assertFalse(rig.sentTo(shop2).get(0).text().contains("MAIN"));
    assertEquals(1, rig.sentTo(A).size());
    assertTrue(rig.sentTo(A).get(0).text().contains("MAIN"));
    assertFalse(rig.sentTo(A).get(0).text().contains("SHOP"));
    assertTrue(rig.gateway.queries.stream().anyMatch(q -> "shop1".equals(q.user())));
    assertTrue(rig.gateway.queries.stream().anyMatch(q -> "shop2".equals(q.user())));
  }

  @Test
  void aChatSubscribedToSomeNamesHearsOnlyOfThoseWhateverTheirCase() {
    rig.grant(A, null);
    rig.grant(B, null);
    rig.subscribe(A, "alpha", "GAMMA");
    rig.subscribe(B);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.gateway.add(null, "BETA", 1, ops("mts_step", 1));
    rig.poll();

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.gateway.setOperator(null, "BETA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();

    assertEquals(1, rig.sentTo(A).size());
    assertTrue(rig.sentTo(A).get(0).text().contains("ALPHA"));
    assertFalse(rig.sentTo(A).get(0).text().contains("BETA"));
    assertEquals(1, rig.sentTo(B).size(), "two changes in one poll: one digest");
    assertTrue(rig.sentTo(B).get(0).text().contains("ALPHA"));
    assertTrue(rig.sentTo(B).get(0).text().contains("BETA"));
  }

  @Test
  void notificationsGoToTheTopicTheChatSubscribedIn() {
    rig.grant(A, null);
    rig.watcher.subscriptions().subscribe(A, 77, java.util.Set.of());
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.poll();
    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(77, rig.sentTo(A).get(0).topicId());
  }

  @Test
  void severalChangesForOneChatInOnePollBecomeOneDigest() {
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "ALPHA", 0, ops("mts_step", 1, "mega_step", 1, "bee_future", 1));
    rig.gateway.add(null, "BETA", 1, ops("mts_step", 1));
    rig.poll();
    rig.pollsBeforeTheNextFullList();

    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.gateway.setOperator(null, "ALPHA", "bee_future", 2); // a flag this version does not know
    rig.gateway.setModeration(null, "ALPHA", 1);
    rig.gateway.setOperator(null, "BETA", "mts_step", 2);
    rig.gateway.add(null, "GAMMA", 0, ops());
    Poller.Result r = rig.nextPoll(); // a full list, with GAMMA
    rig.drain();

    assertEquals(5, r.changes());
    List<Sent> sent = rig.sentTo(A);
    assertEquals(1, sent.size());
    String text = sent.get(0).text();
    assertTrue(text.startsWith("Status changes of 3 sender names\n"), text);
    assertEquals(6, text.split("\n").length, text);
    assertTrue(text.contains("ALPHA · MTS: sent for registration → allowed by the operator"), text);
    assertTrue(
        text.contains("ALPHA · bee_future: sent for registration → allowed by the operator"), text);
    assertTrue(text.contains("ALPHA · moderation: waiting for moderation → allowed"), text);
    assertTrue(text.contains("GAMMA · new name"), text);
  }

  @Test
  void aDigestLongerThanTelegramAllowsIsSplitWithEveryChangeOnce() {
    rig.grant(A, null);
    rig.subscribe(A);
    int n = 300;
    for (int i = 0; i < n; i++) {
      rig.gateway.add(null, String.format("NAME%05d", i), 1, ops("mts_step", 0));
    }
    rig.poll();
    for (int i = 0; i < n; i++) {
      rig.gateway.setOperator(null, String.format("NAME%05d", i), "mts_step", 1);
    }
    rig.nextPoll();
    rig.drain();

    List<Sent> sent = rig.sentTo(A);
    assertTrue(sent.size() > 1, "split: " + sent.size());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Reply reply = sent.get(i).reply();
      assertTrue(Html.visibleLength(reply.html()) <= Reply.MAX_TEXT);
      assertTrue(reply.html().length() <= Reply.MAX_TEXT);
      assertTrue(reply.silent());
      String[] ls = sent.get(i).text().split("\n");
      // Each part counts the names it holds: one line per name here.
      String names = "Status changes of " + (ls.length - 1) + " sender names";
      assertEquals(i == 0 ? names : names + " (continued)", ls[0]);
      lines.addAll(List.of(ls).subList(1, ls.length));
    }
    assertEquals(n, lines.size());
    for (int i = 0; i < n; i++) {
      String name = String.format("NAME%05d", i);
      assertEquals(1, lines.stream().filter(l -> l.contains(name + " ")).count(), name);
    }
  }

  @Test
  void aNameAddedOrRemovedIsToldAfterTheNextFullList() {
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 2));
    rig.gateway.add(null, "BETA", 1, ops("mts_step", 2));
    rig.poll();
    assertNull(rig.gateway.queries.get(0).fromDate(), "the first poll reads the whole list");

    rig.gateway.remove(null, "BETA");
    rig.nextPoll();
    assertEquals(
        WatchRig.T0.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1),
        rig.gateway.queries.get(1).fromDate(),
        "then only recent changes, from the day before");
    assertEquals(0, rig.drain(), "a list of recent changes says nothing of names it leaves out");

    rig.pollsBeforeTheNextFullList();
    assertEquals(0, rig.drain());
    Poller.Result r = rig.nextPoll();
    assertTrue(r.fullScopes().contains(""), "every " + Poller.FULL_EVERY + " intervals, in full");
    rig.drain();
    assertEquals(1, rig.sentTo(A).size());
    assertTrue(
        rig.sentTo(A).get(0).text().endsWith("➖ BETA · removed from the list"),
        rig.sentTo(A).get(0).text());
  }

  @Test
  void anOwnersPrivateChatWithoutAGrantMaySubscribeToTheAccountsNames() {
    rig.subscribe(WatchRig.OWNER);
    rig.subscribe(-999); // neither granted nor an owner
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.poll();
    rig.gateway.setOperator(null, "ALPHA", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(1, rig.sentTo(WatchRig.OWNER).size());
    assertTrue(rig.sentTo(-999).isEmpty());
  }

  @Test
  void aNewlyBoundSubClientStartsWithASilentBaselineOfItsOwn() {
    rig.grant(A, null);
    rig.subscribe(A);
    rig.gateway.add(null, "MAIN", 1, ops("mts_step", 1));
    rig.gateway.add("shop9", "SHOP", 1, ops("mts_step", 3));
    rig.poll();

    long shop = -509;
    rig.grant(shop, "shop9");
    rig.subscribe(shop);
    rig.gateway.setOperator(null, "MAIN", "mts_step", 2);
    Poller.Result r = rig.nextPoll();
    rig.drain();
    assertEquals(1, r.changes(), "the account's change only; shop9's names are its baseline");
    assertTrue(rig.sentTo(shop).isEmpty());

    rig.gateway.setOperator("shop9", "SHOP", "mts_step", 2);
    rig.nextPoll();
    rig.drain();
    assertEquals(1, rig.sentTo(shop).size());
  }

  // Durations in the away summary must not depend on a test's luck: check the limit too.
  @Test
  void afterTheBotWasDownEachChatGetsOneWhileIWasAwaySummary() {
    rig.grant(A, null);
    rig.grant(B, null);
    rig.subscribe(A);
    rig.subscribe(B, "N000", "N001");
    int n = 400;
    for (int i = 0; i < n; i++) {
      rig.gateway.add(null, String.format("N%03d", i), 1, ops("mts_step", 1));
    }
    rig.poll();
    rig.reopen(); // the bot stops
    rig.clock.advance(Duration.ofHours(5));
    for (int i = 0; i < n; i++) {
      rig.gateway.setOperator(null, String.format("N%03d", i), "mts_step", i % 4 == 0 ? 3 : 2);
    }
    Poller.Result r = rig.poll();
    rig.drain();

    assertEquals(n, r.changes());
    assertEquals(1, rig.sentTo(A).size(), "one summary, not a flood");
    Sent summary = rig.sentTo(A).get(0);
    String text = summary.text();
    assertTrue(
        text.startsWith("🕒 While I was away (no successful check since 31 Dec 23:59 UTC, 5 h)"),
        text);
    assertTrue(text.contains("400 changes to 400 names, 100 needing attention"), text);
    assertTrue(text.contains("more: see /senders"), text);
    assertTrue(Html.visibleLength(summary.reply().html()) <= Reply.MAX_TEXT);
    assertFalse(summary.reply().silent(), "it includes rejections");
    assertEquals(
        Poller.MAX_CARDS + 3,
        summary.reply().keyboard().stream().mapToInt(List::size).sum(),
        "a card button per name needing action (at most " + Poller.MAX_CARDS + "), 3 to mute");
    assertEquals(1, rig.sentTo(B).size());
    assertTrue(
        rig.sentTo(B).get(0).text().contains("2 changes to 2 names"), rig.sentTo(B).get(0).text());

    rig.gateway.setOperator(null, "N005", "mts_step", 4);
    rig.nextPoll();
    rig.drain();
    assertEquals(2, rig.sentTo(A).size());
    assertTrue(
        rig.sentTo(A).get(1).text().startsWith("🪪 N005"), "back to single changes: N005's card");
    assertTrue(rig.sentTo(A).get(1).text().contains("🔴 N005 · MTS"), rig.sentTo(A).get(1).text());
  }
}
