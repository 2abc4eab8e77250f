package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Telegram would reject never leaves the core: long texts, stray HTML metacharacters. */
class OutputTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = user(7);
  final ChatRef ops = bot.groupWith(-1001, Role.ADMIN, null);

  @Test
  void htmlMetacharactersInNamesCommentsAndTitlesAreEscaped() {
    // The provider may list names the bot would not accept as input.
    bot.gateway.seed(null, "a<b>&c", 1, Map.of("x<y>_step", 3), "we <3 & \"quotes\"");
    bot.say(ops, alice, "/senders all");
    assertTrue(
        bot.out.lastText().contains("a<b>&c — allowed · x<y>_step: not accepted by the operator"),
        bot.out.lastText());
    String token =
        bot.buttons.create(
            ops.id(), 0, ChatCore.CARD_ACTION, "a<b>&c", TestBot.START.plusSeconds(60));
    bot.pressData(ops, alice, token, 1);
    assertTrue(bot.out.lastText().contains("Comment: we <3 & \"quotes\""), bot.out.lastText());
    bot.say(ops, alice, "/senders <b>");
    assertTrue(bot.out.lastText().contains("starting with “<b>”"), bot.out.lastText());
    bot.say(ops, alice, "/allow -5 viewer");
    bot.say(ops, alice, "/history a&b");
    assertEquals(List.of(), bot.out.rejected);
  }

  @Test
  void escapesTheUsersOwnInputInErrors() {
    bot.say(ops, alice, "/add <script>");
    assertTrue(bot.out.lastText().contains("'<script>'"), bot.out.lastText());
    bot.say(ops, alice, "/allow <x> viewer");
    bot.say(ops, alice, "/chg shop <i>unclosed");
    assertEquals(List.of(), bot.out.rejected);
  }

  @Test
  void aLongAuditIsSplitIntoMessagesUnder4096() {
    for (int i = 0; i < 100; i++) {
      bot.say(
          ops,
          alice,
          "/chg n" + i + " \"" + "a long comment with <tags> & things ".repeat(3) + "\"");
    }
    int before = bot.out.count();
    bot.say(ops, alice, "/audit 100");
    List<RecordingMessenger.Sent> parts = bot.out.sent.subList(before, bot.out.count());
    assertTrue(parts.size() > 1, "split into " + parts.size());
    for (RecordingMessenger.Sent p : parts) {
      assertTrue(Html.visibleLength(p.reply().html()) <= Reply.MAX_TEXT);
    }
    String all = parts.stream().map(RecordingMessenger.Sent::text).reduce("", String::concat);
    assertTrue(all.contains("/chg n1 ") && all.contains("/chg n99 "), "nothing lost in the split");
    assertEquals(List.of(), bot.out.rejected);
  }

  @Test
  void aHugeAccountStaysWithinLimitsOnEveryPage() {
    for (int i = 0; i < 700; i++) {
      bot.gateway.seed(null, "n" + i, i % 3, FakeGateway.allOperators(i % 9), null);
    }
    bot.say(ops, alice, "/senders all");
    RecordingMessenger.Sent s = bot.out.last();
    int pages = Integer.parseInt(s.text().replaceAll("(?s).*Page 1 of (\\d+).*", "$1"));
    Reply r = s.reply();
    for (int p = 1; p < pages; p++) {
      bot.press(ops, alice, TestBot.button(r, "▶"), s.messageId());
      r = bot.out.lastEdit().reply();
    }
    assertTrue(bot.out.lastEdit().text().contains("Page " + pages + " of " + pages));
    assertEquals(List.of(), bot.out.rejected);
  }

  @Test
  void theCardButtonOfAnAlertOpensTheCardAndExpires() {
    bot.gateway.seed(null, "shop", 1);
    String token =
        bot.buttons.create(
            ops.id(), 0, ChatCore.CARD_ACTION, "shop", TestBot.START.plusSeconds(60));
    bot.pressData(ops, alice, token, 1);
    assertTrue(bot.out.lastText().contains("Moderation: allowed"));
    assertNull(bot.out.lastAnswer().toast());
    bot.clock.advance(Duration.ofMinutes(2));
    bot.pressData(ops, alice, token, 1);
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
  }

  @Test
  void ownersPrivateChatNeedsNoGrant() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/senders");
    assertTrue(bot.out.lastText().contains("shop"));
  }
}
