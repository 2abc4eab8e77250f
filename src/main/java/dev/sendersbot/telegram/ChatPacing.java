package dev.sendersbot.telegram;

import java.time.Duration;

/**
 * How long until the bot may next send to a chat by Telegram's per-chat and per-group limits. The
 * transport asks before it hands a chat's update to a worker, so that a chat waiting for its slot
 * waits without holding a worker or the offset ({@link TelegramTransport}).
 */
@FunctionalInterface
public interface ChatPacing {
  /** Never a wait: for a sender that keeps no limits. */
  ChatPacing NONE = chatId -> Duration.ZERO;

  /** Zero when a reply could go now; never negative. */
  Duration untilFree(long chatId);

  /**
   * As {@link #untilFree}, and an update of the chat is waiting to be handled: the sender keeps the
   * chat's next slot for its reply rather than for messages sent for other chats' sake.
   */
  default Duration claim(long chatId) {
    return untilFree(chatId);
  }
}
