package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.Operator;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.store.SenderComment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The card of {@code /sender NAME} over the real client and the sandbox, whose list, like the
 * provider's, never returns a comment: the bot shows the one it set, and every operator.
 */
class SenderCardTest {
  @RegisterExtension final TestBot bot = TestBot.overSandbox();
  final UserRef alice = user(7);
  final UserRef bob = user(8);
  final ChatRef team = bot.groupWith(-800, Role.ADMIN, null);

  String card(ChatRef chat, String name) {
    bot.say(chat, alice, "/sender " + name);
    return bot.out.lastText();
  }

  @Test
  void aCommentSetWithAddIsOnTheCardWithWhoSetItAndWhen() {
    bot.say(team, alice, "/add shop \"our <best> shop\"");
    assertEquals(
        "our <best> shop",
        bot.sandbox.name("shop", null).orElseThrow().comment(),
        "the provider was given the comment");
    assertEquals(List.of(), bot.out.rejected, "valid HTML, every value escaped");
    assertTrue(
        card(team, "SHOP")
            .contains("Comment: our <best> shop (set by @user7 on 2 Mar 2026 via the bot)"),
        bot.out.lastText());
  }

  @Test
  void chgReplacesTheRememberedComment() {
    bot.say(team, alice, "/add shop first words");
    bot.clock.advance(Duration.ofDays(2));
    bot.say(team, bob, "/chg shop second words");
    assertEquals("second words", bot.sandbox.name("shop", null).orElseThrow().comment());
    String card = card(team, "shop");
    assertTrue(
        card.contains("Comment: second words (set by @user8 on 4 Mar 2026 via the bot)"), card);
    assertFalse(card.contains("first words"), card);
  }

  @Test
  void theCommentIsStillShownAfterARestart() {
    bot.say(team, alice, "/add shop our shop");
    bot.restart();
    assertTrue(
        card(team, "shop").contains("Comment: our shop (set by @user7 on 2 Mar 2026 via the bot)"),
        bot.out.lastText());
  }

  @Test
  void aNameTheBotSetNoCommentOnSaysSo() {
    bot.sandbox.seed("shop", null, "set in the web cabinet", 1, Map.of());
    assertTrue(card(team, "shop").contains("Comment: no comment recorded"), bot.out.lastText());
  }

  @Test
  void anotherSubClientsNameOfTheSameNameDoesNotSeeTheComment() {
    ChatRef acme = bot.groupWith(-600, Role.ADMIN, "acme");
    ChatRef globex = bot.groupWith(-700, Role.ADMIN, "globex");
    bot.say(acme, alice, "/add shop acme's shop");
    bot.say(globex, alice, "/add shop");
    bot.sandbox.seed("shop", null, null, 1, Map.of());

    assertTrue(card(acme, "shop").contains("Comment: acme's shop"), bot.out.lastText());
    assertTrue(card(globex, "shop").contains("Comment: no comment recorded"), bot.out.lastText());
    assertTrue(card(team, "shop").contains("Comment: no comment recorded"), bot.out.lastText());
  }

  // A name deleted through the bot and created again elsewhere must not inherit the old comment.
  @Test
  void deletingTheNameForgetsItsComment() {
    bot.say(team, alice, "/add shop our shop");
    bot.say(team, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(team, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.sandbox.name("shop", null).isEmpty(), "deleted at the provider");
    bot.sandbox.seed("shop", null, null, 1, Map.of());
    assertTrue(card(team, "shop").contains("Comment: no comment recorded"), bot.out.lastText());
  }

  @Test
  void everyKnownOperatorIsListedWithNotRequestedWhereTheProviderReportsNoStatus() {
    bot.sandbox.seed("shop", null, null, 1, Map.of("mts_step", 2, "tele2", 3, "mega_status", 4));
    String card = card(team, "shop");
    List<String> lines = card.lines().filter(l -> l.startsWith("• ")).toList();
    assertEquals(Operators.KNOWN.size() + 1, lines.size(), card);
    for (Operator o : Operators.KNOWN) {
      String expected =
          switch (o.flag()) {
            case "mts_step" -> "• MTS: allowed by the operator";
            case "tele2" -> "• Tele2 (free names): not accepted by the operator";
            default -> "• " + Html.escape(o.displayName()) + ": not requested";
          };
      assertTrue(lines.contains(expected), expected + " in\n" + card);
    }
    assertEquals(
        "• mega_status: temporarily disabled",
        lines.get(lines.size() - 1),
        "a status field this version does not know is shown too, under its own name");
  }

  // Should the provider ever list comments, its word is newer than the bot's memory.
  @Test
  void theProvidersOwnCommentWinsOverTheRememberedOne() {
    try (TestBot fake = new TestBot()) {
      ChatRef ops = fake.groupWith(-1001, Role.ADMIN, null);
      fake.gateway.seed(null, "shop", 1, FakeGateway.allOperators(0), "from the provider");
      fake.comments.put(
          new SenderComment(null, "shop", "from the bot", 7, "@user7", TestBot.START));
      fake.say(ops, alice, "/sender shop");
      String card = fake.out.lastText();
      assertTrue(card.contains("Comment: from the provider\n"), card);
      assertFalse(card.contains("from the bot"), card);
    }
  }
}
