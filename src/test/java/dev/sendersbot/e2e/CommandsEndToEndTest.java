package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.StoredDocument;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.TestClocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each command's happy path and its main failure, typed into the fake Telegram and answered by the
 * whole bot; what the provider received is read from the sandbox's request log.
 */
class CommandsEndToEndTest {
  static final long TEAM = -1001234500001L;
  static final long ALICE = 7;
  static final long BOB = 8;

  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = seededAndStarted(new Rig(dir));
  }

  /** Replaces the rig with one whose time starts at {@code start}, on a database of its own. */
  private void restartAt(Instant start) {
    rig.close();
    rig = seededAndStarted(new Rig(dir.resolve("from-" + start.getEpochSecond()), start));
  }

  private static Rig seededAndStarted(Rig r) {
    r.sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2, "mega_step", 3));
    r.sandbox.seed("TaxiFast", null, null, 1, Map.of("bee_step", 8));
    return r.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void sendersAndTheCardShowStatusesInWordsAndAnUnknownNameIsExplained() {
    String list = visible(rig.say(OWNER, OWNER, "/senders"));
    assertTrue(list.contains("SHOP24 — allowed"), list);
    assertTrue(list.contains("MTS: allowed by the operator"), list);
    assertTrue(list.contains("Megafon: not accepted by the operator"), list);
    assertTrue(list.contains("TaxiFast"), list);

    // The owner holds every right in every chat: other chats keep the replies apart in time.
    String card = visible(rig.say(TEAM, OWNER, "/sender shop24"));
    assertTrue(card.contains("SHOP24"), card);
    assertTrue(card.contains("Id: " + rig.sandbox.idOf("SHOP24", null)), card);
    assertTrue(card.contains("Moderation: allowed"), card);
    assertTrue(card.contains("• MTS: allowed by the operator"), card);
    assertTrue(card.contains("• Megafon: not accepted by the operator"), card);

    String ghost = visible(rig.say(TEAM - 1, OWNER, "/sender GHOST"));
    assertTrue(ghost.contains("GHOST is not among this chat's sender names"), ghost);
    assertTrue(ghost.contains("/senders all"), ghost);
  }

  /**
   * The watcher's start-up poll read the whole list a moment ago: /senders needs no request of its
   * own.
   */
  @Test
  void sendersRightAfterTheWatchersPollIsAnsweredFromItsList() {
    List<RecordedRequest> polled = rig.requests("get");
    assertEquals(1, polled.size(), "the watcher's baseline");
    String list = visible(rig.say(OWNER, OWNER, "/senders"));
    assertTrue(list.contains("SHOP24") && list.contains("TaxiFast"), list);
    assertEquals(polled, rig.requests("get"), "no second list request within the cache's minute");
  }

  @Test
  void addOffersRegistrationButtonsAndAnExistingNameExplainsError5() {
    FakeBotApi.Sent added = rig.say(OWNER, OWNER, "/add shop_e2e \"our <e2e> shop\"");
    assertTrue(visible(added).contains("Added shop_e2e"), visible(added));
    assertTrue(
        visible(added).contains("our <e2e> shop"), "escaped, shown as typed: " + visible(added));
    assertEquals("our <e2e> shop", rig.sandbox.name("shop_e2e", null).orElseThrow().comment());

    assertEquals("Requested MTS", rig.press(OWNER, OWNER, added, "MTS"));
    assertEquals(
        "1", rig.requests("chg").get(0).param("mts_step"), "registration requested at MTS");
    assertEquals(
        Optional.of(0),
        rig.sandbox.name("shop_e2e", null).orElseThrow().operator("mts_step"),
        "the provider now has it awaiting registration there");

    String again = visible(rig.say(OWNER, OWNER, "/add shop_e2e"));
    assertTrue(again.contains("SMSC error 5"), again);
    List<RecordedRequest> adds = rig.requests("add");
    assertEquals(2, adds.size());
    assertEquals(5, adds.get(1).errorCode());
    assertEquals("smsc error 5", lastAudit().outcome());
  }

  @Test
  void chgChangesTheCommentAndAnUnknownNameExplainsError3() {
    String changed = visible(rig.say(OWNER, OWNER, "/chg SHOP24 spring   campaign"));
    assertTrue(changed.contains("is now “spring campaign”"), changed);
    assertEquals("spring campaign", rig.sandbox.name("SHOP24", null).orElseThrow().comment());

    String unknown = visible(rig.say(TEAM, OWNER, "/chg GHOST hello"));
    assertTrue(unknown.contains("SMSC error 3"), unknown);
    assertTrue(unknown.contains("/senders"), "says where to look: " + unknown);
    assertEquals(3, rig.requests("chg").get(1).errorCode());

    rig.sandbox.failNext("chg", 1, 9);
    Rig.Heard busy = rig.sayWithTimeStill(TEAM - 1, OWNER, "/chg SHOP24 summer");
    // A minute from now, with the date when that minute is already tomorrow.
    String retry =
        "try again " + Times.when(busy.now().plus(Duration.ofMinutes(1)), busy.now()) + ".";
    assertTrue(
        busy.text().contains("SMSC error 9") && busy.text().contains(retry),
        "says when to retry, " + retry + ": " + busy.text());
    assertEquals("spring campaign", rig.sandbox.name("SHOP24", null).orElseThrow().comment());
  }

  @Test
  void docUploadsTheTelegramFileToTheProviderAndAWrongTypeMakesNoRequest() {
    byte[] pdf =
        ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + "x".repeat(2000) + "\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    int before = rig.telegram.sentTo(OWNER).size();
    rig.telegram.enqueueDocument(
        OWNER, OWNER, "/doc SHOP24 trademark certificate", "tm.pdf", "application/pdf", pdf);
    String done = visible(rig.awaitMessages(OWNER, before + 1).get(before));
    assertTrue(done.contains("Document “tm.pdf”") && done.contains("attached to SHOP24"), done);
    assertEquals(
        List.of("documents/tm.pdf"), rig.telegram.downloads(), "fetched from the file endpoint");
    List<RecordedRequest> chg = rig.requests("chg");
    assertEquals(1, chg.size());
    assertEquals(
        List.of(new StoredDocument("tm.pdf", pdf.length, "pdf", "trademark certificate")),
        chg.get(0).documents(),
        "the provider received the whole file and its doc_info");
    assertEquals(
        chg.get(0).documents(), rig.sandbox.name("SHOP24", null).orElseThrow().documents());

    rig.telegram.enqueueDocument(
        TEAM,
        OWNER,
        "/doc SHOP24",
        "setup.exe",
        "application/x-msdownload",
        new byte[] {'M', 'Z', 0, 0});
    String refused = visible(rig.awaitMessages(TEAM, 1).get(0));
    assertTrue(refused.contains("accepts only jpg, tif, pdf, png, zip or rar documents"), refused);
    assertTrue(refused.contains("setup.exe"), refused);
    assertEquals(1, rig.requests("chg").size(), "no provider request for a wrong file");
    assertEquals(1, rig.telegram.downloads().size(), "and no download");
  }

  /**
   * The rig's start, then two instants whose "in 8 hours" is surely tomorrow (and next month, and
   * next year) or surely today, each with what the reply then says, whatever the time of day the
   * suite runs at.
   */
  static Stream<Arguments> sendcodeStarts() {
    return Stream.of(
        Arguments.of(TestClocks.suiteStart(), null),
        Arguments.of(
            Instant.parse("2026-12-31T16:00:00Z"),
            "send a new one at 1 Jan 00:0\\d UTC \\(in 7 h 5\\d min\\)"),
        Arguments.of(
            Instant.parse("2027-03-15T09:00:00Z"),
            "send a new one at 17:0\\d UTC \\(in 7 h 5\\d min\\)"));
  }

  @ParameterizedTest(name = "[{index}] time starts at {0}")
  @MethodSource("sendcodeStarts")
  void sendcodeTwiceSaysWhenANewCodeCanBeSentAndWrongCodesCountAttempts(
      Instant start, String literally) {
    restartAt(start);
    String phone = "79990001122";
    Rig.Heard asked = rig.sayWithTimeStill(OWNER, OWNER, "/sendcode \"+7 999 000-11-22\"");
    FakeBotApi.Sent prompt = asked.sent();
    Instant sentAt = asked.now();
    assertTrue(prompt.forceReply(), "the prompt asks for the code with a ForceReply");
    assertTrue(visible(prompt).contains("sent by SMS to " + phone), visible(prompt));
    String code = rig.sandbox.lastCode(phone).orElseThrow().code();

    String wrong =
        visible(rig.say(OWNER, OWNER, "/confirm " + (code.equals("000000") ? "111111" : "000000")));
    assertTrue(wrong.contains("is wrong") && wrong.contains("4 attempts left"), wrong);
    assertEquals(11, rig.requests("check_code").get(0).errorCode());
    assertEquals("smsc error 11", lastAudit().outcome());

    Rig.Heard again = rig.sayWithTimeStill(OWNER, OWNER, "/sendcode " + phone);
    String twice = again.text();
    assertTrue(twice.contains("SMSC error 10"), twice);
    // Both moments carry their date whenever they are not on the day the reply is read.
    String when =
        "was sent at "
            + Times.time(sentAt, again.now())
            + "; reply with it, or send a new one "
            + Times.when(sentAt.plus(Duration.ofHours(8)), again.now())
            + ".";
    assertTrue(twice.contains(when), "says when a new code can be sent, " + when + ": " + twice);
    if (literally != null) {
      assertTrue(twice.matches("(?s).*" + literally + ".*"), literally + ": " + twice);
    }
    assertEquals(10, rig.requests("send_code").get(1).errorCode());

    String confirmed = visible(rig.say(OWNER, OWNER, "/confirm " + code));
    assertTrue(confirmed.contains(phone + " is confirmed"), confirmed);
    assertTrue(rig.requests("check_code").get(1).ok());
    for (AuditEntry e : rig.bot().stores().audit().recent(20)) {
      assertFalse(e.args().contains(code), "no code in the audit log: " + e.args());
    }
  }

  @Test
  void deleteIsConfirmedByTheSameUserOnlyAndADoublePressDeletesOnce() {
    rig.grant(TEAM, Role.ADMIN);
    FakeBotApi.Sent ask = rig.say(TEAM, ALICE, "/del SHOP24");
    assertTrue(visible(ask).contains("Delete SHOP24?"), visible(ask));
    assertEquals(List.of(), rig.changes(), "nothing deleted before the button");

    assertEquals(
        "Only the person who asked can press this button.", rig.press(TEAM, BOB, ask, "Delete"));
    assertTrue(rig.sandbox.name("SHOP24", null).isPresent());

    String yes = Rig.data(ask, "Delete");
    long first = rig.telegram.enqueueCallback(TEAM, ALICE, ask.messageId(), yes);
    long second = rig.telegram.enqueueCallback(TEAM, ALICE, ask.messageId(), yes);
    assertEquals("Deleted", rig.awaitAnswer(first));
    assertEquals("This button has expired.", rig.awaitAnswer(second));
    assertEquals(List.of("del"), rig.changes(), "deleted once");
    assertTrue(rig.sandbox.name("SHOP24", null).isEmpty());
    String now = rig.telegram.messageText(TEAM, ask.messageId());
    assertTrue(now.contains("SHOP24 deleted by @user7"), "the question became the answer: " + now);
  }

  @Test
  void aLongListIsPagedAndTheArrowsAndRefreshEditTheSameMessage() {
    // Names added on the provider's side after the watcher's poll: the cached list has none yet.
    // With gateway.refresh-reuse off, so that 🔄 asks at once: the names appear seconds after the
    // poll, within the default reuse period, and this clock runs in real time (RefreshReuseTest
    // covers the reuse).
    rig.close();
    rig =
        seededAndStarted(
            new Rig(
                dir.resolve("no-reuse"),
                TestClocks.suiteStart(),
                Rig.ENGLISH_UTC + "gateway:\n  refresh-reuse: 0s\n"));
    rig.sandbox.bulkSeed(400);
    FakeBotApi.Sent asked = rig.say(OWNER, OWNER, "/senders all BULK");
    assertTrue(visible(asked).contains("No name starts with BULK."), visible(asked));
    assertEquals("Refreshed", rig.press(OWNER, OWNER, asked, "🔄"));
    FakeBotApi.Sent first = lastEdit(asked.messageId());
    String page1 = FakeBotApi.visibleText(first.text());
    assertTrue(page1.contains("BULK0000001"), page1);
    int pages = Integer.parseInt(page1.replaceAll("(?s).*Page 1 of (\\d+).*", "$1"));
    assertTrue(pages >= 3, "400 names take several pages: " + page1.length() + " characters");
    assertFalse(first.buttonTexts().toString().contains("◀"), "no way back from the first page");

    rig.press(OWNER, OWNER, first, "▶");
    String page2 = rig.telegram.messageText(OWNER, asked.messageId());
    assertTrue(page2.contains("Page 2 of " + pages), page2);
    assertFalse(page2.contains("BULK0000001 "), page2);

    rig.press(OWNER, OWNER, lastEdit(asked.messageId()), "◀");
    assertTrue(rig.telegram.messageText(OWNER, asked.messageId()).contains("Page 1 of " + pages));
    assertEquals(1, rig.telegram.sentTo(OWNER).size(), "refresh and paging edit, they do not send");
    assertEquals(
        2,
        rig.requests("get").size(),
        "the watcher's poll, the refresh; pages come from the cache");
  }

  @Test
  void aDeniedChatIsAuditedAnUnknownOneCountedAndNeitherMakesAProviderRequest() {
    long viewers = TEAM - 5;
    rig.grant(viewers, Role.VIEWER);
    rig.sandbox.clearRequests();
    long stranger = TEAM - 6;
    String answer = visible(rig.say(stranger, ALICE, "/add evil"));
    assertTrue(answer.contains("Chat id: " + stranger), answer);
    assertFalse(answer.contains("SHOP24"), answer);
    String denied = visible(rig.say(viewers, ALICE, "/chg SHOP24 mine"));
    assertTrue(denied.contains("needs the operator role"), denied);

    assertEquals(List.of(), rig.sandbox.requests(), "the provider heard nothing");
    List<AuditEntry> audit = rig.bot().stores().audit().recent(10);
    assertTrue(
        audit.stream().noneMatch(e -> e.chatId() == stranger), "an unknown chat is not audited");
    assertEquals(
        1,
        rig.bot().stores().audit().unknownChats(java.time.Instant.EPOCH).answered(),
        "it is counted");
    assertTrue(audit.get(0).decision().startsWith("denied"), audit.get(0).decision());
    assertEquals("chg", audit.get(0).command());
  }

  private AuditEntry lastAudit() {
    return rig.bot().stores().audit().recent(1).get(0);
  }

  /** The newest editMessageText of a message, as a Sent whose buttons can be pressed. */
  private FakeBotApi.Sent lastEdit(int messageId) {
    List<FakeBotApi.Call> edits =
        rig.telegram.calls("editMessageText").stream()
            .filter(c -> c.number("message_id") == messageId)
            .toList();
    FakeBotApi.Call c = edits.get(edits.size() - 1);
    return new FakeBotApi.Sent(
        "editMessageText",
        c.number("chat_id"),
        messageId,
        null,
        c.text("text"),
        c.text("parse_mode"),
        c.json("reply_markup"),
        false,
        true);
  }
}
