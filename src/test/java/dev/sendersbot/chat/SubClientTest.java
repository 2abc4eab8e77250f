package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A chat bound to a sub-client passes it on every provider call and sees only its names. */
class SubClientTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = user(7);
  final ChatRef acme = bot.groupWith(-600, Role.ADMIN, "acme");
  final ChatRef globex = bot.groupWith(-700, Role.ADMIN, "globex");

  @Test
  void listsOnlyTheSubClientsNames() {
    bot.gateway.seed("acme", "acmeshop", 1);
    bot.gateway.seed("globex", "globexshop", 1);
    bot.gateway.seed(null, "mainshop", 1);
    bot.say(acme, alice, "/senders all");
    String t = bot.out.lastText();
    assertTrue(t.contains("acmeshop"), t);
    assertFalse(t.contains("globexshop") || t.contains("mainshop"), t);
    bot.say(acme, alice, "/sender globexshop");
    assertFalse(bot.out.lastText().contains("Id:"), "another sub-client's card is not shown");
  }

  @Test
  void everyProviderCallCarriesTheSubClient() {
    bot.gateway.seed("acme", "acmeshop", 1);
    bot.say(acme, alice, "/senders");
    bot.say(acme, alice, "/add acmenew");
    bot.say(acme, alice, "/chg acmeshop hi");
    bot.say(acme, alice, "/register acmeshop mts");
    bot.say(acme, alice, "/sendcode 79990001122");
    bot.say(acme, alice, "/confirm " + bot.gateway.codeSentTo("79990001122"));
    bot.say(acme, alice, "/del acmeshop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(acme, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.log.size() >= 7);
    bot.gateway.log.forEach(l -> assertTrue(l.endsWith("acme"), l));
  }

  @Test
  void cannotChangeOrDeleteAnotherSubClientsName() {
    bot.gateway.seed("globex", "globexshop", 1);
    bot.say(acme, alice, "/chg globexshop mine now");
    assertTrue(bot.out.lastText().contains("SMSC error 3"));
    bot.say(acme, alice, "/del globexshop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(acme, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.find("globex", "globexshop").isPresent());
  }

  @Test
  void anAdminBoundToASubClientCannotWidenAccess() {
    bot.say(acme, alice, "/allow -800 operator");
    assertEquals("acme", bot.chats.find(-800).orElseThrow().subClient(), "the binding is passed on");
    bot.say(acme, alice, "/allow -801 operator globex");
    assertTrue(bot.chats.find(-801).isEmpty());
    bot.say(acme, alice, "/revoke -700");
    assertTrue(bot.chats.find(-700).isPresent(), "another sub-client's chat is out of reach");
    bot.say(acme, alice, "/chats");
    assertFalse(bot.out.lastText().contains("-700"), bot.out.lastText());
  }

  @Test
  void historyAndAuditShowOnlyTheSubClientsChats() {
    bot.gateway.seed("globex", "shared", 1);
    bot.gateway.seed("acme", "shared", 1);
    bot.say(globex, user(8), "/chg shared globex-secret");
    bot.say(acme, alice, "/history shared");
    assertFalse(bot.out.lastText().contains("globex-secret"), bot.out.lastText());
    bot.say(acme, alice, "/audit");
    assertFalse(bot.out.lastText().contains("globex-secret"), bot.out.lastText());
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/audit");
    assertTrue(bot.out.lastText().contains("globex-secret"), "owners see everything");
  }
}
