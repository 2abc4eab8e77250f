package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams: access granted from the chat, commands addressed to bots by name, forum topics, codes. */
class GroupsEndToEndTest {
  static final long TEAM = -1001234500002L;
  static final long ALICE = 7;

  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir);
    rig.sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2));
    rig.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void anOwnerGrantsAGroupWhichThenAnswersCommandsForThisBotAndIgnoresOtherBots() {
    String granted = visible(rig.say(OWNER, OWNER, "/allow " + TEAM + " viewer"));
    assertTrue(granted.contains("Chat " + TEAM) && granted.contains("viewer"), granted);
    List<FakeBotApi.Sent> told = rig.awaitMessages(TEAM, 1);
    assertTrue(
        visible(told.get(0)).contains("viewer"), "the group is told: " + visible(told.get(0)));

    String list =
        visible(rig.say(TEAM, ALICE, "/SENDERS@" + FakeBotApi.BOT_USERNAME.toUpperCase()));
    assertTrue(list.contains("SHOP24 — allowed"), list);

    // Another bot's command, then ours: the updates are handled in order, so once ours is answered
    // the other was handled too, and left alone.
    rig.telegram.enqueueText(TEAM, ALICE, "/senders@OtherBot");
    rig.telegram.enqueueText(TEAM, ALICE, "/frobnicate");
    String id = visible(rig.say(TEAM, ALICE, "/id@" + FakeBotApi.BOT_USERNAME));
    assertTrue(id.contains("Chat id: " + TEAM), id);
    assertEquals(3, rig.telegram.sentTo(TEAM).size(), "the grant notice, the list and /id only");
    long otherBot =
        rig.bot().stores().audit().recent(10).stream()
            .filter(e -> e.chatId() == TEAM && e.command().equals("senders"))
            .count();
    assertEquals(1, otherBot, "another bot's /senders was not even audited");
  }

  @Test
  void repliesGoToTheForumTopicTheCommandCameFrom() {
    rig.grant(TEAM, Role.VIEWER);
    FakeBotApi.Sent inTopic =
        rig.say(
            TEAM,
            FakeBotApi.Msg.text(TEAM, ALICE, "/senders").chat("supergroup", "Forum").topic(42));
    assertEquals(42, inTopic.threadId());
    assertTrue(visible(inTopic).contains("SHOP24"), visible(inTopic));

    FakeBotApi.Sent general = rig.say(TEAM, ALICE, "/id");
    assertNull(general.threadId(), "a message outside topics gets its reply outside topics");
    FakeBotApi.Sent other =
        rig.say(
            TEAM, FakeBotApi.Msg.text(TEAM, ALICE, "/id").chat("supergroup", "Forum").topic(77));
    assertEquals(77, other.threadId());
    assertTrue(visible(other).contains("Topic id: 77"), visible(other));
  }

  @Test
  void aCodeTypedInReplyToTheForceReplyPromptConfirmsAndItsMessageIsDeleted() {
    rig.grant(TEAM, Role.OPERATOR);
    String phone = "79990004455";
    FakeBotApi.Sent prompt = rig.say(TEAM, ALICE, "/sendcode " + phone);
    assertTrue(prompt.forceReply(), "asks with a ForceReply");
    assertTrue(prompt.selective(), "only of the person who asked, in a group");
    String code = rig.sandbox.lastCode(phone).orElseThrow().code();

    FakeBotApi.Sent done =
        rig.say(
            TEAM, FakeBotApi.Msg.text(TEAM, ALICE, code).replyTo(prompt.messageId(), true, null));
    assertTrue(visible(done).contains(phone + " is confirmed"), visible(done));
    assertTrue(rig.requests("check_code").get(0).ok());

    List<FakeBotApi.Call> deletes = rig.telegram.calls("deleteMessage");
    assertEquals(1, deletes.size(), "the message holding the code is deleted");
    assertEquals(TEAM, deletes.get(0).number("chat_id"));
    long deleted = deletes.get(0).number("message_id");
    assertTrue(
        deleted > prompt.messageId() && deleted < done.messageId(),
        "the user's answer, between the prompt and the confirmation: " + deleted);
    assertFalse(
        rig.telegram.sentTo(TEAM).stream().anyMatch(s -> s.messageId() == deleted),
        "none of the bot's own messages");
  }
}
