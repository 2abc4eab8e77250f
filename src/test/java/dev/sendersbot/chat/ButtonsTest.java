package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Paging, refresh, the delete confirmation, and tokens that are expired or forged. */
class ButtonsTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = user(7);
  final UserRef bob = user(8);
  final ChatRef ops = bot.groupWith(-1001, Role.ADMIN, null);

  @AfterEach
  void nothingRejectedByTelegram() {
    assertEquals(List.of(), bot.out.rejected);
  }

  private void seedMany(int n) {
    for (int i = 0; i < n; i++) {
      java.util.Map<String, Integer> ops2 = FakeGateway.allOperators(0);
      ops2.put("mts_step", 2);
      ops2.put("mega_step", 1);
      ops2.put("bee_step", 3);
      bot.gateway.seed(null, String.format("name%04d", i), 1, ops2, null);
    }
  }

  @Test
  void longListIsPagedAndTheArrowsEditTheSameMessage() {
    seedMany(300);
    bot.say(ops, alice, "/senders");
    RecordingMessenger.Sent first = bot.out.last();
    assertEquals(1, bot.out.count(), "one message, paged");
    assertTrue(first.text().contains("Page 1 of "), first.text());
    assertTrue(first.text().contains("name0000"));
    assertFalse(TestBot.hasButton(first.reply(), "◀"), "no way back from the first page");
    int pages = Integer.parseInt(first.text().replaceAll("(?s).*Page 1 of (\\d+).*", "$1"));
    assertTrue(pages > 3, "300 names take several pages: " + pages);

    bot.press(ops, alice, TestBot.button(first, "▶"), first.messageId());
    RecordingMessenger.Edit second = bot.out.lastEdit();
    assertEquals(first.messageId(), second.messageId());
    assertTrue(second.text().contains("Page 2 of " + pages), second.text());
    assertFalse(second.text().contains("name0000"));

    Reply r = second.reply();
    for (int p = 2; p < pages; p++) {
      bot.press(ops, bob, TestBot.button(r, "▶"), first.messageId());
      r = bot.out.lastEdit().reply();
    }
    assertTrue(bot.out.lastEdit().text().contains("Page " + pages + " of " + pages));
    assertTrue(bot.out.lastEdit().text().contains("name0299"));
    assertFalse(TestBot.hasButton(r, "▶"), "no way past the last page");
    bot.press(ops, alice, TestBot.button(r, "◀"), first.messageId());
    assertTrue(bot.out.lastEdit().text().contains("Page " + (pages - 1) + " of " + pages));

    // Every name shown exactly once across the pages, and every page within Telegram's limit.
    for (RecordingMessenger.Edit e : bot.out.edits) {
      assertTrue(Html.visibleLength(e.reply().html()) <= Reply.MAX_TEXT);
    }
    assertEquals(1, bot.gateway.providerRequests, "paging is served from the cached list");
  }

  @Test
  void refreshAsksTheProviderAgainAndSaysSo() {
    seedMany(3);
    bot.say(ops, alice, "/senders");
    RecordingMessenger.Sent s = bot.out.last();
    bot.clock.advance(Duration.ofSeconds(30));
    bot.gateway.seed(null, "fresh", 1);
    bot.say(ops, alice, "/senders");
    assertTrue(bot.out.lastText().contains("fresh"), "a mutation invalidated the cache");
    bot.clock.advance(Duration.ofSeconds(30));
    int before = bot.gateway.providerRequests;
    bot.press(ops, alice, TestBot.button(s, "🔄"), s.messageId());
    assertEquals(before + 1, bot.gateway.providerRequests);
    assertEquals("Refreshed", bot.out.lastAnswer().toast());
    assertFalse(bot.out.lastEdit().text().contains("as of"), "fresh data has no age line");
  }

  @Test
  void deleteNeedsTheSameUsersConfirmation() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    assertTrue(ask.text().contains("Delete shop?"), ask.text());
    assertEquals(0, bot.gateway.calls, "nothing is deleted before the button");

    bot.press(ops, bob, TestBot.button(ask, "Delete"), ask.messageId());
    assertEquals("Only the person who asked can press this button.", bot.out.lastAnswer().toast());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
    assertTrue(bot.lastAudit().decision().startsWith("denied"));

    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.find(null, "shop").isEmpty());
    assertTrue(bot.out.lastEdit().text().contains("shop deleted by @user7"));
    assertEquals("shop", bot.lastAudit().senderName());
    assertEquals("del", bot.lastAudit().command());
  }

  @Test
  void pressingDeleteTwiceDeletesOnce() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    Button yes = TestBot.button(ask, "Delete");
    bot.press(ops, alice, yes, ask.messageId());
    bot.press(ops, alice, yes, ask.messageId());
    assertEquals(1, bot.gateway.log.stream().filter(l -> l.startsWith("delete")).count());
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
  }

  @Test
  void deleteConfirmationExpiresAfterFiveMinutes() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void cancelVoidsTheDeleteButton() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(ops, alice, TestBot.button(ask, "Cancel"), ask.messageId());
    assertTrue(bot.out.lastEdit().text().contains("cancelled"));
    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
  }

  // Why: Cancel, pressed after Delete had gone (both tapped before the keyboard went away), still
  // said "Deletion cancelled" over "shop deleted", though the name was gone.
  @Test
  void cancelPressedAfterTheDeleteWentDoesNotClaimItWasCancelled() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.out.lastEdit().text().contains("shop deleted"), bot.out.lastEdit().text());
    int edits = bot.out.edits.size();

    bot.press(ops, alice, TestBot.button(ask, "Cancel"), ask.messageId());
    assertEquals(edits, bot.out.edits.size(), "the message still says it was deleted");
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
    assertEquals("refused: button already used", bot.lastAudit().outcome());
    assertTrue(bot.gateway.find(null, "shop").isEmpty());
  }

  @Test
  void aForgedTokenGetsAPoliteExpiryAndNothingElse() {
    bot.gateway.seed(null, "shop", 1);
    int audited = bot.auditEntries().size();
    bot.pressData(ops, alice, "del:shop", 5);
    bot.pressData(ops, alice, "", 5);
    bot.pressData(ops, alice, "x".repeat(200), 5);
    assertEquals(3, bot.out.answered.size());
    bot.out.answered.forEach(a -> assertEquals("This button has expired.", a.toast()));
    assertTrue(bot.out.sent.isEmpty() && bot.out.edits.isEmpty());
    assertEquals(0, bot.gateway.calls);
    assertEquals(audited, bot.auditEntries().size());
  }

  @Test
  void aTokenFromAnotherChatIsRefused() {
    bot.gateway.seed(null, "shop", 1);
    ChatRef other = bot.groupWith(-1002, Role.ADMIN, null);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.press(other, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
  }

  @Test
  void everyButtonFitsTelegramsCallbackData() {
    seedMany(200);
    bot.say(ops, alice, "/senders all name00");
    bot.say(ops, alice, "/add verylongnam \"a comment\"");
    bot.say(ops, alice, "/del verylongnam");
    for (RecordingMessenger.Sent s : bot.out.sent) {
      s.reply().keyboard().stream()
          .flatMap(List::stream)
          .forEach(
              b ->
                  assertTrue(
                      b.data().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64,
                      b.data()));
    }
  }
}
