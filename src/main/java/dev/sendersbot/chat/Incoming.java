package dev.sendersbot.chat;

import dev.sendersbot.message.Attachment;
import java.util.Objects;

/** One thing a chat sent the bot, free of any transport type. */
public sealed interface Incoming permits Incoming.Message, Incoming.Callback {

  /** The transport's sequence number (Telegram update_id); 0 where there is none. */
  long updateId();

  ChatRef chat();

  UserRef user();

  /**
   * A text message, a file with a caption, or a reply.
   *
   * @param messageId the message's id in its chat
   * @param text the text or caption; may be empty, never null
   * @param file an attached document or photo; may be null
   * @param replyTo the message this one answers; may be null
   * @param edited true for an edited message
   */
  record Message(
      long updateId,
      ChatRef chat,
      UserRef user,
      int messageId,
      String text,
      Attachment file,
      ReplyTo replyTo,
      boolean edited)
      implements Incoming {
    public Message {
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(user, "user");
      text = text == null ? "" : text;
    }
  }

  /**
   * The message being replied to.
   *
   * @param messageId its id
   * @param fromBot whether the bot wrote it (answers to a ForceReply prompt)
   * @param text its text or caption; may be empty
   * @param file its attached file; may be null
   */
  record ReplyTo(int messageId, boolean fromBot, String text, Attachment file) {
    public ReplyTo {
      text = text == null ? "" : text;
    }
  }

  /**
   * A pressed inline button.
   *
   * @param callbackId to answer the press
   * @param messageId the message that holds the button
   * @param data the button's callback data (at most 64 bytes; may be forged)
   */
  record Callback(
      long updateId, ChatRef chat, UserRef user, String callbackId, int messageId, String data)
      implements Incoming {
    public Callback {
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(user, "user");
      data = data == null ? "" : data;
    }
  }
}
