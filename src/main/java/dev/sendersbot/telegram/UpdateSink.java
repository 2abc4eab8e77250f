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
   * A group became a supergroup: everything stored under the old chat id now belongs to the new.
   */
  void chatMigrated(long oldChatId, long newChatId);
}
