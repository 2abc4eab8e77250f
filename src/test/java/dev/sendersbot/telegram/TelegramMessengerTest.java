package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import dev.sendersbot.message.Reply;
import dev.sendersbot.telegram.FakeBotApi.Failure;
import dev.sendersbot.telegram.FakeBotApi.Sent;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramMessengerTest {
  private static final long ALICE = 1001;
  private static final long GROUP = -1_001_234_567_890L;

  private final OkHttpClient http = new OkHttpClient();
  private FakeBotApi api;
  private FakeClock clock;
  private FakeSleeper sleeper;
  private TelegramMessenger messenger;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start();
    clock = FakeClock.atEpochMilli(1_700_000_000_000L);
    sleeper = FakeSleeper.advancing(clock);
    messenger = messenger(TelegramMessenger.Options.defaults());
  }

  @AfterEach
  void tearDown() {
    messenger.close();
    api.close();
  }

  private TelegramMessenger messenger(TelegramMessenger.Options options) {
    return new TelegramMessenger(
        new TelegramSettings(api.token(), api.apiUrl()), http, clock, sleeper, options);
  }

  @Test
  void sendsHtmlToTheTopicWithInlineButtonsAndNoLinkPreview() {
    Reply reply =
        Reply.html("<b>shop_demo</b> &amp; co")
            .withKeyboard(
                List.of(
                    List.of(new Button("◀", "p:1"), new Button("▶", "p:3")),
                    List.of(new Button("Refresh", "r"))));
    int id = messenger.send(GROUP, 42, reply);

    Sent s = api.sentTo(GROUP).get(0);
    assertEquals(id, s.messageId());
    assertEquals("<b>shop_demo</b> &amp; co", s.text());
    assertTrue("HTML".equalsIgnoreCase(s.parseMode()), s.parseMode());
    assertEquals(42, s.threadId());
    assertEquals(List.of(List.of("p:1", "p:3"), List.of("r")), s.buttonData());
    assertEquals(List.of(List.of("◀", "▶"), List.of("Refresh")), s.buttonTexts());
    assertTrue(s.linkPreviewDisabled());
    assertFalse(s.disableNotification());
    assertFalse(s.forceReply());
    assertEquals("shop_demo & co", api.messageText(GROUP, id));
  }

  @Test
  void sendsAForceReplyPromptSelectivelyAndARoutineMessageSilently() {
    messenger.send(ALICE, null, Reply.html("Send the code").asForceReply());
    messenger.send(ALICE + 1, null, Reply.html("Status moved 0 → 1").asSilent());

    Sent prompt = api.sentTo(ALICE).get(0);
    assertTrue(prompt.forceReply());
    assertTrue(prompt.selective());
    assertNull(prompt.threadId());
    Sent quiet = api.sentTo(ALICE + 1).get(0);
    assertTrue(quiet.disableNotification());
    assertTrue(quiet.buttonData().isEmpty());
  }

  // Why: a selective prompt that answers no message and mentions nobody targets nobody: in a
  // group no client opened the reply field for the code.
  @Test
  void aCodePromptAnswersTheCommandItFollowsSoItsSenderGetsTheReplyField() {
    messenger.send(GROUP, null, Reply.html("Send the code").asForceReplyTo(77));

    FakeBotApi.Call call = api.calls("sendMessage").get(0);
    assertEquals(77, call.json("reply_parameters").path("message_id").asInt());
    assertTrue(call.json("reply_parameters").path("allow_sending_without_reply").asBoolean());
    assertTrue(api.sentTo(GROUP).get(0).selective());
  }

  @Test
  void returnsIncreasingMessageIds() {
    int a = messenger.send(ALICE, null, Reply.html("one"));
    int b = messenger.send(ALICE + 1, null, Reply.html("two"));
    assertTrue(b > a);
  }

  @Test
  void waitsRetryAfterOn429AndThenSucceeds() {
    api.failNext("sendMessage", 1, Failure.tooManyRequests(7));
    int id = messenger.send(ALICE, null, Reply.html("after the wait"));
    assertTrue(id > 0);
    assertEquals(2, api.calls("sendMessage").size());
    assertTrue(sleeper.waits().contains(Duration.ofSeconds(7)), "slept " + sleeper.waits());
    assertEquals(1, messenger.stats().rateLimited());
  }

  @Test
  void givesUpWithRetryAfterWhen429Persists() {
    api.failNext("sendMessage", 10, Failure.tooManyRequests(2));
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("x")));
    assertEquals(Kind.RETRY_AFTER, e.kind());
    assertEquals(Duration.ofSeconds(2), e.retryAfter());
    assertEquals(6, api.calls("sendMessage").size(), "1 try + 5 waits");
  }

  // Why: a long flood wait belongs to the caller's queue, not to a blocked thread.
  @Test
  void aRetryAfterLongerThanTheInlineLimitFailsAtOnce() {
    api.failNext("sendMessage", 1, Failure.tooManyRequests(3600));
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("x")));
    assertEquals(Kind.RETRY_AFTER, e.kind());
    assertEquals(Duration.ofHours(1), e.retryAfter());
    assertEquals(1, api.calls("sendMessage").size());
  }

  // Why: the outbox's one thread sat out each 429 of up to a minute, five times, for one chat,
  // while every other chat's notifications waited.
  @Test
  void aQueuedMessageThrowsAWaitOfMoreThanTwoSecondsAtOnceAndSitsOutAShorterOne() {
    api.failNext("sendMessage", 1, Failure.tooManyRequests(7));
    DeliveryException e =
        assertThrows(
            DeliveryException.class,
            () -> messenger.send(ALICE, null, Reply.html("queued"), () -> true));
    assertEquals(Kind.RETRY_AFTER, e.kind());
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
    assertEquals(1, api.calls("sendMessage").size());

    api.failNext("sendMessage", 1, Failure.tooManyRequests(2));
    assertTrue(messenger.send(ALICE + 1, null, Reply.html("queued"), () -> true) > 0);
    assertTrue(sleeper.waits().contains(Duration.ofSeconds(2)), "slept " + sleeper.waits());
  }

  @Test
  void retriesServerErrorsWithAnHtmlBodyWithBackOff() {
    api.failNext("sendMessage", 2, Failure.serverError());
    int id = messenger.send(ALICE, null, Reply.html("eventually"));
    assertEquals(id, api.sentTo(ALICE).get(0).messageId());
    assertEquals(3, api.calls("sendMessage").size());
    // Back-off 500 ms then 1 s (the per-chat limiter adds its own waits between attempts).
    List<Duration> sleeps = sleeper.waits();
    int first = sleeps.indexOf(Duration.ofMillis(500));
    assertTrue(
        first >= 0 && sleeps.subList(first + 1, sleeps.size()).contains(Duration.ofSeconds(1)),
        "slept " + sleeps);
  }

  @Test
  void aPersistentServerErrorEndsAsTransientAfterTheLastAttempt() {
    api.failNext("sendMessage", 10, Failure.badGateway());
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("x")));
    assertEquals(Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("[502]"), e.getMessage());
    assertEquals(4, api.calls("sendMessage").size());
  }

  @Test
  void retriesADroppedConnection() {
    api.failNext("sendMessage", 3, Failure.drop());
    messenger.send(ALICE, null, Reply.html("through"));
    assertEquals(1, api.sentTo(ALICE).size());
    assertTrue(api.calls("sendMessage").size() >= 4);
  }

  @Test
  void doesNotRetryABadRequest() {
    api.failNext("sendMessage", 1, Failure.badRequest("chat not found"));
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("x")));
    assertEquals(Kind.REJECTED, e.kind());
    assertTrue(e.getMessage().contains("chat not found"));
    assertTrue(e.getMessage().contains("chat " + ALICE), e.getMessage());
    assertEquals(1, api.calls("sendMessage").size());
    assertTrue(sleeper.waits().isEmpty());
  }

  // Why: the fake checks HTML as Telegram does; an unescaped "<" is a 400, not a retry.
  @Test
  void brokenHtmlIsRejectedOnce() {
    DeliveryException e =
        assertThrows(
            DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("a <foo> b")));
    assertEquals(Kind.REJECTED, e.kind());
    assertTrue(e.getMessage().contains("Unsupported start tag"), e.getMessage());
    assertEquals(1, api.calls("sendMessage").size());
  }

  @Test
  void aTooLongOrEmptyTextIsRejectedWithoutARequest() {
    DeliveryException tooLong =
        assertThrows(
            DeliveryException.class,
            () -> messenger.send(ALICE, null, Reply.html("x".repeat(4097))));
    assertEquals(Kind.REJECTED, tooLong.kind());
    assertTrue(tooLong.getMessage().contains("4097"), tooLong.getMessage());
    DeliveryException empty =
        assertThrows(
            DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("<b> </b>")));
    assertEquals(Kind.REJECTED, empty.kind());
    assertTrue(api.calls("sendMessage").isEmpty());
    // 4096 visible characters are fine even when the raw HTML is longer.
    messenger.send(ALICE, null, Reply.html("<b>" + "&amp;".repeat(4096) + "</b>"));
  }

  @Test
  void aBlockedChatIsForbidden() {
    api.blockChat(ALICE);
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(ALICE, null, Reply.html("x")));
    assertEquals(Kind.FORBIDDEN, e.kind());
    assertEquals(1, api.calls("sendMessage").size());
  }

  @Test
  void aMigratedGroupAnswersMigratedWithTheNewId() {
    api.migrateChat(-4001, GROUP);
    DeliveryException e =
        assertThrows(DeliveryException.class, () -> messenger.send(-4001, null, Reply.html("x")));
    assertEquals(Kind.MIGRATED, e.kind());
    assertEquals(GROUP, e.migratedTo());
    assertEquals(1, api.calls("sendMessage").size());
  }

  @Test
  void editsTextAndButtonsAndToleratesAnUnchangedMessage() {
    int id =
        messenger.send(
            ALICE,
            null,
            Reply.html("page 1").withKeyboard(List.of(List.of(new Button("▶", "p:2")))));
    Reply page2 =
        Reply.html("page <i>2</i>").withKeyboard(List.of(List.of(new Button("◀", "p:1"))));
    messenger.edit(ALICE, id, page2);
    assertEquals("page 2", api.messageText(ALICE, id));
    FakeBotApi.Call edit = api.calls("editMessageText").get(0);
    assertTrue("HTML".equalsIgnoreCase(edit.text("parse_mode")));
    assertEquals(
        "p:1",
        edit.json("reply_markup")
            .path("inline_keyboard")
            .get(0)
            .get(0)
            .path("callback_data")
            .asText());
    // Pressing the same button twice: Telegram says "not modified", the user sees nothing wrong.
    messenger.edit(ALICE, id, page2);
    assertEquals(2, api.calls("editMessageText").size());
  }

  @Test
  void deleteAnswersFalseWhereTheBotMayNotDelete() {
    int id = messenger.send(GROUP, null, Reply.html("code prompt"));
    assertTrue(messenger.delete(GROUP, id));
    api.forbidDeletes(GROUP);
    assertFalse(messenger.delete(GROUP, id));
  }

  // Why: an answer to sendMessage the library could not map (a lax emulator's "date": 0 reads as
  // an inaccessible message) was taken for a failure, and the message went out again, four times
  // in all, each reported as not delivered.
  @Test
  void aMessageWhoseAnswerCannotBeReadWholeIsSentOnceWithItsId() {
    api.answerSentMessagesWithDateZero();

    int id = messenger.send(GROUP, null, Reply.html("hello"));

    assertEquals(1, api.calls("sendMessage").size(), "sent once");
    assertEquals(api.sent().get(0).messageId(), id);
    assertTrue(messenger.replace(GROUP, id, Reply.html("hello again")), "edited");
    assertEquals(1, api.calls("editMessageText").size(), "edited once");
  }

  @Test
  void answersACallbackWithAShortToastAndIgnoresAnExpiredOne() {
    messenger.answerCallback("cb-1", "Deleted");
    assertEquals("Deleted", api.calls("answerCallbackQuery").get(0).text("text"));
    messenger.answerCallback("cb-2", "x".repeat(500));
    assertEquals(200, api.calls("answerCallbackQuery").get(1).text("text").length());
    api.failNext(
        "answerCallbackQuery",
        1,
        Failure.badRequest(
            "query is too old and response" + " timeout expired or query ID is invalid"));
    messenger.answerCallback("cb-3", null);
    assertNull(api.calls("answerCallbackQuery").get(2).text("text"));
    // An emoji is two chars: the cut must not leave half of one, which arrives as "?".
    messenger.answerCallback("cb-emoji", "🔄".repeat(150));
    String cut = api.calls("answerCallbackQuery").get(3).text("text");
    assertTrue(cut.length() <= 200, cut);
    assertTrue(cut.endsWith("🔄…"), cut);
  }

  @Test
  void downloadsFromTheConfiguredApiUrl() {
    byte[] pdf = "%PDF-1.4 letter".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    api.addFile("f1", "documents/letter.pdf", pdf);
    byte[] got =
        messenger.download(new Attachment("f1", "letter.pdf", "application/pdf", pdf.length), 1024);
    assertArrayEquals(pdf, got);
    assertEquals(List.of("documents/letter.pdf"), api.downloads());
    assertEquals("f1", api.calls("getFile").get(0).text("file_id"));
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeOrWhileDownloading() {
    api.addFile("big", "documents/big.bin", new byte[5000]);
    DeliveryException declared =
        assertThrows(
            DeliveryException.class,
            () -> messenger.download(new Attachment("big", "big.bin", null, 5000), 1000));
    assertEquals(Kind.REJECTED, declared.kind());
    assertTrue(api.calls("getFile").isEmpty(), "the declared size is checked first");
    // The attachment did not say; getFile did.
    DeliveryException reported =
        assertThrows(
            DeliveryException.class,
            () -> messenger.download(new Attachment("big", "big.bin", null, 0), 1000));
    assertEquals(Kind.REJECTED, reported.kind());
    assertTrue(reported.getMessage().contains("5000 bytes"), reported.getMessage());
    assertTrue(api.downloads().isEmpty());
    // Telegram's own 20 MB cap applies whatever the caller allows.
    DeliveryException cap =
        assertThrows(
            DeliveryException.class,
            () ->
                messenger.download(
                    new Attachment("huge", null, null, 21L * 1024 * 1024), Long.MAX_VALUE));
    assertTrue(cap.getMessage().contains(String.valueOf(20L * 1024 * 1024)), cap.getMessage());
  }

  @Test
  void anUnknownFileIsRejected() {
    DeliveryException e =
        assertThrows(
            DeliveryException.class,
            () -> messenger.download(new Attachment("nope", null, null, 0), 1000));
    assertEquals(Kind.REJECTED, e.kind());
  }

  @Test
  void knowsItsOwnName() {
    TelegramMessenger.BotIdentity me = messenger.me();
    assertEquals(FakeBotApi.BOT_USERNAME, me.username());
    assertEquals(api.botId(), me.id());
  }

  // Why: Telegram's limits answered with 429 storms are what users of other bots complain about.
  @Test
  void keepsTelegramsLimitsAsTightlyAsTheyAllowSoAnEnforcingServerNeverAnswers429() {
    api.enforceLimits(clock, Duration.ZERO);
    TelegramMessenger exact =
        messenger(TelegramMessenger.Options.defaults().withLimitMargin(Duration.ZERO));
    try {
      burst(exact);
    } finally {
      exact.close();
    }
    assertEquals(0, api.violations());
    assertEquals(66, api.sent().size());
    // The least these limits allow for this order: 36 private chats at 30/s end at 1 s; 5 to
    // one chat at 1/s end at 5 s; the group's first 20 go at 1/s (5..24 s), its 21st only when
    // the first leaves the minute (65 s), the 25th at 69 s.
    assertEquals(Duration.ofSeconds(69), sleeper.slept());
  }

  // Why: with real time a request arrives a little after it left, by a varying delay, and its
  // answer comes back after it arrived.
  @Test
  void theDefaultMarginAbsorbsDeliveryJitter() {
    Random random = new Random(7);
    // The way there: 0-40 ms on the sender's clock too, so the answer comes after the arrival.
    api.onCall(c -> clock.advance(Duration.ofMillis(random.nextInt(41))));
    api.enforceLimits(clock, Duration.ZERO);
    burst(messenger);
    assertEquals(0, api.violations());
    assertEquals(0, messenger.stats().rateLimited());
    Duration slept = sleeper.slept();
    assertTrue(slept.compareTo(Duration.ofSeconds(71)) < 0, "the margin costs little: " + slept);

    // A send's slot counts from its answer, which came after it arrived: the next one, a window
    // after that answer, cannot arrive sooner after it, so even no margin keeps the limits under
    // the same jitter (counted from when the sends left, it broke them).
    clock.advance(Duration.ofMinutes(2));
    TelegramMessenger exact =
        messenger(TelegramMessenger.Options.defaults().withLimitMargin(Duration.ZERO));
    try {
      burst(exact);
    } finally {
      exact.close();
    }
    assertEquals(0, api.violations(), "no margin, the same jitter");
  }

  @Test
  void withoutTheLimiterTheSameBurstIsAnswered429() {
    api.enforceLimits(clock, Duration.ZERO);
    TelegramMessenger unlimited =
        messenger(TelegramMessenger.Options.defaults().withoutRateLimit());
    try {
      burst(unlimited);
    } catch (DeliveryException expected) {
      // Some sends give up after their retries.
    } finally {
      unlimited.close();
    }
    assertTrue(api.violations() > 0, "violations " + api.violations());
  }

  private void burst(TelegramMessenger m) {
    for (int i = 0; i < 36; i++) {
      m.send(10_000 + i, null, Reply.html("private " + i));
    }
    for (int i = 0; i < 5; i++) {
      m.send(ALICE, null, Reply.html("same chat " + i));
    }
    for (int i = 0; i < 25; i++) {
      m.send(GROUP, null, Reply.html("group " + i));
    }
  }
}
