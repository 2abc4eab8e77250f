package dev.sendersbot.telegram;

import dev.sendersbot.chat.Incoming;

/**
 * Where the transport hands what it received. Called on the polling thread, one update at a time,
 * in update order; the update counts as handled when the call returns (or throws).
 */
public interface UpdateSink {

  /** A message, an edited message or a pressed button. */
  void handle(Incoming in);

  /**
   * A group became a supergroup: everything stored under the old chat id now belongs to the new.
   */
  void chatMigrated(long oldChatId, long newChatId);
}
