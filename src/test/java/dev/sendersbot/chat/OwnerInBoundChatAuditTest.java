package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README, security model: "/status, /chats, /audit and /history there [in a chat bound to a
 * sub-client] show only that sub-client, even when an owner asks in it", because everyone in the
 * group reads the answer. /chats kept that promise; /audit and /history did not (AuditView.scope
 * gave an owner the whole account wherever they typed).
 */
class OwnerInBoundChatAuditTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef owner = user(TestBot.OWNER);
  final UserRef alice = user(7);

  // Why: an owner typing /audit in a sub-client's group shows that group other sub-clients' and
  // the main account's commands, chat ids and user names.
  @Test
  void ownersAuditInASubClientsGroupShowsOnlyThatSubClient() {
    bot.gateway.seed(null, "MAINBRAND", 1);
    ChatRef mainAccount = bot.groupWith(-3001, Role.OPERATOR, null);
    bot.say(mainAccount, alice, "/chg MAINBRAND secret-campaign");
    assertEquals("ok", bot.lastAudit().outcome());

    ChatRef subClientGroup = bot.groupWith(-3002, Role.VIEWER, "alpha");
    bot.say(subClientGroup, owner, "/chats");
    assertFalse(
        bot.out.lastText().contains("-3001"), "/chats keeps to the sub-client (the promise)");

    bot.say(subClientGroup, owner, "/audit");
    String reply = bot.out.lastText();
    assertFalse(
        reply.contains("secret-campaign") || reply.contains("-3001"),
        "the main account's audit entries shown in sub-client alpha's group: " + reply);
  }

  @Test
  void ownersHistoryInASubClientsGroupShowsOnlyThatSubClient() {
    bot.gateway.seed(null, "SHOP", 1);
    bot.gateway.seed("alpha", "SHOP", 1);
    ChatRef mainAccount = bot.groupWith(-3001, Role.OPERATOR, null);
    bot.say(mainAccount, alice, "/chg SHOP main-account-note");
    assertEquals("ok", bot.lastAudit().outcome());

    ChatRef subClientGroup = bot.groupWith(-3002, Role.VIEWER, "alpha");
    bot.say(subClientGroup, owner, "/history SHOP");
    String reply = bot.out.lastText();
    assertTrue(reply.contains("/history SHOP"), reply);
    assertFalse(
        reply.contains("main-account-note"),
        "the main account's SHOP history shown in sub-client alpha's group: " + reply);
  }
}
