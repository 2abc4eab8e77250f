package dev.sendersbot.chat;

import java.util.Objects;

/**
 * The chat an update came from.
 *
 * @param id Telegram chat id (negative for groups)
 * @param type private, group, supergroup or channel
 * @param title group title or the private chat's name; may be null
 * @param topicId forum topic (message_thread_id) replies must go to; null outside topics
 */
public record ChatRef(long id, Type type, String title, Integer topicId) {
  /** Telegram's chat types. */
  public enum Type {
    PRIVATE,
    GROUP,
    SUPERGROUP,
    CHANNEL
  }

  public ChatRef {
    Objects.requireNonNull(type, "type");
  }

  public boolean isGroup() {
    return type == Type.GROUP || type == Type.SUPERGROUP;
  }

  public static ChatRef privateChat(long id) {
    return new ChatRef(id, Type.PRIVATE, null, null);
  }
}
