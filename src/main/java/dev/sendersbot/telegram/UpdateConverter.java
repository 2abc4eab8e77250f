package dev.sendersbot.telegram;

import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.message.Attachment;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/** Turns a TelegramBots {@link Update} into what the chat core understands. */
final class UpdateConverter {

  /** What to do with one update. */
  sealed interface Converted permits Deliver, Migrate, Skip {}

  record Deliver(Incoming incoming) implements Converted {}

  record Migrate(long oldChatId, long newChatId) implements Converted {}

  record Skip(String why) implements Converted {}

  private final long botId;

  /**
   * @param botId the bot's own user id (0 when unknown: then any bot counts as us)
   */
  UpdateConverter(long botId) {
    this.botId = botId;
  }

  /** The bot's id is the token's numeric prefix ({@code 123456:ABC…}); 0 when it has none. */
  static long botIdFromToken(String token) {
    int colon = token.indexOf(':');
    if (colon <= 0) {
      return 0;
    }
    try {
      return Long.parseLong(token.substring(0, colon));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  Converted convert(Update u) {
    long id = u.getUpdateId() == null ? 0 : u.getUpdateId();
    if (u.getMessage() != null) {
      return message(id, u.getMessage(), false);
    }
    if (u.getEditedMessage() != null) {
      return message(id, u.getEditedMessage(), true);
    }
    if (u.getCallbackQuery() != null) {
      return callback(id, u.getCallbackQuery());
    }
    if (u.getMyChatMember() != null) {
      return new Skip("my_chat_member");
    }
    return new Skip("unsupported update type");
  }

  private Converted message(long updateId, Message m, boolean edited) {
    if (m.getMigrateToChatId() != null && m.getChat() != null) {
      return new Migrate(m.getChat().getId(), m.getMigrateToChatId());
    }
    if (m.getMigrateFromChatId() != null) {
      // The twin of the migrate_to_chat_id message, seen in the new supergroup.
      return new Skip("migrate_from_chat_id");
    }
    if (m.getChat() == null) {
      return new Skip("message without chat");
    }
    if (m.getFrom() == null) {
      return new Skip("message without sender");
    }
    ChatRef.Type type = chatType(m.getChat());
    if (type == null) {
      return new Skip("unknown chat type " + m.getChat().getType());
    }
    ChatRef chat = chat(m.getChat(), type, m.isTopicMessage() ? m.getMessageThreadId() : null);
    Incoming.ReplyTo replyTo = null;
    Message r = m.getReplyToMessage();
    // Inside a forum topic every message "replies" to the topic's creation message.
    if (r != null && r.getForumTopicCreated() == null) {
      replyTo =
          new Incoming.ReplyTo(
              r.getMessageId() == null ? 0 : r.getMessageId(),
              fromBot(r.getFrom()),
              textOf(r),
              fileOf(r));
    }
    return new Deliver(
        new Incoming.Message(
            updateId,
            chat,
            user(m.getFrom(), m.getSenderChat() != null),
            m.getMessageId() == null ? 0 : m.getMessageId(),
            textOf(m),
            fileOf(m),
            replyTo,
            edited));
  }

  private Converted callback(long updateId, CallbackQuery q) {
    MaybeInaccessibleMessage held = q.getMessage();
    if (held == null || held.getChat() == null) {
      return new Skip("callback without a message (inline mode)");
    }
    if (q.getFrom() == null) {
      return new Skip("callback without sender");
    }
    ChatRef.Type type = chatType(held.getChat());
    if (type == null) {
      return new Skip("unknown chat type " + held.getChat().getType());
    }
    Integer topic = held instanceof Message m && m.isTopicMessage() ? m.getMessageThreadId() : null;
    return new Deliver(
        new Incoming.Callback(
            updateId,
            chat(held.getChat(), type, topic),
            user(q.getFrom()),
            q.getId(),
            held.getMessageId() == null ? 0 : held.getMessageId(),
            q.getData()));
  }

  private boolean fromBot(User from) {
    if (from == null) {
      return false;
    }
    return botId != 0
        ? from.getId() != null && from.getId() == botId
        : Boolean.TRUE.equals(from.getIsBot());
  }

  private static String textOf(Message m) {
    return m.getText() != null ? m.getText() : m.getCaption() != null ? m.getCaption() : "";
  }

  private static Attachment fileOf(Message m) {
    Document d = m.getDocument();
    if (d != null && d.getFileId() != null) {
      return new Attachment(
          d.getFileId(),
          d.getFileName(),
          d.getMimeType(),
          d.getFileSize() == null ? 0 : d.getFileSize());
    }
    List<PhotoSize> photos = m.getPhoto();
    if (photos != null && !photos.isEmpty()) {
      PhotoSize largest =
          photos.stream()
              .filter(p -> p.getFileId() != null)
              .max(Comparator.comparingLong(UpdateConverter::photoWeight))
              .orElse(null);
      if (largest != null) {
        return new Attachment(
            largest.getFileId(),
            null,
            "image/jpeg",
            largest.getFileSize() == null ? 0 : largest.getFileSize());
      }
    }
    return null;
  }

  private static long photoWeight(PhotoSize p) {
    if (p.getFileSize() != null) {
      return p.getFileSize();
    }
    return (long) (p.getWidth() == null ? 0 : p.getWidth())
        * (p.getHeight() == null ? 0 : p.getHeight());
  }

  private static ChatRef.Type chatType(Chat c) {
    if (c.getType() == null) {
      return null;
    }
    return switch (c.getType().toLowerCase(Locale.ROOT)) {
      case "private" -> ChatRef.Type.PRIVATE;
      case "group" -> ChatRef.Type.GROUP;
      case "supergroup" -> ChatRef.Type.SUPERGROUP;
      case "channel" -> ChatRef.Type.CHANNEL;
      default -> null;
    };
  }

  private static ChatRef chat(Chat c, ChatRef.Type type, Integer topic) {
    String title = c.getTitle();
    if (title == null && type == ChatRef.Type.PRIVATE) {
      String name =
          ((c.getFirstName() == null ? "" : c.getFirstName())
                  + " "
                  + (c.getLastName() == null ? "" : c.getLastName()))
              .strip();
      title = !name.isEmpty() ? name : c.getUserName();
    }
    return new ChatRef(c.getId(), type, title, topic);
  }

  /** A button's presser is always the person: Telegram names them even to anonymous admins. */
  private static UserRef user(User u) {
    return user(u, false);
  }

  /**
   * @param onBehalfOfChat the message has a {@code sender_chat}: {@code from} is then Telegram's
   *     stand-in for whoever writes as that chat
   */
  private static UserRef user(User u, boolean onBehalfOfChat) {
    return new UserRef(
        u.getId() == null ? 0 : u.getId(),
        u.getUserName(),
        u.getFirstName(),
        u.getLanguageCode(),
        onBehalfOfChat);
  }
}
