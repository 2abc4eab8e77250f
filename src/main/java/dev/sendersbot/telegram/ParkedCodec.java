package dev.sendersbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.message.Attachment;

/**
 * An {@link Incoming} as the backlog stores it: JSON with a field per value the chat core reads,
 * written out by hand so that the stored form changes only when this class does. It holds what a
 * user typed (a confirmation code, say) for as long as the update waits; the row goes once the
 * update has been handled.
 */
final class ParkedCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stored payload that cannot be read back. */
  static final class UnreadableException extends RuntimeException {
    UnreadableException(long updateId, String why) {
      super("parked update " + updateId + " cannot be read: " + why);
    }
  }

  String encode(Incoming in) {
    ObjectNode o = JSON.createObjectNode();
    o.put("update_id", in.updateId());
    ChatRef c = in.chat();
    o.putObject("chat")
        .put("id", c.id())
        .put("type", c.type().name())
        .put("title", c.title())
        .put("topic", c.topicId());
    UserRef u = in.user();
    o.putObject("user")
        .put("id", u.id())
        .put("username", u.username())
        .put("first_name", u.firstName())
        .put("language_code", u.languageCode());
    if (in instanceof Incoming.Message m) {
      o.put("kind", "message")
          .put("message_id", m.messageId())
          .put("text", m.text())
          .put("edited", m.edited());
      file(o, "file", m.file());
      if (m.replyTo() != null) {
        ObjectNode r =
            o.putObject("reply_to")
                .put("message_id", m.replyTo().messageId())
                .put("from_bot", m.replyTo().fromBot())
                .put("text", m.replyTo().text());
        file(r, "file", m.replyTo().file());
      }
    } else if (in instanceof Incoming.Callback b) {
      o.put("kind", "callback")
          .put("callback_id", b.callbackId())
          .put("message_id", b.messageId())
          .put("data", b.data());
    }
    return o.toString();
  }

  /**
   * @param chatId the chat the row is filed under now: a group that became a supergroup since the
   *     update was parked gets the new id (and type)
   */
  Incoming decode(long updateId, long chatId, String payload) {
    JsonNode o;
    try {
      o = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new UnreadableException(updateId, "not JSON");
    }
    JsonNode c = o.path("chat");
    ChatRef.Type type;
    try {
      type = ChatRef.Type.valueOf(c.path("type").asText());
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(updateId, "chat type '" + c.path("type").asText() + "'");
    }
    ChatRef chat =
        chatId == c.path("id").asLong()
            ? new ChatRef(chatId, type, text(c, "title"), integer(c, "topic"))
            : new ChatRef(chatId, ChatRef.Type.SUPERGROUP, text(c, "title"), null);
    JsonNode u = o.path("user");
    UserRef user =
        new UserRef(
            u.path("id").asLong(),
            text(u, "username"),
            text(u, "first_name"),
            text(u, "language_code"));
    int messageId = o.path("message_id").asInt();
    return switch (o.path("kind").asText()) {
      case "message" ->
          new Incoming.Message(
              updateId,
              chat,
              user,
              messageId,
              text(o, "text"),
              file(o.get("file")),
              replyTo(o.get("reply_to")),
              o.path("edited").asBoolean());
      case "callback" ->
          new Incoming.Callback(
              updateId, chat, user, text(o, "callback_id"), messageId, text(o, "data"));
      default -> throw new UnreadableException(updateId, "kind '" + o.path("kind").asText() + "'");
    };
  }

  private static Incoming.ReplyTo replyTo(JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    return new Incoming.ReplyTo(
        r.path("message_id").asInt(),
        r.path("from_bot").asBoolean(),
        text(r, "text"),
        file(r.get("file")));
  }

  private static void file(ObjectNode o, String name, Attachment a) {
    if (a != null) {
      o.putObject(name)
          .put("id", a.fileId())
          .put("name", a.fileName())
          .put("mime_type", a.mimeType())
          .put("size", a.size());
    }
  }

  private static Attachment file(JsonNode f) {
    if (f == null || f.isNull() || text(f, "id") == null) {
      return null;
    }
    return new Attachment(
        text(f, "id"), text(f, "name"), text(f, "mime_type"), f.path("size").asLong());
  }

  private static String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Integer integer(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : v.asInt();
  }
}
