package dev.sendersbot.watch;

import static dev.sendersbot.watch.ChatWatchRig.INTERVAL;
import static dev.sendersbot.watch.ChatWatchRig.OWNER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification goes only where access still allows it when it is sent, not when it was queued:
 * Telegram can hold a chat's messages back for minutes, and an owner can revoke or rebind the chat
 * meanwhile. Real dispatcher, real messenger over HTTP to a fake Bot API answering 429, real chat
 * core for the /revoke and /allow, on one test clock.
 */
class AccessAtSendTimeTest {
  static final long TEAM = -1001;
  static final long ALICE = 7;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  /** Two names of {@code user} (null: the account) change after the baseline; polled. */
  private void twoAlertsQueued(String user) {
    rig.sandbox.seed("ALPHA", user, null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("BETA", user, null, 1, Map.of("mts_step", 1));
    rig.poll();
    rig.clock.advance(Duration.ofSeconds(10));
    rig.sandbox.setOperatorStatus("ALPHA", user, "mts_step", 3);
    rig.sandbox.setOperatorStatus("BETA", user, "mts_step", 3);
    rig.clock.advance(INTERVAL.minusSeconds(10));
    assertEquals(2, rig.poll().changes());
  }

  /** Telegram answers the chat's next message 429 retry_after 120: it is held, not sent. */
  private void heldByTelegram() {
    rig.telegram.failNext("sendMessage", 1, FakeBotApi.Failure.tooManyRequests(120));
    int before = rig.telegram.sentTo(TEAM).size();
    rig.drain();
    assertEquals(before, rig.telegram.sentTo(TEAM).size(), "held back by the 429");
    assertEquals(List.of("pending", "pending"), rig.outbox(TEAM));
  }

  @Test
  void queuedNotificationIsDroppedAfterRevoke() {
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer");
    rig.say(TEAM, ALICE, "/subscribe");
    twoAlertsQueued(null);
    heldByTelegram();
    int before = rig.telegram.sentTo(TEAM).size();

    rig.clock.advance(Duration.ofSeconds(30));
    assertTrue(rig.say(OWNER, OWNER, "/revoke " + TEAM).contains("may no longer use the bot"));
    rig.clock.advance(Duration.ofSeconds(90));
    rig.drain();

    List<FakeBotApi.Sent> after = rig.telegram.sentTo(TEAM);
    assertAll(
        () ->
            assertEquals(
                before,
                after.size(),
                "nothing reaches the revoked chat, but it got: "
                    + after.subList(before, after.size()).stream()
                        .map(s -> s.text() + " " + s.buttonTexts())
                        .toList()),
        () ->
            assertEquals(
                List.of(
                    "failed: dropped: the chat has no access",
                    "failed: dropped: the chat has no access"),
                rig.outbox(TEAM)),
        () ->
            assertEquals(
                2,
                rig.events.stream().filter("access_revoked"::equals).count(),
                "counted, one per row: " + rig.events),
        () -> assertTrue(dropAudited(TEAM, "no access"), "audited: " + rig.auditOf(TEAM)));

    rig.drain();
    assertEquals(before, rig.telegram.sentTo(TEAM).size(), "and never later");
  }

  // Telegram asks for a short wait (a queued message sits out 2 s at most), which the messenger
  // sits out itself before trying again: a revoke landing meanwhile must stop the retry too.
  @Test
  void aRevokeDuringTelegramsShortWaitStopsTheRetry() {
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer");
    rig.say(TEAM, ALICE, "/subscribe");
    twoAlertsQueued(null);
    int before = rig.telegram.sentTo(TEAM).size();
    rig.telegram.failNext("sendMessage", 1, FakeBotApi.Failure.tooManyRequests(2));
    List<Duration> revokedDuring = new java.util.ArrayList<>();
    rig.duringTelegramWait =
        d -> {
          if (d.equals(Duration.ofSeconds(2)) && revokedDuring.isEmpty()) {
            revokedDuring.add(d);
            rig.stores.chats().revoke(TEAM); // what /revoke writes, arriving mid-wait
          }
        };

    rig.drain();

    assertEquals(List.of(Duration.ofSeconds(2)), revokedDuring, "the messenger waited out the 429");
    assertEquals(
        before,
        rig.telegram.sentTo(TEAM).size(),
        "not sent after the wait: "
            + rig.telegram.sentTo(TEAM).stream().skip(before).map(FakeBotApi.Sent::text).toList());
    assertEquals(
        List.of(
            "failed: dropped: the chat has no access", "failed: dropped: the chat has no access"),
        rig.outbox(TEAM));
  }

  @Test
  void queuedNotificationIsDroppedAfterTheChatIsBoundToAnotherSubClient() {
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop1");
    rig.say(TEAM, ALICE, "/subscribe");
    twoAlertsQueued("shop1");
    heldByTelegram();
    int before = rig.telegram.sentTo(TEAM).size();

    rig.clock.advance(Duration.ofSeconds(30));
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop2");
    rig.clock.advance(Duration.ofSeconds(90));
    rig.drain();

    List<String> after =
        rig.telegram.sentTo(TEAM).stream().skip(before).map(FakeBotApi.Sent::text).toList();
    assertAll(
        () ->
            assertTrue(
                after.stream().noneMatch(t -> t.contains("ALPHA") || t.contains("BETA")),
                "shop1's names never reach a shop2 chat: " + after),
        () ->
            assertEquals(
                List.of(
                    "failed: dropped: the chat's access changed after it was queued",
                    "failed: dropped: the chat's access changed after it was queued"),
                rig.outbox(TEAM)),
        () ->
            assertEquals(
                2,
                rig.events.stream().filter("access_changed"::equals).count(),
                rig.events.toString()),
        () -> assertTrue(dropAudited(TEAM, "access changed"), "audited: " + rig.auditOf(TEAM)));
  }

  @Test
  void aNotificationQueuedAfterTheChangeStillGoesOut() {
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop1");
    rig.say(TEAM, ALICE, "/subscribe");
    twoAlertsQueued("shop1");
    heldByTelegram();
    rig.clock.advance(Duration.ofSeconds(30));
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop2");
    rig.sandbox.seed("GAMMA", "shop2", null, 1, Map.of("mts_step", 1));
    rig.clock.advance(Duration.ofSeconds(30));
    rig.poll(); // shop2's silent baseline
    rig.clock.advance(Duration.ofSeconds(10));
    rig.sandbox.setOperatorStatus("GAMMA", "shop2", "mts_step", 3);
    rig.clock.advance(INTERVAL);
    rig.poll();
    int before = rig.telegram.sentTo(TEAM).size();

    rig.drain();

    List<FakeBotApi.Sent> after = rig.telegram.sentTo(TEAM);
    assertEquals(before + 1, after.size());
    String text = after.get(after.size() - 1).text();
    assertTrue(text.contains("GAMMA") && !text.contains("ALPHA") && !text.contains("BETA"), text);
  }

  // The same /allow again changes nothing, so it must not cost the chat what was queued for it.
  @Test
  void anIdenticalAllowKeepsWhatIsQueued() {
    rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop1");
    rig.say(TEAM, ALICE, "/subscribe");
    twoAlertsQueued("shop1");
    heldByTelegram();
    rig.clock.advance(Duration.ofSeconds(30));
    assertTrue(
        rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer shop1").contains("nothing changed"));
    rig.clock.advance(Duration.ofSeconds(90));

    rig.drain();

    assertEquals(List.of("sent", "sent"), rig.outbox(TEAM));
  }

  @Test
  void anOwnersNotificationsStayAccountWideWhateverIsStoredForTheirChat() {
    rig.stores
        .chats()
        .grant(new ChatGrant(OWNER, Role.VIEWER, "shop1", null, -600, rig.clock.instant()));
    rig.say(OWNER, OWNER, "/subscribe");
    rig.sandbox.seed("MAIN", null, null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("SHOP", "shop1", null, 1, Map.of("mts_step", 1));
    rig.poll();
    rig.clock.advance(Duration.ofSeconds(10));
    rig.sandbox.setOperatorStatus("MAIN", null, "mts_step", 3);
    rig.sandbox.setOperatorStatus("SHOP", "shop1", "mts_step", 3);
    rig.clock.advance(INTERVAL.minusSeconds(10));
    rig.poll();
    int before = rig.telegram.sentTo(OWNER).size();

    rig.drain();

    List<String> got =
        rig.telegram.sentTo(OWNER).subList(before, rig.telegram.sentTo(OWNER).size()).stream()
            .map(FakeBotApi.Sent::text)
            .toList();
    assertAll(
        () ->
            assertTrue(
                got.stream().anyMatch(t -> t.contains("MAIN")), "the account's change: " + got),
        () -> assertFalse(got.stream().anyMatch(t -> t.contains("SHOP")), "not shop1's: " + got));
  }

  // Notices about the bot (a chat that blocked it, the watcher's trouble) name other chats and
  // sub-clients: they go to owners only, even when one was queued for someone who no longer is.
  @Test
  void aNoticeForAChatThatIsNoOwnersIsDropped() {
    rig.grant(TEAM, Role.ADMIN, null);
    new Outbox(rig.db)
        .enqueue(
            List.of(
                new Outbox.NewMessage(
                    TEAM, null, Outbox.Kind.NOTICE, "⚠️ trouble", true, List.of()),
                new Outbox.NewMessage(
                    OWNER, null, Outbox.Kind.NOTICE, "⚠️ trouble", true, List.of())),
            rig.clock.instant());

    rig.drain();

    assertEquals(
        List.of("failed: dropped: notices about the bot go to owners only"), rig.outbox(TEAM));
    assertEquals(List.of("sent"), rig.outbox(OWNER));
    assertTrue(rig.events.contains("not_owner"), rig.events.toString());
  }

  private boolean dropAudited(long chatId, String reason) {
    return rig.auditOf(chatId).stream()
        .anyMatch(
            (AuditEntry e) ->
                e.command().equals("outbox")
                    && e.decision().contains(reason)
                    && e.args().contains("2"));
  }
}
