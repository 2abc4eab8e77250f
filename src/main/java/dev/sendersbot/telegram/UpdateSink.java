package dev.sendersbot.telegram;

import dev.sendersbot.chat.Incoming;

/**
 * Where the transport hands what it received. Called on the transport's worker threads: the updates
 * of one chat one at a time, in update order; those of different chats concurrently, so an
 * implementation must be thread-safe. A migration is called alone, after every earlier update has
 * returned and before any later one starts. An update counts as handled when the call returns (or
 * throws).
 */
public interface UpdateSink {

  /** A message, an edited message or a pressed button. */
  void handle(Incoming in);

  /**
   * The same, for an update that arrived from Telegram at {@code arrivedNanos} ({@link
   * System#nanoTime()}) and was not parked on the way: the time from its arrival to the reply is
   * the latency a user sees of the bot.
   */
  default void handle(Incoming in, long arrivedNanos) {
    handle(in);
  }

  /**
   * A group became a supergroup: everything stored under the old chat id now belongs to the new.
   */
  void chatMigrated(long oldChatId, long newChatId);
}
