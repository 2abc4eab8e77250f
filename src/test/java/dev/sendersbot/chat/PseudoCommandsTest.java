package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.status.WatcherStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The name commands over the pseudo bundles (every bundle letter replaced by a look-alike): a plain
 * English word left in a reply, an edit, a toast or a button label was built in code. Data (names,
 * phones, file names, user names, commands) has digits, dots or a leading '/' or '@' here, so any
 * word of plain ASCII letters is a leftover.
 */
class PseudoCommandsTest {
  static final String PHONE = "79990001122";
  static final byte[] PDF = "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII);

  /** A run of characters a word of data is made of; a pure-letter run is a word of text. */
  private static final Pattern TOKEN = Pattern.compile("[/@]?[A-Za-z0-9_.+\\-]+");

  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z]{2,}");

  /** The provider's operation names, which /status names as data (its API's own identifiers). */
  private static final Set<String> OPERATIONS = Set.of("get", "add", "chg", "del");

  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = TestBot.user(7);
  final ChatRef team = bot.groupWith(-600, Role.ADMIN, null);

  private int sentMark;
  private int editMark;
  private int answerMark;

  @BeforeEach
  void speakPseudo() {
    bot.speak(Messages.pseudo());
    mark();
  }

  @AfterEach
  void everyReplyWasValidTelegramHtml() {
    assertEquals(List.of(), bot.out.rejected);
  }

  @Test
  void theCheckFindsAWordBuiltInCode() {
    assertEquals(List.of("Provider", "calls"), leftovers("⛔ Provider calls: ŝó SHOP24 /status"));
    assertEquals(List.of(), leftovers("ƤŕóṽíđéŕSHOP24 @user7 tm.pdf 79990001122 /senders"));
  }

  @Test
  void status() {
    bot.watcher =
        new WatcherStatus(TestBot.START.minusSeconds(30), TestBot.START.plusSeconds(90), null, 3);
    say("/status");
    check("/status");
    bot.watcher = new WatcherStatus(null, null, null, 0);
    say("/status");
    check("/status, never polled");
    bot.watcher =
        new WatcherStatus(
            TestBot.START.minusSeconds(90),
            TestBot.START.plusSeconds(30),
            tr -> tr.t("health.notRead.CREDENTIALS"),
            0);
    say("/status");
    check("/status, the last poll failed");
    bot.gateway.setStatus(
        new GatewayStatus(
            null,
            "add: provider error 5",
            TestBot.START.minusSeconds(60),
            2,
            0.5,
            1,
            0,
            4,
            0,
            4,
            "open",
            "suspended",
            TestBot.START.plusSeconds(1800),
            3,
            List.of(GatewayRefusal.Reason.IP_BLOCKED),
            new SmscError("add", 5, "ошибка сохранения")));
    say("/status");
    check("/status, IP blocked");
  }

  @Test
  void statusResumeButtonAndPress() {
    bot.gateway.setStatus(
        new GatewayStatus(
            null,
            null,
            null,
            0,
            0,
            0,
            0,
            4,
            0,
            4,
            "half-open",
            "suspended",
            null,
            3,
            List.of(GatewayRefusal.Reason.CREDENTIALS),
            null));
    ChatRef own = TestBot.privateChat(TestBot.OWNER);
    bot.say(own, TestBot.user(TestBot.OWNER), "/status");
    RecordingMessenger.Sent s = bot.out.last();
    Button resume = s.reply().keyboard().get(0).get(0);
    bot.press(own, TestBot.user(TestBot.OWNER), resume, s.messageId());
    assertEquals(1, bot.gateway.resumes);
    check("/status and its resume button");
  }

  @Test
  void sendersAndItsButtons() {
    bot.gateway.seed(null, "SHOP24", 1, Map.of("mts_step", 2, "mega_step", 3), null);
    bot.gateway.seed(null, "NEW1", 0, FakeGateway.allOperators(0), null);
    say("/senders");
    say("/senders all");
    say("/senders zz9");
    say("/senders all zz9");
    bot.clock.advance(Duration.ofSeconds(40));
    RecordingMessenger.Sent list = send("/senders all");
    bot.press(team, alice, TestBot.button(list, "🔄"), list.messageId());
    check("/senders");
  }

  @Test
  void senderCard() {
    bot.gateway.seed(null, "SHOP24", 0, Map.of("mts_step", 2, "xx_step", 1), null);
    say("/sender SHOP24");
    say("/chg SHOP24 x1");
    bot.gateway.seed(null, "SHOP24", 0, Map.of("mts_step", 2), null);
    bot.clock.advance(Duration.ofSeconds(70));
    say("/sender SHOP24");
    say("/sender NOPE1");
    check("/sender and /chg");
  }

  @Test
  void addAndItsRegisterButtons() {
    RecordingMessenger.Sent s = send("/add SHOP24");
    bot.press(team, alice, s.reply().keyboard().get(0).get(1), s.messageId());
    say("/add SHOP25 x1");
    say("/add " + PHONE);
    say("/register SHOP24 mts,bee");
    check("/add and /register");
  }

  @Test
  void deleteAndItsButtons() {
    bot.gateway.seed(null, "SHOP24", 1);
    RecordingMessenger.Sent ask = send("/del SHOP24");
    bot.press(team, alice, ask.reply().keyboard().get(0).get(1), ask.messageId());
    RecordingMessenger.Sent again = send("/del SHOP24");
    bot.press(team, alice, again.reply().keyboard().get(0).get(0), again.messageId());
    check("/del");
  }

  @Test
  void historyHead() {
    bot.gateway.seed(null, "SHOP24", 1);
    say("/history SHOP24");
    // The audit lines under it are AuditView's (the audit commands' own conversion).
    String head = bot.out.lastText().split("\n", 2)[0];
    assertEquals(List.of(), leftovers(head), head);
  }

  @Test
  void doc() {
    bot.gateway.seed(null, "SHOP24", 1);
    bot.handle(doc(1, new Attachment("f1", "virus.exe", "application/octet-stream", 100)));
    bot.handle(doc(2, new Attachment("f1", "big.pdf", "application/pdf", 5_000_000)));
    bot.out.files.put("f2", "just text".getBytes(StandardCharsets.US_ASCII));
    bot.handle(doc(3, new Attachment("f2", "fake.pdf", "application/pdf", 9)));
    bot.out.files.put("f3", PDF);
    bot.handle(doc(4, new Attachment("f3", "tm.png", "image/png", PDF.length)));
    bot.handle(doc(5, new Attachment("f3", "tm.pdf", "application/pdf", PDF.length)));
    check("/doc");
  }

  private Incoming.Message doc(int id, Attachment file) {
    return new Incoming.Message(id, team, alice, 100 + id, "/doc SHOP24", file, null, false);
  }

  @Test
  void sendcodeAndConfirm() {
    say("/confirm 482113");
    say("/confirm 79990009999 482113");
    say("/confirm 123 482113");
    say("/sendcode " + PHONE);
    for (int i = 0; i < 5; i++) {
      say("/confirm 000000");
    }
    say("/sendcode 79990003344");
    say("/sendcode 79990005566");
    bot.clock.advance(Duration.ofHours(9));
    say("/sendcode " + PHONE);
    say("/sendcode 79990003344");
    RecordingMessenger.Sent ask = send("/confirm 482113");
    bot.restart();
    bot.press(team, alice, ask.reply().keyboard().get(0).get(0), ask.messageId());
    say("/confirm " + PHONE + " " + bot.gateway.codeSentTo(PHONE));
    check("/sendcode and /confirm");
  }

  @Test
  void providerErrors() {
    bot.gateway.failNext(new SmscError("get", 9, "duplicate request, wait a minute"));
    say("/senders");
    say("/sendcode " + PHONE);
    say("/sendcode " + PHONE);
    check("errors 9 and 10");
  }

  // ---- the check

  private void say(String text) {
    bot.say(team, alice, text);
  }

  private RecordingMessenger.Sent send(String text) {
    bot.say(team, alice, text);
    return bot.out.last();
  }

  private void mark() {
    sentMark = bot.out.sent.size();
    editMark = bot.out.edits.size();
    answerMark = bot.out.answered.size();
  }

  /** Every text since the mark: replies, edits, toasts and button labels. */
  private List<String> seen() {
    List<String> out = new ArrayList<>();
    for (RecordingMessenger.Sent s : bot.out.sent.subList(sentMark, bot.out.sent.size())) {
      out.add(s.text());
      out.addAll(labels(s.reply()));
    }
    for (RecordingMessenger.Edit e : bot.out.edits.subList(editMark, bot.out.edits.size())) {
      out.add(e.text());
      out.addAll(labels(e.reply()));
    }
    for (RecordingMessenger.Answered a :
        bot.out.answered.subList(answerMark, bot.out.answered.size())) {
      if (a.toast() != null) {
        out.add(a.toast());
      }
    }
    return out;
  }

  private static List<String> labels(Reply r) {
    return r.keyboard().stream().flatMap(List::stream).map(Button::text).toList();
  }

  private void check(String what) {
    List<String> texts = seen();
    assertFalse(texts.isEmpty(), what + ": nothing was said");
    for (String t : texts) {
      // A sentence has words of the bundles; a label may be data alone (a phone number).
      assertTrue(
          !t.contains(" ") || t.chars().anyMatch(c -> c > 0x7f), what + ": no marked word: " + t);
      assertEquals(List.of(), leftovers(t), what + ": plain English in: " + t);
    }
    mark();
  }

  /** The words of plain ASCII letters in a text: none is data here. */
  static List<String> leftovers(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String token = m.group();
      if (PLAIN_WORD.matcher(token).matches() && !OPERATIONS.contains(token)) {
        words.add(token);
      }
    }
    return words;
  }
}
