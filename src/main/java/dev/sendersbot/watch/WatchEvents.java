package dev.sendersbot.watch;

import java.time.Duration;

/**
 * Told what the watcher does, for metrics. Called on the watcher's threads: an implementation must
 * be quick and must not throw.
 */
public interface WatchEvents {

  /** Tells nothing. */
  WatchEvents NONE = new WatchEvents() {};

  /**
   * A poll ended.
   *
   * @param took how long it took, provider calls and the database write included
   * @param ok whether every watched scope was read
   */
  default void pollFinished(Duration took, boolean ok) {}

  /** Telegram accepted one notification message. */
  default void notificationSent() {}

  /**
   * A notification message was not delivered this time.
   *
   * @param kind {@code blocked} (403: the chat's subscriptions were paused), {@code rejected}
   *     (another 4xx: dropped), {@code rate_limited} (429: waited or held), {@code retrying} (5xx
   *     or network: held with back-off), {@code given_up} (still failing after a day: dropped)
   */
  default void notificationFailed(String kind) {}

  /**
   * One queued notification was dropped unsent because, by the time it was to go, its chat could no
   * longer have it. Counted as a failed notification of that kind unless overridden.
   *
   * @param kind {@code access_revoked} (the chat has no access), {@code access_changed} (its access
   *     changed after the row was queued), {@code not_owner} (a notice about the bot for a chat
   *     that is not an owner's)
   */
  default void notificationDropped(String kind) {
    notificationFailed(kind);
  }
}
