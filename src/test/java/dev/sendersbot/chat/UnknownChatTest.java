package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.ChatSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unknown chat learns its id and how to ask; the owners get one request an hour with buttons.
 */
class UnknownChatTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef stranger = user(9);
  final ChatRef strangers = new ChatRef(-4004, ChatRef.Type.GROUP, "Strangers <&> Co", null);

  @Test
  void unknownChatGetsOneAnswerPerTenMinutes() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(strangers, stranger, "/senders");
    bot.say(strangers, stranger, "/help");
    bot.say(strangers, stranger, "/start");
    bot.say(strangers, stranger, "/whatever@" + TestBot.BOT);
    bot.pressData(strangers, stranger, "forged", 1);
    ChatRef lonely = TestBot.privateChat(19);
    bot.say(lonely, user(19), "hello");
    bot.say(lonely, user(19), "/id");
    assertEquals(1, bot.out.to(strangers.id()).size(), "one answer in ten minutes");
    assertEquals(1, bot.out.to(19).size(), "one answer in ten minutes");
    assertEquals(0, bot.out.answered.size(), "a press in those ten minutes gets no answer either");
    assertEquals(0, bot.gateway.calls);
    assertEquals(0, bot.auditEntries().size(), "unknown chats are counted, not audited");
    assertEquals(
        List.of(
            "answered /senders",
            "dropped",
            "dropped",
            "dropped",
            "dropped",
            "answered ",
            "dropped"),
        bot.unknownChatEvents,
        "every dropped update is counted");
    assertEquals(2, bot.audit.unknownChats(TestBot.START).answered());

    bot.clock.advance(Duration.ofMinutes(9));
    bot.say(strangers, stranger, "/help");
    assertEquals(1, bot.out.to(strangers.id()).size());
    bot.clock.advance(Duration.ofMinutes(1));
    bot.pressData(strangers, stranger, "forged", 1);
    assertEquals(1, bot.out.answered.size(), "ten minutes on, the next one is answered");
    bot.say(strangers, stranger, "/help");
    assertEquals(1, bot.out.to(strangers.id()).size());

    // A chat granted meanwhile is answered at once: the window is for unknown chats only.
    bot.chats.grant(
        new ChatGrant(strangers.id(), Role.VIEWER, null, null, OWNER, bot.clock.instant()));
    bot.say(strangers, stranger, "/senders");
    assertTrue(bot.out.lastText().contains("shop"), bot.out.lastText());
  }

  @Test
  void deniesUnknownChatWithoutCallingProvider() {
    bot.gateway.seed(null, "secretname", 1);
    bot.say(strangers, stranger, "/senders");
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/sender secretname");
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/add evil");
    assertEquals(0, bot.gateway.calls);
    List<RecordingMessenger.Sent> answers = bot.out.to(strangers.id());
    assertEquals(3, answers.size(), "one short answer per command, ten minutes apart");
    for (RecordingMessenger.Sent s : answers) {
      assertTrue(s.text().contains("Chat id: -4004"), s.text());
      assertTrue(s.text().contains("/allow -4004 viewer"), s.text());
      assertFalse(s.text().contains("secretname"));
    }
    assertEquals(List.of(), bot.auditEntries(), "counted, not audited");
    assertEquals(3, bot.audit.unknownChats(TestBot.START).answered());
    assertEquals(List.of(), bot.out.rejected, "the odd title is escaped");
  }

  @Test
  void ownersAreAskedAtMostOnceAnHourPerChat() {
    bot.say(strangers, stranger, "/senders");
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/senders");
    assertEquals(1, bot.out.to(OWNER).size());
    RecordingMessenger.Sent req = bot.out.to(OWNER).get(0);
    assertTrue(req.text().contains("Access request"), req.text());
    assertTrue(req.text().contains("Strangers <&> Co"), req.text());
    assertTrue(req.text().contains("@user9"), req.text());
    assertTrue(
        bot.out
            .to(strangers.id())
            .get(0)
            .text()
            .contains("owners have been sent an access request"));
    assertFalse(bot.out.to(strangers.id()).get(1).text().contains("owners have been sent"));
    bot.clock.advance(Duration.ofMinutes(51));
    bot.say(strangers, stranger, "/senders");
    assertEquals(2, bot.out.to(OWNER).size());
  }

  @Test
  void aFloodOfUnknownChatsReachesTheOwnersTwentyTimesAnHourAtMost() {
    for (int i = 0; i < 100; i++) {
      bot.say(TestBot.group(-90_000 - i), stranger, "/start");
    }
    assertEquals(UnknownChatGate.OWNER_REQUESTS_PER_HOUR, bot.out.to(OWNER).size());
    assertEquals(
        100,
        bot.out.sent.stream().filter(s -> s.text().contains("Chat id: -9")).count(),
        "every chat still learns its id");
    bot.clock.advance(Duration.ofHours(1));
    bot.say(TestBot.group(-91_000), stranger, "/start");
    assertEquals(UnknownChatGate.OWNER_REQUESTS_PER_HOUR + 1, bot.out.to(OWNER).size());
  }

  @Test
  void everyOwnerGetsTheRequestAndAnUnreachableOneDoesNotStopTheOthers() {
    ChatCore core =
        new ChatCore(
            new ChatCore.Deps(
                bot.gateway,
                new AccessPolicy(Set.of(OWNER, 101L, 102L), bot.chats),
                bot.chats,
                bot.audit,
                bot.requests,
                bot.pending,
                bot.buttons,
                bot.comments,
                bot.subs,
                () -> null,
                bot.clock,
                TestBot.BOT,
                new dev.sendersbot.store.SqliteChatAlerts(bot.db, bot.clock),
                ChatSettings.NONE));
    Messenger failingForOne =
        new Messenger() {
          @Override
          public int send(long chatId, Integer topicId, Reply reply) {
            if (chatId == 101L) {
              throw new DeliveryException(
                  DeliveryException.Kind.FORBIDDEN, "blocked", null, null, null);
            }
            return bot.out.send(chatId, topicId, reply);
          }

          @Override
          public void edit(long chatId, int messageId, Reply reply) {}

          @Override
          public boolean delete(long chatId, int messageId) {
            return true;
          }

          @Override
          public void answerCallback(String callbackId, String toast) {}

          @Override
          public byte[] download(Attachment file, long maxBytes) {
            return new byte[0];
          }
        };
    core.handle(
        new Incoming.Message(1, strangers, stranger, 1, "/start", null, null, false),
        failingForOne);
    assertEquals(1, bot.out.to(OWNER).size());
    assertEquals(1, bot.out.to(102L).size());
    assertTrue(bot.out.to(strangers.id()).get(0).text().contains("Chat id: -4004"));
  }

  @Test
  void anOwnerGrantsFromTheRequestAndTheChatIsTold() {
    bot.say(strangers, stranger, "/senders");
    RecordingMessenger.Sent req = bot.out.to(OWNER).get(0);
    bot.press(
        TestBot.privateChat(OWNER),
        user(OWNER),
        TestBot.button(req, "Grant operator"),
        req.messageId());
    assertEquals(Role.OPERATOR, bot.chats.find(strangers.id()).orElseThrow().role());
    assertEquals("Strangers <&> Co", bot.chats.find(strangers.id()).orElseThrow().title());
    assertTrue(bot.out.lastEdit().text().contains("may now use the bot as operator"));
    assertTrue(
        bot.out
            .to(strangers.id())
            .get(bot.out.to(strangers.id()).size() - 1)
            .text()
            .contains("operator"));
    assertEquals("allow", bot.lastAudit().command());
    bot.gateway.seed(null, "shop", 1);
    bot.say(strangers, stranger, "/senders");
    assertTrue(bot.out.lastText().contains("shop"));
  }

  // Why: a request's buttons live a week; pressed after the chat was granted otherwise (here bound
  // to a sub-client), "Grant viewer" overwrote that grant, unbinding the chat to the whole account.
  @Test
  void aRequestPressedAfterTheChatWasGrantedOtherwiseChangesNothing() {
    bot.say(strangers, stranger, "/senders");
    RecordingMessenger.Sent req = bot.out.to(OWNER).get(0);
    ChatRef owners = TestBot.privateChat(OWNER);
    bot.say(owners, user(OWNER), "/allow -4004 operator acme");

    bot.press(owners, user(OWNER), TestBot.button(req, "Grant viewer"), req.messageId());
    var grant = bot.chats.find(strangers.id()).orElseThrow();
    assertEquals(Role.OPERATOR, grant.role());
    assertEquals("acme", grant.subClient());
    String said = bot.out.lastEdit().text();
    assertTrue(said.contains("given access after this request") && said.contains("acme"), said);
    assertTrue(bot.lastAudit().outcome().startsWith("refused"), bot.lastAudit().outcome());
  }

  @Test
  void ignoringARequestLeavesTheChatUnknown() {
    bot.say(strangers, stranger, "/help");
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/start");
    RecordingMessenger.Sent req = bot.out.to(OWNER).get(0);
    bot.press(
        TestBot.privateChat(OWNER), user(OWNER), TestBot.button(req, "Ignore"), req.messageId());
    assertTrue(bot.out.lastEdit().text().contains("ignored"));
    assertTrue(bot.chats.find(strangers.id()).isEmpty());
    bot.press(
        TestBot.privateChat(OWNER), user(OWNER), TestBot.button(req, "Ignore"), req.messageId());
    assertEquals("This button has expired.", bot.out.lastAnswer().toast());
  }

  @Test
  void startHelpAndIdWorkForAnyone() {
    bot.say(strangers, stranger, "/id");
    assertTrue(bot.out.lastText().contains("Your user id: 9"));
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/help");
    String help = bot.out.lastText();
    assertTrue(help.contains("Chat id: -4004"), help);
    assertTrue(help.contains("/id"), help);
    assertFalse(help.contains("/senders"), help);
    bot.clock.advance(UnknownChatGate.WINDOW);
    bot.say(strangers, stranger, "/start");
    assertTrue(bot.out.lastText().contains("access request"), bot.out.lastText());
    assertEquals(0, bot.gateway.calls);
    assertEquals(List.of(), bot.auditEntries(), "an unknown chat is counted, not audited");
  }

  @Test
  void anUnknownPrivateChatTypingAnUnknownCommandLearnsItsId() {
    bot.say(TestBot.privateChat(9), stranger, "/whatever");
    assertTrue(bot.out.lastText().contains("Chat id: 9"));
  }
}
