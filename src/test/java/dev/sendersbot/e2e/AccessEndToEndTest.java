package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.store.Subscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that are not about one name's life: access requests and grants, /chats, /revoke,
 * /history, /audit, /register, the subscriptions and /status, each with its main failure. An owner
 * holds every right in every chat, so independent steps use different chats and do not wait for one
 * chat's sending limit.
 */
class AccessEndToEndTest {
  static final long TEAM = -1001234500003L;
  static final long STRANGERS = -1001234500004L;
  static final long ALICE = 7;

  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir);
    rig.sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2));
    rig.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void aStrangerLearnsItsChatIdAndAnOwnerGrantsAccessFromTheRequestButtons() {
    String hello =
        visible(
            rig.say(
                STRANGERS,
                FakeBotApi.Msg.text(STRANGERS, ALICE, "/start")
                    .chat("supergroup", "Strangers & Co")));
    assertTrue(hello.contains("Chat id: " + STRANGERS), hello);
    assertTrue(hello.contains("/allow " + STRANGERS + " viewer"), hello);
    assertTrue(hello.contains("The owners have been sent an access request"), hello);

    FakeBotApi.Sent request = rig.awaitMessages(OWNER, 1).get(0);
    assertTrue(
        visible(request).contains("Access request") && visible(request).contains("Strangers & Co"),
        visible(request));
    assertEquals("Granted viewer", rig.press(OWNER, OWNER, request, "Grant viewer"));
    assertTrue(
        rig.telegram
            .messageText(OWNER, request.messageId())
            .contains("may now use the bot as viewer"));
    assertEquals(Role.VIEWER, rig.bot().stores().chats().find(STRANGERS).orElseThrow().role());
    assertTrue(
        visible(rig.awaitMessages(STRANGERS, 2).get(1)).contains("may now use the bot as viewer"));

    String list = visible(rig.say(STRANGERS, ALICE, "/senders"));
    assertTrue(list.contains("SHOP24"), "the granted chat now sees the names: " + list);
  }

  @Test
  void adminsManageAccessAndEveryoneCanSeeWhoDidWhat() {
    rig.grant(TEAM, Role.ADMIN);
    assertTrue(visible(rig.say(TEAM, ALICE, "/chg SHOP24 spring")).contains("is now “spring”"));
    String history = visible(rig.say(OWNER, OWNER, "/history SHOP24"));
    assertTrue(
        history.contains("@user7")
            && history.contains("/chg SHOP24 spring")
            && history.contains("ok"),
        history);

    String refused = visible(rig.say(TEAM, ALICE, "/allow -4711 admin"));
    assertTrue(refused.contains("Only owners grant admin"), refused);
    assertTrue(rig.bot().stores().chats().find(-4711).isEmpty());

    String chats = visible(rig.say(TEAM - 1, OWNER, "/chats"));
    assertTrue(chats.contains(TEAM + " — admin"), chats);
    String revoked = visible(rig.say(TEAM - 2, OWNER, "/revoke " + TEAM));
    assertTrue(revoked.contains("may no longer use the bot (it was admin)"), revoked);
    String again = visible(rig.say(TEAM - 3, OWNER, "/revoke " + TEAM));
    assertTrue(again.contains("had no access"), again);
    String locked = visible(rig.say(TEAM, ALICE, "/chats"));
    assertTrue(locked.contains("Chat id: " + TEAM), "revoked means unknown again: " + locked);

    String audit = visible(rig.say(TEAM - 4, OWNER, "/audit 3"));
    assertTrue(audit.contains("the newest 3"), audit);
    // The revoked chat's /chats came from an unknown chat: counted, not an entry.
    assertTrue(
        audit.contains("/revoke " + TEAM)
            && audit.contains("Unknown chats in the last 24 h: 1 answered"),
        audit);
    String bad = visible(rig.say(TEAM - 5, OWNER, "/audit -3"));
    assertTrue(bad.contains("Usage: /audit [N]"), bad);
  }

  @Test
  void registerSubscriptionsAndStatusWorkAndBadInputMakesNoProviderRequest() {
    String registered = visible(rig.say(OWNER, OWNER, "/register SHOP24 mts bee"));
    assertTrue(registered.contains("Registration of SHOP24 requested with"), registered);
    assertEquals(1, rig.requests("chg").size());
    assertEquals("1", rig.requests("chg").get(0).param("bee_step"));
    assertEquals("1", rig.requests("chg").get(0).param("mts_step"));
    String unknown = visible(rig.say(TEAM, OWNER, "/register SHOP24 vodafone"));
    assertTrue(
        unknown.contains("Unknown operator 'vodafone'") && unknown.contains("mts, mega, bee"),
        unknown);
    assertEquals(1, rig.requests("chg").size(), "no provider request for bad input");

    long subscribers = TEAM - 1;
    rig.say(subscribers, OWNER, "/subscribe SHOP24 TaxiFast");
    String subs = visible(rig.say(subscribers, OWNER, "/subscriptions"));
    assertTrue(subs.contains("• SHOP24") && subs.contains("• TaxiFast"), subs);
    String badName = visible(rig.say(TEAM - 2, OWNER, "/subscribe bad<name>"));
    assertTrue(badName.contains("Usage: /subscribe [NAME…]"), badName);
    assertTrue(
        visible(rig.say(subscribers, OWNER, "/unsubscribe TaxiFast"))
            .contains("Unsubscribed from"));
    List<String> left =
        new SqliteSubscriptions(rig.bot().stores().database(), rig.clock)
            .forChat(subscribers).stream().map(Subscriptions.Subscription::name).toList();
    assertEquals(List.of("SHOP24"), left, "kept in the bot's database");

    String status = visible(rig.say(TEAM - 3, OWNER, "/status"));
    assertTrue(status.contains("Connection: healthy"), status);
    assertTrue(status.contains("Last poll: "), status);
    assertFalse(status.contains("Last poll: never"), "the watcher polled at start: " + status);
  }
}
