package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.status.WatcherStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each command's happy path and its main failure, plus how messages become commands. */
class CommandsTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = user(7);
  final ChatRef ops = bot.groupWith(-1001, Role.ADMIN, null);

  @AfterEach
  void nothingRejectedByTelegram() {
    assertEquals(java.util.List.of(), bot.out.rejected, "every message was valid for Telegram");
  }

  // ---- parsing in context

  @Test
  void answersACommandAddressedToThisBot() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/SENDERS@sendersbot");
    assertTrue(bot.out.lastText().contains("shop"));
  }

  @Test
  void ignoresACommandAddressedToAnotherBotWithoutAnyCall() {
    bot.say(ops, alice, "/senders@OtherBot");
    bot.say(ops, alice, "/nosuch@OtherBot");
    assertEquals(0, bot.out.count());
    assertEquals(0, bot.gateway.calls);
    assertTrue(bot.auditEntries().isEmpty());
  }

  @Test
  void doesNotRunAnEditedCommandAgain() {
    bot.handle(new Incoming.Message(1, ops, alice, 1, "/add shop", null, null, true));
    assertEquals(0, bot.gateway.calls);
    assertEquals(0, bot.out.count());
  }

  @Test
  void ignoresAFileWhoseCaptionIsNotDoc() {
    bot.handle(
        new Incoming.Message(
            1, ops, alice, 1, "/add shop", new Attachment("f", "a.pdf", null, 10), null, false));
    assertEquals(0, bot.gateway.calls);
    assertEquals(0, bot.out.count());
  }

  @Test
  void plainTextGetsAHintInPrivateAndSilenceInGroups() {
    bot.say(ops, alice, "hello everyone");
    assertEquals(0, bot.out.count());
    ChatRef priv = TestBot.privateChat(7);
    bot.say(priv, alice, "hello");
    assertTrue(bot.out.lastText().contains("/help"));
  }

  @Test
  void unknownCommandIsExplainedInPrivateButIgnoredInGroupsUnlessNamed() {
    bot.say(ops, alice, "/frobnicate");
    assertEquals(0, bot.out.count());
    bot.say(ops, alice, "/frobnicate@SendersBot");
    assertTrue(bot.out.lastText().contains("/help"));
  }

  @Test
  void repliesGoToTheTopicTheCommandCameFrom() {
    ChatRef topic = new ChatRef(ops.id(), ChatRef.Type.SUPERGROUP, "Team", 42);
    bot.say(topic, alice, "/id");
    assertEquals(42, bot.out.last().topicId());
    assertTrue(bot.out.lastText().contains("Topic id: 42"));
  }

  // ---- /start /help /id

  @Test
  void helpListsOnlyWhatTheChatMayDo() {
    ChatRef viewers = bot.groupWith(-1002, Role.VIEWER, null);
    bot.say(viewers, alice, "/help");
    String help = bot.out.lastText();
    assertTrue(help.contains("/senders [all] [filter]"));
    assertTrue(help.contains("/history NAME"));
    assertFalse(help.contains("/add"), help);
    assertFalse(help.contains("/del"), help);
    assertFalse(help.contains("/allow"), help);
  }

  @Test
  void ownersSeeEveryCommandWithItsRole() {
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/start");
    String help = bot.out.lastText();
    for (CommandInfo c : bot.core.commands()) {
      assertTrue(help.contains(c.syntax()), c.syntax());
    }
    assertTrue(help.contains("(admin)"));
  }

  @Test
  void idTellsChatAndUser() {
    bot.say(ops, alice, "/id");
    assertTrue(bot.out.lastText().contains("-1001"));
    assertTrue(bot.out.lastText().contains("7"));
  }

  @Test
  void idToSomeoneWritingOnBehalfOfTheChatSaysTheBotCannotSeeTheirUserId() {
    UserRef anonymous = new UserRef(1087968824L, "GroupAnonymousBot", "Group", null, true);
    bot.say(ops, anonymous, "/id");
    String reply = bot.out.lastText();
    assertTrue(reply.contains("-1001"), reply);
    assertFalse(reply.contains("1087968824"), "the stand-in is nobody's id: " + reply);
    assertTrue(reply.contains("private chat"), reply);
  }

  @Test
  void menuFollowsTheRole() {
    assertEquals(
        java.util.List.of("start", "help", "id"),
        bot.core.menuFor(null, false).stream().map(CommandInfo::name).toList());
    assertTrue(
        bot.core.menuFor(Role.VIEWER, false).stream().noneMatch(c -> c.name().equals("add")));
    assertTrue(
        bot.core.menuFor(Role.OPERATOR, false).stream().anyMatch(c -> c.name().equals("confirm")));
    assertTrue(
        bot.core.menuFor(Role.OPERATOR, false).stream().noneMatch(c -> c.name().equals("del")));
    assertEquals(bot.core.commands().size(), bot.core.menuFor(null, true).size());
  }

  // ---- /senders and /sender

  @Test
  void sendersShowsStatusesInWordsAndHidesNonActivatedUnlessAll() {
    java.util.Map<String, Integer> ops2 = FakeGateway.allOperators(0);
    ops2.put("mts_step", 2);
    ops2.put("mega_step", 8);
    bot.gateway.seed(null, "shop", 1, ops2, null);
    bot.gateway.seed(null, "newbie", 0);
    bot.say(ops, alice, "/senders");
    String text = bot.out.lastText();
    assertTrue(text.contains("shop — allowed"), text);
    assertTrue(text.contains("MTS: allowed by the operator"), text);
    assertTrue(text.contains("Megafon: supporting documents required"), text);
    assertFalse(text.contains("newbie"), text);
    bot.say(ops, alice, "/senders all");
    assertTrue(bot.out.lastText().contains("newbie — waiting for moderation"));
    bot.say(ops, alice, "/senders new ALL");
    assertTrue(bot.out.lastText().contains("newbie — waiting for moderation"));
    assertFalse(bot.out.lastText().contains("shop"));
  }

  @Test
  void sendersFiltersByPrefixCaseInsensitively() {
    bot.gateway.seed(null, "ShopOne", 1);
    bot.gateway.seed(null, "shoptwo", 1);
    bot.gateway.seed(null, "bank", 1);
    bot.say(ops, alice, "/senders SHOP");
    String text = bot.out.lastText();
    assertTrue(text.contains("ShopOne") && text.contains("shoptwo"), text);
    assertFalse(text.contains("bank"), text);
  }

  @Test
  void sendersSaysHowOldCachedDataIs() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/senders");
    assertFalse(bot.out.lastText().contains("as of"));
    bot.clock.advance(Duration.ofSeconds(40));
    bot.say(ops, alice, "/senders");
    assertTrue(bot.out.lastText().contains("as of 40 s ago"), bot.out.lastText());
    assertEquals(1, bot.gateway.providerRequests, "the second list came from the cache");
  }

  @Test
  void senderCardShowsEveryOperatorAndTheComment() {
    bot.gateway.seed(null, "shop", 1, FakeGateway.allOperators(1), "our shop");
    bot.say(ops, alice, "/sender SHOP");
    String card = bot.out.lastText();
    assertTrue(card.contains("Comment: our shop"), card);
    assertTrue(card.contains("Moderation: allowed"), card);
    assertTrue(card.contains("Tele2 (free names): sent for registration"), card);
    assertTrue(card.contains("Id: "), card);
  }

  @Test
  void senderCardOfAnUnknownNamePointsToSenders() {
    bot.say(ops, alice, "/sender ghost");
    assertTrue(bot.out.lastText().contains("/senders all"));
    assertEquals("failed: not found", bot.lastAudit().outcome());
  }

  // ---- /add /register /chg

  @Test
  void addCreatesTheNameAndOffersOperatorRegistration() {
    bot.say(ops, alice, "/add shop \"our <best> shop\"");
    RecordingMessenger.Sent s = bot.out.last();
    assertTrue(s.text().contains("Added shop"), s.text());
    assertTrue(s.text().contains("our <best> shop"), s.text());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
    bot.press(ops, alice, TestBot.button(s, "MTS"), s.messageId());
    assertEquals(1, bot.gateway.find(null, "shop").orElseThrow().operators().get("mts_step"));
    assertEquals("Requested MTS", bot.out.lastAnswer().toast());
  }

  @Test
  void addOfAnExistingNameExplainsError5() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/add shop");
    assertTrue(bot.out.lastText().contains("SMSC error 5"), bot.out.lastText());
    assertEquals("smsc error 5", bot.lastAudit().outcome());
  }

  @Test
  void addWithAnInvalidNameShowsSyntaxWithoutProviderCall() {
    bot.say(ops, alice, "/add way_too_long_name_here");
    assertTrue(bot.out.lastText().contains("at most 11"), bot.out.lastText());
    assertTrue(bot.out.lastText().contains("Usage: /add NAME [comment]"), bot.out.lastText());
    assertEquals(0, bot.gateway.calls);
    assertEquals("failed: invalid input", bot.lastAudit().outcome());
  }

  @Test
  void addOfADigitalNameSuggestsSendcode() {
    bot.say(ops, alice, "/add +79991234567");
    assertTrue(bot.out.lastText().contains("/sendcode 79991234567"), bot.out.lastText());
  }

  @Test
  void registerRequestsTheOperatorsFlags() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/register shop MTS mega,bee");
    assertEquals(
        java.util.Set.of("mts_step", "mega_step", "bee_step"),
        bot.gateway.changes.get(0).operatorFlags());
    assertTrue(
        bot.out.lastText().contains("MTS, Megafon, Beeline")
            || bot.out.lastText().contains("requested"));
  }

  @Test
  void registerWithAnUnknownOperatorListsTheValidOnesWithoutProviderCall() {
    bot.say(ops, alice, "/register shop mts vodafone");
    String t = bot.out.lastText();
    assertTrue(t.contains("Unknown operator 'vodafone'"), t);
    assertTrue(t.contains("mts, mega, bee, motiv, tele2, tele2free"), t);
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void chgChangesTheComment() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/chg shop new   comment");
    assertEquals("new comment", bot.gateway.changes.get(0).comment());
    assertTrue(bot.out.lastText().contains("“new comment”"));
  }

  @Test
  void chgOfAnUnknownNameExplainsError3() {
    bot.say(ops, alice, "/chg ghost hello");
    assertTrue(bot.out.lastText().contains("SMSC error 3"), bot.out.lastText());
    assertTrue(bot.out.lastText().contains("/senders"));
  }

  @Test
  void chgWithoutACommentShowsSyntax() {
    bot.say(ops, alice, "/chg shop");
    assertTrue(bot.out.lastText().contains("Usage: /chg NAME comment"));
    assertEquals(0, bot.gateway.calls);
  }

  // ---- /doc

  static final byte[] PDF = "%PDF-1.4 tiny".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void docAsACaptionUploadsTheFile() {
    bot.gateway.seed(null, "shop", 1);
    bot.out.files.put("f1", PDF);
    bot.handle(
        new Incoming.Message(
            1,
            ops,
            alice,
            1,
            "/doc shop trademark certificate",
            new Attachment("f1", "tm.pdf", "application/pdf", PDF.length),
            null,
            false));
    assertEquals(1, bot.gateway.documents.size());
    assertEquals("tm.pdf", bot.gateway.documents.get(0).fileName());
    assertEquals("trademark certificate", bot.gateway.documents.get(0).info());
    assertTrue(bot.out.downloads.get(0) > dev.sendersbot.smsc.Document.MAX_BYTES);
  }

  @Test
  void docInReplyToAFileUploadsIt() {
    bot.gateway.seed(null, "shop", 1);
    bot.out.files.put("f2", PDF);
    Incoming.ReplyTo to =
        new Incoming.ReplyTo(9, false, "", new Attachment("f2", "tm.pdf", null, PDF.length));
    bot.handle(new Incoming.Message(1, ops, alice, 10, "/doc shop", null, to, false));
    assertEquals(1, bot.gateway.documents.size());
  }

  @Test
  void docRefusesAWrongTypeOrOversizeFileBeforeDownloading() {
    bot.handle(
        new Incoming.Message(
            1,
            ops,
            alice,
            1,
            "/doc shop",
            new Attachment("f1", "virus.exe", "application/octet-stream", 100),
            null,
            false));
    assertTrue(bot.out.lastText().contains("jpg, tif, pdf, png, zip or rar"), bot.out.lastText());
    bot.handle(
        new Incoming.Message(
            2,
            ops,
            alice,
            2,
            "/doc shop",
            new Attachment("f1", "big.pdf", "application/pdf", 5_000_000),
            null,
            false));
    assertTrue(bot.out.lastText().contains("at most 3 MB"), bot.out.lastText());
    assertTrue(bot.out.downloads.isEmpty());
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void docRefusesContentThatIsNotWhatItsNameSays() {
    bot.out.files.put("f1", "just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    bot.handle(
        new Incoming.Message(
            1,
            ops,
            alice,
            1,
            "/doc shop",
            new Attachment("f1", "fake.pdf", "application/pdf", 9),
            null,
            false));
    assertTrue(
        bot.out.lastText().contains("not a jpg, tif, pdf, png, zip or rar"), bot.out.lastText());
    assertEquals(0, bot.gateway.calls);
  }

  // Why: an /add whose answer was lost left no list to check against (it was superseded), so the
  // same /add again went to the provider a second time: a name created twice, or error 5.
  @Test
  void anAddAgainAfterItsAnswerWasLostLooksAtTheListFirst() {
    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "timeout", null, true));
    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.out.lastText().contains("may have made the change"), bot.out.lastText());
    bot.gateway.seed(null, "NEWBRAND", 0); // the provider had made it

    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.out.lastText().contains("NEWBRAND is already among"), bot.out.lastText());
    assertEquals(1, bot.gateway.log.stream().filter(l -> l.startsWith("add ")).count());

    bot.say(ops, alice, "/add OTHER");
    assertEquals(2, bot.gateway.log.stream().filter(l -> l.startsWith("add ")).count());
  }

  // Why: a crash after the provider made a name, before the /add was finished, leaves its audit
  // entry without an outcome; Telegram hands the update out again after the restart, and the /add
  // ran a second time unchecked.
  @Test
  void anAddRunAgainAfterACrashInTheMiddleLooksAtTheListFirst() {
    bot.audit.record(
        new AuditEntry(
            0,
            bot.clock.instant(),
            ops.id(),
            alice.id(),
            alice.username(),
            "add",
            "NEWBRAND",
            "NEWBRAND",
            "allowed",
            null,
            null));
    bot.gateway.seed(null, "NEWBRAND", 0); // made before the crash
    bot.clock.advance(Duration.ofSeconds(30));
    bot.restart();

    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.out.lastText().contains("NEWBRAND is already among"), bot.out.lastText());
    assertEquals(0, bot.gateway.log.stream().filter(l -> l.startsWith("add ")).count());
  }

  // Why: an /add refused before its check (the list budget spent) must not settle the doubt: the
  // /add after it went to the provider unchecked.
  @Test
  void anAddRefusedBeforeItsCheckLeavesTheDoubtStanding() {
    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "timeout", null, true));
    bot.say(ops, alice, "/add NEWBRAND");
    bot.gateway.seed(null, "NEWBRAND", 0); // the provider had made it
    bot.gateway.failNext(
        new GatewayRefusal(GatewayRefusal.Reason.BUDGET, Duration.ofSeconds(7), "budget"));
    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.lastAudit().outcome().startsWith("refused"), bot.lastAudit().outcome());

    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.out.lastText().contains("NEWBRAND is already among"), bot.out.lastText());
    assertEquals(1, bot.gateway.log.stream().filter(l -> l.startsWith("add ")).count());
  }

  // Why: the check must not become a refusal: a name the lost add did not make is added.
  @Test
  void anAddAgainAfterItsAnswerWasLostAddsWhenTheListLacksIt() {
    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "timeout", null, true));
    bot.say(ops, alice, "/add NEWBRAND");
    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.out.lastText().contains("Added NEWBRAND"), bot.out.lastText());
    assertTrue(bot.gateway.find(null, "NEWBRAND").isPresent());
  }

  /**
   * Before, a name the provider created was answered "Something went wrong" when a write failed.
   */
  @Test
  void anAddWhoseButtonsCannotBeStoredStillSaysTheNameWasAdded() {
    bot.diskFullFor("button_actions");
    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.gateway.find(null, "NEWBRAND").isPresent());
    assertTrue(bot.out.lastText().contains("Added NEWBRAND"), bot.out.lastText());
    assertTrue(bot.out.lastText().contains("/register NEWBRAND mts"), bot.out.lastText());
  }

  /** Before, a file Telegram would not hand over ended /doc in silence, audited as a lost reply. */
  @Test
  void docWhoseFileTelegramWillNotHandOverSaysSo() {
    bot.gateway.seed(null, "shop", 1);
    bot.handle(
        new Incoming.Message(
            1,
            ops,
            alice,
            1,
            "/doc shop",
            new Attachment("gone", "tm.pdf", "application/pdf", 100),
            null,
            false));
    assertTrue(
        bot.out.lastText().contains("Telegram did not hand over the file"), bot.out.lastText());
    assertEquals("failed: file not fetched from Telegram", bot.lastAudit().outcome());
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void docWithoutAFileExplainsHow() {
    bot.say(ops, alice, "/doc shop");
    assertTrue(bot.out.lastText().contains("as its caption"), bot.out.lastText());
    assertEquals(0, bot.gateway.calls);
  }

  // ---- subscriptions

  @Test
  void subscribeUnsubscribeAndList() {
    ChatRef topic = new ChatRef(ops.id(), ChatRef.Type.SUPERGROUP, "Team", 5);
    bot.say(topic, alice, "/subscribe shop bank");
    assertTrue(bot.subscribed(ops.id(), "shop") && bot.subscribed(ops.id(), "bank"));
    assertEquals(5, bot.subs.forChat(ops.id()).get(0).topicId());
    bot.say(ops, alice, "/subscriptions");
    assertTrue(bot.out.lastText().contains("shop"));
    bot.say(ops, alice, "/unsubscribe bank");
    assertFalse(bot.subscribed(ops.id(), "bank"));
    bot.say(ops, alice, "/subscribe");
    assertTrue(bot.subscribed(ops.id(), null));
    bot.say(ops, alice, "/unsubscribe");
    assertTrue(bot.subs.forChat(ops.id()).isEmpty());
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void subscribeToAnInvalidNameShowsSyntax() {
    bot.say(ops, alice, "/subscribe bad<name>");
    assertTrue(bot.out.lastText().contains("Usage: /subscribe [NAME…]"), bot.out.lastText());
    assertTrue(bot.subs.forChat(ops.id()).isEmpty());
  }

  // ---- /allow /revoke /chats

  @Test
  void adminGrantsUpToOperatorAndOnlyOwnersGrantAdmin() {
    bot.say(ops, alice, "/allow -2002 operator");
    assertEquals(Role.OPERATOR, bot.chats.find(-2002).orElseThrow().role());
    assertTrue(bot.out.to(-2002).get(0).text().contains("operator"), "the granted chat is told");
    bot.say(ops, alice, "/allow -2003 admin");
    assertTrue(bot.out.lastText().contains("Only owners grant admin"));
    assertTrue(bot.chats.find(-2003).isEmpty());
    bot.say(TestBot.privateChat(OWNER), user(OWNER), "/allow -2003 ADMIN shop_sub");
    ChatGrant g = bot.chats.find(-2003).orElseThrow();
    assertEquals(Role.ADMIN, g.role());
    assertEquals("shop_sub", g.subClient());
  }

  @Test
  void adminCannotDowngradeOrRevokeAnAdminChat() {
    bot.groupWith(-2004, Role.ADMIN, null);
    bot.say(ops, alice, "/allow -2004 viewer");
    assertEquals(Role.ADMIN, bot.chats.find(-2004).orElseThrow().role());
    bot.say(ops, alice, "/revoke -2004");
    assertTrue(bot.chats.find(-2004).isPresent());
  }

  @Test
  void allowWithABadRoleOrChatIdShowsSyntax() {
    bot.say(ops, alice, "/allow -2002 superuser");
    assertTrue(
        bot.out.lastText().contains("Role must be viewer, operator or admin"), bot.out.lastText());
    bot.say(ops, alice, "/allow chat viewer");
    assertTrue(
        bot.out.lastText().contains("Usage: /allow CHAT_ID ROLE [SUBCLIENT]"), bot.out.lastText());
    assertEquals(1, bot.chats.all().size());
  }

  @Test
  void revokeAndChats() {
    bot.groupWith(-2005, Role.VIEWER, "sub1");
    bot.say(ops, alice, "/chats");
    String t = bot.out.lastText();
    assertTrue(t.contains("-2005") && t.contains("viewer") && t.contains("sub1"), t);
    bot.say(ops, alice, "/revoke -2005");
    assertTrue(bot.chats.find(-2005).isEmpty());
    bot.say(ops, alice, "/revoke -2005");
    assertTrue(bot.out.lastText().contains("had no access"));
  }

  @Test
  void migrationMovesTheGrant() {
    bot.groupWith(-55, Role.OPERATOR, null);
    bot.core.chatMigrated(-55, -10055);
    assertTrue(bot.chats.find(-55).isEmpty());
    assertEquals(Role.OPERATOR, bot.chats.find(-10055).orElseThrow().role());
  }

  // Why: everything the group had pending must work in its supergroup at once: its role, its
  // subscriptions and mutes, a number waiting for its code, a Delete button, its language.
  @Test
  void aGroupsPendingStateWorksInItsSupergroup() {
    ChatRef old = bot.groupWith(-56, Role.ADMIN, null);
    ChatRef moved = TestBot.group(-10056);
    bot.gateway.seed(null, "shop", 1);
    bot.say(old, alice, "/subscribe shop");
    bot.say(old, alice, "/mute shop 1h");
    bot.say(old, alice, "/sendcode 79990001122");
    bot.say(old, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.say(moved, alice, "/id"); // an update of the supergroup before the move is handled

    bot.core.chatMigrated(old.id(), moved.id());

    assertTrue(bot.subscribed(moved.id(), "shop"));
    bot.say(moved, alice, "/subscriptions");
    assertTrue(bot.out.lastText().contains("shop"), bot.out.lastText());
    bot.say(moved, alice, "/confirm " + bot.gateway.codeSentTo("79990001122"));
    assertTrue(bot.out.lastText().contains("is confirmed"), bot.out.lastText());
    bot.press(moved, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.find(null, "shop").isEmpty(), bot.out.lastAnswer().toast());
    assertTrue(bot.auditEntries().stream().noneMatch(e -> e.chatId() == old.id()));
  }

  // ---- /history /audit

  @Test
  void historyShowsWhoDidWhatWithAName() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/chg shop hello");
    bot.say(ops, alice, "/history shop");
    String t = bot.out.lastText();
    assertTrue(t.contains("@user7") && t.contains("/chg shop hello") && t.contains("ok"), t);
  }

  @Test
  void auditDefaultsTo20AndCapsAt100() {
    for (int i = 0; i < 25; i++) {
      bot.say(ops, alice, "/id");
    }
    bot.say(ops, alice, "/audit");
    assertTrue(bot.out.lastText().contains("the newest 20"), bot.out.lastText());
    bot.say(ops, alice, "/audit 500");
    assertTrue(bot.out.lastText().contains("the newest 27"), bot.out.lastText());
    // Why: the cap was silent, and the reader took 100 for all there was.
    assertTrue(
        bot.out.lastText().contains("(at most 100 are shown; you asked for 500)"),
        bot.out.lastText());
    bot.say(ops, alice, "/audit 30");
    assertFalse(bot.out.lastText().contains("at most"), bot.out.lastText());
    bot.say(ops, alice, "/audit -3");
    assertTrue(bot.out.lastText().contains("Usage: /audit [N]"));
  }

  @Test
  void auditRecordsEveryFieldOfACommand() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/chg shop x");
    AuditEntry e = bot.lastAudit();
    assertEquals(ops.id(), e.chatId());
    assertEquals(7, e.userId());
    assertEquals("user7", e.username());
    assertEquals("chg", e.command());
    assertEquals("shop x", e.args());
    assertEquals("shop", e.senderName());
    assertEquals("allowed", e.decision());
    assertEquals("ok", e.outcome());
    assertEquals(TestBot.START, e.at());
  }

  // ---- /status

  @Test
  void statusDescribesGatewayAndWatcherInWords() {
    bot.watcher =
        new WatcherStatus(TestBot.START.minusSeconds(30), TestBot.START.plusSeconds(30), null, 3);
    bot.say(ops, alice, "/status");
    String t = bot.out.lastText();
    assertTrue(t.contains("Last answer: 12 s ago"), t);
    assertTrue(t.contains("Connection: healthy"), t);
    assertTrue(t.contains("Last poll: 30 s ago") && t.contains("Next poll: in 30 s"), t);
    assertTrue(t.contains("Notifications waiting to be sent: 3"), t);
  }

  @Test
  void statusSaysTheProvidersLastErrorInTheReadersLanguageNotTheProviders() {
    // The provider describes its errors in Russian; an English reader gets the bundle's words for a
    // code it knows, as the watcher's poll line does, and the provider's text only for a code the
    // bot does not know.
    bot.gateway.setStatus(failedWith(new SmscError("add", 5, "ошибка сохранения")));
    bot.say(ops, alice, "/status");
    String t = bot.out.lastText();
    assertTrue(t.contains("provider error 5 (the provider could not save or delete"), t);
    assertFalse(t.contains("ошибка"), t);

    bot.gateway.setStatus(failedWith(new SmscError("get", 42, "новая ошибка")));
    bot.say(ops, alice, "/status");
    t = bot.out.lastText();
    assertTrue(t.contains("provider error 42, a code this bot does not know (“новая ошибка”)"), t);
  }

  private static GatewayStatus failedWith(SmscError e) {
    return new GatewayStatus(
        null,
        e.getMessage(),
        TestBot.START.minusSeconds(60),
        2,
        0.5,
        1,
        0,
        4,
        0,
        4,
        "closed",
        null,
        null,
        3,
        List.of(),
        e);
  }

  @Test
  void statusSaysWhenTheWatcherIsOff() {
    bot.say(ops, alice, "/status");
    assertTrue(bot.out.lastText().contains("Not running"));
  }

  @Test
  void ownerCanResumeAfterCredentialsWereRejected() {
    bot.gateway.setStatus(
        new GatewayStatus(
            null,
            "error 2",
            TestBot.START,
            0,
            0,
            0,
            0,
            4,
            0,
            4,
            "closed",
            "SMSC rejected the credentials",
            null,
            3));
    bot.say(ops, alice, "/status");
    assertFalse(
        TestBot.hasButton(bot.out.last().reply(), "Resume"), "an admin gets no resume button");
    ChatRef own = TestBot.privateChat(OWNER);
    bot.say(own, user(OWNER), "/status");
    RecordingMessenger.Sent s = bot.out.last();
    assertTrue(s.text().contains("Provider calls are paused"), s.text());
    bot.press(own, user(OWNER), TestBot.button(s, "Resume"), s.messageId());
    assertEquals(1, bot.gateway.resumes);
  }

  // ---- errors

  // Why: an add whose answer was lost said "Try again in a minute" although the provider had
  // made it; the retry then met error 5.
  @Test
  void aChangeWhoseAnswerWasLostSaysItMayHaveBeenMade() {
    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "timeout", null, true));
    bot.say(ops, alice, "/add NEWNAME");
    assertTrue(
        bot.out.lastText().contains("It may have made the change all the same"),
        bot.out.lastText());

    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.CONNECTION, "refused", null));
    bot.say(ops, alice, "/add NEWNAME");
    assertTrue(bot.out.lastText().contains("Try again in a minute"), bot.out.lastText());
  }

  @Test
  void everyKindOfFailureIsExplainedAndNeverThrown() {
    bot.gateway.failNext(
        new GatewayRefusal(GatewayRefusal.Reason.BUDGET, Duration.ofSeconds(7), "budget"));
    bot.say(ops, alice, "/senders");
    assertTrue(bot.out.lastText().contains("Try again in 7 s"), bot.out.lastText());
    assertEquals("refused: budget", bot.lastAudit().outcome());

    bot.gateway.failNext(
        new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "timeout", null));
    bot.say(ops, alice, "/senders");
    assertTrue(bot.out.lastText().contains("did not answer in time"), bot.out.lastText());

    bot.gateway.failNext(new SmscError("get", 9, "duplicate request, wait a minute"));
    bot.say(ops, alice, "/senders");
    assertTrue(
        bot.out.lastText().contains("try again at 09:01 UTC (in 1 min)"), bot.out.lastText());

    bot.gateway.failNext(new IllegalStateException("secret-ish internals"));
    bot.say(ops, alice, "/senders");
    assertEquals("Something went wrong; it has been logged.", bot.out.lastText());
    assertEquals("failed: IllegalStateException", bot.lastAudit().outcome());
  }

  @Test
  void aFailingMessengerNeverEscapesTheCore() {
    Messenger broken =
        new Messenger() {
          @Override
          public int send(long chatId, Integer topicId, Reply reply) {
            throw new DeliveryException(
                DeliveryException.Kind.FORBIDDEN, "blocked", null, null, null);
          }

          @Override
          public void edit(long chatId, int messageId, Reply reply) {}

          @Override
          public boolean delete(long chatId, int messageId) {
            return false;
          }

          @Override
          public void answerCallback(String callbackId, String toast) {
            throw new IllegalStateException("down");
          }

          @Override
          public byte[] download(Attachment file, long maxBytes) {
            return new byte[0];
          }
        };
    bot.core.handle(new Incoming.Message(1, ops, alice, 1, "/id", null, null, false), broken);
    bot.core.handle(new Incoming.Callback(2, ops, alice, "c", 1, "whatever"), broken);
    assertEquals("failed: reply not delivered", bot.lastAudit().outcome());
  }

  @Test
  void aCommandWithoutReplyTextIsNeverEmpty() {
    bot.say(ops, alice, "/senders");
    assertTrue(bot.out.lastText().contains("No activated names"));
    assertNull(bot.out.lastAnswerOrNull());
  }

  static Map<String, Integer> none() {
    return Map.of();
  }
}
