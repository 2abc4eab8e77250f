package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.message.Attachment;
import org.junit.jupiter.api.Test;

class ParkedCodecTest {
  private final ParkedCodec codec = new ParkedCodec();

  // A parked update is handled from what was stored: every value the chat core reads must survive.
  @Test
  void aMessageWithFileReplyAndTopicComesBackAsItWent() {
    ChatRef chat = new ChatRef(-1_001_234, ChatRef.Type.SUPERGROUP, "Shop \"ops\" ✓", 42);
    Incoming.Message m =
        new Incoming.Message(
            900,
            chat,
            new UserRef(7, "ann", "Ann", "uk"), // her language decides the reply
            31,
            "/doc shop_demo",
            new Attachment("F1", "a.pdf", "application/pdf", 1234),
            new Incoming.ReplyTo(30, true, "📨 A confirmation code…", null),
            false);
    assertEquals(m, codec.decode(900, chat.id(), codec.encode(m)));

    Incoming.Message bare =
        new Incoming.Message(
            901, ChatRef.privateChat(7), new UserRef(7, null, null), 32, "1234", null, null, true);
    assertEquals(bare, codec.decode(901, 7, codec.encode(bare)));
  }

  @Test
  void aButtonPressComesBackAsItWent() {
    Incoming.Callback c =
        new Incoming.Callback(
            902,
            new ChatRef(-5, ChatRef.Type.GROUP, "g", null),
            new UserRef(8, "bob", null),
            "cb-1",
            44,
            "tok:abc");
    assertEquals(c, codec.decode(902, -5, codec.encode(c)));
  }

  // The group became a supergroup while the update waited: it is answered where the group is now.
  @Test
  void anUpdateFiledUnderAnotherChatSinceIsTheSupergroups() {
    Incoming.Message m =
        new Incoming.Message(
            903,
            new ChatRef(-5, ChatRef.Type.GROUP, "g", null),
            new UserRef(8, "bob", null),
            1,
            "/senders",
            null,
            null,
            false);
    Incoming back = codec.decode(903, -1_000_005, codec.encode(m));
    assertEquals(new ChatRef(-1_000_005, ChatRef.Type.SUPERGROUP, "g", null), back.chat());
    assertEquals("/senders", ((Incoming.Message) back).text());
  }

  @Test
  void anUnreadablePayloadIsRefusedNamingTheUpdate() {
    RuntimeException e =
        assertThrows(
            ParkedCodec.UnreadableException.class,
            () -> codec.decode(904, 1, "{\"kind\":\"sticker\",\"chat\":{\"type\":\"PRIVATE\"}}"));
    assertTrue(e.getMessage().contains("904"), e.getMessage());
    assertThrows(ParkedCodec.UnreadableException.class, () -> codec.decode(905, 1, "not json"));
  }
}
