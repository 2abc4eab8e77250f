package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat bound to a sub-client passes it on every provider call and sees only its names; checked
 * against the sandbox, which keeps each sub-client's names apart as the provider does.
 */
class SubClientTest {
  @RegisterExtension final TestBot bot = TestBot.overSandbox();
  final UserRef alice = user(7);
  final ChatRef acme = bot.groupWith(-600, Role.ADMIN, "acme");
  final ChatRef globex = bot.groupWith(-700, Role.ADMIN, "globex");

  @Test
  void listsOnlyTheSubClientsNames() {
    bot.sandbox.seed("acmeshop", "acme", null, 1, java.util.Map.of());
    bot.sandbox.seed("globexshop", "globex", null, 1, java.util.Map.of());
    bot.sandbox.seed("mainshop", null, null, 1, java.util.Map.of());
    bot.say(acme, alice, "/senders all");
    String t = bot.out.lastText();
    assertTrue(t.contains("acmeshop"), t);
    assertFalse(t.contains("globexshop") || t.contains("mainshop"), t);
    bot.say(acme, alice, "/sender globexshop");
    assertFalse(bot.out.lastText().contains("Id:"), "another sub-client's card is not shown");
  }

  @Test
  void everyProviderCallCarriesTheSubClient() {
    bot.sandbox.seed("acmeshop", "acme", null, 1, java.util.Map.of());
    bot.say(acme, alice, "/senders");
    bot.say(acme, alice, "/add acmenew");
    bot.say(acme, alice, "/chg acmeshop hi");
    bot.say(acme, alice, "/register acmeshop mts");
    bot.say(acme, alice, "/sendcode 79990001122");
    bot.say(acme, alice, "/confirm " + bot.sandbox.lastCode("79990001122").orElseThrow().code());
    bot.say(acme, alice, "/del acmeshop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(acme, alice, TestBot.button(ask, "Delete"), ask.messageId());
    List<RecordedRequest> log = bot.sandbox.requests();
    assertEquals(
        List.of("get", "add", "chg", "chg", "send_code", "check_code", "del"),
        log.stream().map(RecordedRequest::operation).toList());
    log.forEach(r -> assertEquals("acme", r.user(), r.operation() + " " + r.params()));
    log.forEach(r -> assertTrue(r.ok(), r.operation() + ": " + r.detail()));
    assertTrue(bot.sandbox.name("acmeshop", "acme").isEmpty(), "deleted at the sub-client");
  }

  @Test
  void cannotChangeOrDeleteAnotherSubClientsName() {
    bot.sandbox.seed("globexshop", "globex", null, 1, java.util.Map.of());
    bot.say(acme, alice, "/chg globexshop mine now");
    assertTrue(bot.out.lastText().contains("SMSC error 3"));
    bot.say(acme, alice, "/del globexshop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(acme, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.out.lastText().contains("SMSC error 3"), bot.out.lastText());
    assertTrue(bot.sandbox.name("globexshop", "globex").isPresent());
  }

  @Test
  void anAdminBoundToASubClientCannotWidenAccess() {
    bot.say(acme, alice, "/allow -800 operator");
    assertEquals(
        "acme", bot.chats.find(-800).orElseThrow().subClient(), "the binding is passed on");
    bot.say(acme, alice, "/allow -801 operator globex");
    assertTrue(bot.chats.find(-801).isEmpty());
    bot.say(acme, alice, "/revoke -700");
    assertTrue(bot.chats.find(-700).isPresent(), "another sub-client's chat is out of reach");
    bot.say(acme, alice, "/chats");
    assertFalse(bot.out.lastText().contains("-700"), bot.out.lastText());
  }

  // Why: a login with a character SMSC logins do not have was answered only "This input cannot be
  // used", naming neither the value nor the rule.
  @Test
  void aSubClientLoginThatCannotBeOneSaysWhichAndWhy() {
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/allow -802 viewer acme/x");
    assertTrue(
        bot.out.lastText().contains("Sub-client login 'acme/x'")
            && bot.out.lastText().contains("'@'"),
        bot.out.lastText());
    assertTrue(bot.chats.find(-802).isEmpty());
  }

  @Test
  void historyAndAuditShowOnlyTheSubClientsChats() {
    bot.sandbox.seed("shared", "globex", null, 1, java.util.Map.of());
    bot.sandbox.seed("shared", "acme", null, 1, java.util.Map.of());
    bot.say(globex, user(8), "/chg shared globex-secret");
    bot.say(acme, alice, "/history shared");
    assertFalse(bot.out.lastText().contains("globex-secret"), bot.out.lastText());
    bot.say(acme, alice, "/audit");
    assertFalse(bot.out.lastText().contains("globex-secret"), bot.out.lastText());
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/audit");
    assertTrue(bot.out.lastText().contains("globex-secret"), "owners see everything");
  }
}
