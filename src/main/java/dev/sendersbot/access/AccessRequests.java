package dev.sendersbot.access;

import java.time.Instant;

/** Remembers when an unknown chat last asked for access, so owners are not flooded. */
public interface AccessRequests {

  /**
   * Records a request from the chat at {@code now}; true when the owners should be told (no request
   * from this chat was told within the last hour).
   */
  boolean shouldNotify(long chatId, Instant now);
}
