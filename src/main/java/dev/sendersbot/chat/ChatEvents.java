package dev.sendersbot.chat;

/**
 * Told what the core does with unknown chats, for metrics (an unknown chat leaves no audit entry),
 * and when a chat chose its language, for what outside the core speaks it (the command menus).
 * Called on the thread handling the update: an implementation must be quick and must not throw.
 */
public interface ChatEvents {
  ChatEvents NONE = new ChatEvents() {};

  /**
   * An unknown chat got its one answer of the window.
   *
   * @param command the command without '/', or null for a press, plain text or a command the bot
   *     does not know
   * @param decision {@code allowed} or {@code denied: unknown chat}
   * @param outcome as an audit entry's outcome
   */
  default void unknownChatAnswered(String command, String decision, String outcome) {}

  /** A message or press of an unknown chat went unanswered: it had its answer of the window. */
  default void unknownChatDropped() {}

  /** A chat chose its language with {@code /lang} (or went back to automatic). */
  default void chatLanguageChanged(long chatId) {}
}
