package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An owner's rights and reach come from the configuration alone: no grant an admin makes, and no
 * grant stored for an owner's private chat, narrows them. Checked over the SMSC sandbox, which
 * keeps each sub-client's names apart, so a rescoped owner would see and act on the wrong names.
 */
class OwnerReachTest {
  @RegisterExtension final TestBot bot = TestBot.overSandbox();
  final UserRef alice = user(7);
  final UserRef owner = user(OWNER);
  final ChatRef ownersChat = TestBot.privateChat(OWNER);
  final ChatRef shop1Admins = bot.groupWith(-600, Role.ADMIN, "shop1");

  private void seedAccountAndShop1() {
    bot.sandbox.seed("mainshop", null, null, 1, Map.of());
    bot.sandbox.seed("shop1name", "shop1", null, 1, Map.of());
  }

  private RecordedRequest last(String operation) {
    List<RecordedRequest> of =
        bot.sandbox.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    assertFalse(of.isEmpty(), "no " + operation + " reached the provider");
    return of.get(of.size() - 1);
  }

  @Test
  void subClientAdminCannotRescopeAnOwner() {
    seedAccountAndShop1();

    bot.say(shop1Admins, alice, "/allow " + OWNER + " viewer");
    String reply = bot.out.lastText();
    bot.say(ownersChat, owner, "/senders all");
    String list = bot.out.lastText();
    bot.say(ownersChat, owner, "/add newbrand");
    RecordedRequest add = last("add");

    assertAll(
        () ->
            assertTrue(
                reply.contains("⛔") && reply.contains("owner"),
                "the admin is refused, and told why: " + reply),
        () -> assertTrue(bot.chats.find(OWNER).isEmpty(), "nothing is stored for the owner's chat"),
        () ->
            assertTrue(
                list.contains("mainshop") && !list.contains("shop1name"),
                "the owner still sees the account's names: " + list),
        () -> assertNull(add.user(), "the owner's /add is not sent for a sub-client"));
  }

  @Test
  void aGrantStoredForAnOwnersChatNeverNarrowsTheOwner() {
    seedAccountAndShop1();
    // What the hole left behind, or an owner's own grant for the day they stop being one.
    bot.chats.grant(new ChatGrant(OWNER, Role.VIEWER, "shop1", null, -600, TestBot.START));

    bot.say(ownersChat, owner, "/senders all");
    String list = bot.out.lastText();
    bot.say(ownersChat, owner, "/add newbrand");
    RecordedRequest add = last("add");
    bot.say(ownersChat, owner, "/del mainshop");
    Reply ask = bot.out.last().reply();

    assertAll(
        () -> assertTrue(list.contains("mainshop") && !list.contains("shop1name"), list),
        () -> assertNull(add.user(), "sent for the account"),
        () ->
            assertTrue(
                TestBot.hasButton(ask, "Delete"), "an owner keeps admin rights: " + ask.html()));
  }

  @Test
  void anOwnerMayGrantTheirOwnChatAndIsToldItChangesNothingWhileTheyAreOne() {
    seedAccountAndShop1();
    bot.say(ownersChat, owner, "/allow " + OWNER + " viewer shop1");
    String reply = bot.out.lastText();
    assertEquals(
        "shop1", bot.chats.find(OWNER).orElseThrow().subClient(), "stored, as the owner asked");
    assertTrue(reply.contains("owner") && reply.contains("configuration"), reply);

    bot.say(ownersChat, owner, "/senders all");
    assertTrue(bot.out.lastText().contains("mainshop"), bot.out.lastText());
  }

  @Test
  void subClientAdminCannotRevokeOrRebindAnOwnersChat() {
    bot.chats.grant(new ChatGrant(OWNER, Role.VIEWER, "shop1", null, OWNER, TestBot.START));

    bot.say(shop1Admins, alice, "/revoke " + OWNER);
    String revoke = bot.out.lastText();
    bot.say(shop1Admins, alice, "/allow " + OWNER + " operator");
    String rebind = bot.out.lastText();

    ChatGrant kept =
        bot.chats.find(OWNER).orElseThrow(() -> new AssertionError("revoked by an admin"));
    assertAll(
        () -> assertEquals(Role.VIEWER, kept.role(), "unchanged"),
        () -> assertTrue(revoke.contains("⛔") && revoke.contains("owner"), revoke),
        () -> assertTrue(rebind.contains("⛔") && rebind.contains("owner"), rebind),
        () -> assertEquals("refused: beyond an admin's rights", bot.lastAudit().outcome()));
  }

  @Test
  void anAccountWideAdminCannotGrantAnOwnersChatEither() {
    ChatRef admins = bot.groupWith(-601, Role.ADMIN, null);
    bot.say(admins, alice, "/allow " + OWNER + " viewer shop1");
    assertTrue(bot.out.lastText().contains("⛔"), bot.out.lastText());
    assertTrue(bot.chats.find(OWNER).isEmpty());
  }

  @Test
  void aSubClientAdminCannotWidenItsReach() {
    ChatRef otherAdmins = bot.groupWith(-602, Role.ADMIN, "shop1");
    ChatRef accountWide = bot.groupWith(-603, Role.VIEWER, null);
    ChatRef shop1Viewers = bot.groupWith(-604, Role.VIEWER, "shop1");

    bot.say(shop1Admins, alice, "/allow -700 viewer");
    assertEquals(
        "shop1", bot.chats.find(-700).orElseThrow().subClient(), "no sub-client given: its own");
    bot.say(shop1Admins, alice, "/allow -701 viewer shop2");
    assertTrue(bot.chats.find(-701).isEmpty(), "another sub-client");
    bot.say(shop1Admins, alice, "/allow -702 admin");
    assertTrue(bot.chats.find(-702).isEmpty(), "only owners grant admin");
    bot.say(shop1Admins, alice, "/revoke " + otherAdmins.id());
    assertTrue(bot.chats.find(otherAdmins.id()).isPresent(), "another admin chat");
    bot.say(shop1Admins, alice, "/allow " + accountWide.id() + " operator");
    assertEquals(
        new ChatGrantView(Role.VIEWER, null), view(accountWide.id()), "an account-wide chat");
    bot.say(shop1Admins, alice, "/revoke " + accountWide.id());
    assertTrue(bot.chats.find(accountWide.id()).isPresent());
    bot.say(shop1Admins, alice, "/allow " + shop1Viewers.id() + " viewer shop2");
    assertEquals(
        new ChatGrantView(Role.VIEWER, "shop1"), view(shop1Viewers.id()), "rebound elsewhere");

    bot.say(shop1Admins, alice, "/allow " + shop1Viewers.id() + " operator");
    assertEquals(
        new ChatGrantView(Role.OPERATOR, "shop1"),
        view(shop1Viewers.id()),
        "within its reach: fine");
  }

  private record ChatGrantView(Role role, String subClient) {}

  private ChatGrantView view(long chatId) {
    ChatGrant g = bot.chats.find(chatId).orElseThrow();
    return new ChatGrantView(g.role(), g.subClient());
  }

  @Test
  void anOwnerInABoundGroupHoldsEveryRightThereWithinTheGroupsSubClient() {
    bot.sandbox.seed("shop1name", "shop1", null, 1, Map.of());
    ChatRef viewers = bot.groupWith(-605, Role.VIEWER, "shop1");
    bot.say(viewers, owner, "/del shop1name");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(viewers, owner, TestBot.button(ask, "Delete"), ask.messageId());
    assertEquals("shop1", last("del").user(), "the group's binding holds for everyone in it");
    assertTrue(
        bot.sandbox.name("shop1name", "shop1").isEmpty(),
        "an owner may delete even in a viewer chat");
  }

  @Test
  void chatsInABoundGroupListsOnlyItsSubClientEvenForAnOwner() {
    bot.groupWith(-606, Role.VIEWER, "shop2");
    bot.groupWith(-607, Role.VIEWER, "shop1");
    bot.say(shop1Admins, owner, "/chats");
    String t = bot.out.lastText();
    assertTrue(t.contains("-607"), t);
    assertFalse(t.contains("-606") || t.contains("shop2"), "the group's members read it too: " + t);
  }

  @Test
  void aButtonHandedOutBeforeARebindingIsExpired() {
    bot.sandbox.seed("shop", "shop1", null, 1, Map.of());
    bot.sandbox.seed("shop", "shop2", null, 1, Map.of());
    bot.say(shop1Admins, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.say(ownersChat, owner, "/allow " + shop1Admins.id() + " admin shop2");
    assertEquals("shop2", bot.chats.find(shop1Admins.id()).orElseThrow().subClient());

    bot.press(shop1Admins, alice, TestBot.button(ask, "Delete"), ask.messageId());

    assertTrue(
        bot.sandbox.requests().stream().noneMatch(r -> r.operation().equals("del")),
        "the button asked about shop1's name; it must not delete shop2's");
    assertTrue(bot.sandbox.name("shop", "shop2").isPresent());
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
  }
}
