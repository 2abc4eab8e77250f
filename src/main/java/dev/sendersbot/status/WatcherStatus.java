package dev.sendersbot.status;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code /status} shows of the watcher.
 *
 * @param lastPoll when the last poll succeeded (every scope read); null if never
 * @param nextPoll when the next poll is due; null when the watcher is not running
 * @param lastError the last poll's error, said in the reader's words, naming the sub-client it
 *     concerns; null when the last poll succeeded
 * @param outboxDepth notifications not yet delivered
 * @param scopes each watched sub-client's own health, by login ({@code ""}: the account itself)
 * @param pendingByChat notifications not yet delivered, by chat
 */
public record WatcherStatus(
    Instant lastPoll,
    Instant nextPoll,
    Wording lastError,
    long outboxDepth,
    Map<String, ScopeHealth> scopes,
    Map<Long, Long> pendingByChat) {

  public WatcherStatus {
    scopes = Map.copyOf(scopes);
    pendingByChat = Map.copyOf(pendingByChat);
  }

  /** The account-wide figures only. */
  public WatcherStatus(Instant lastPoll, Instant nextPoll, Wording lastError, long outboxDepth) {
    this(lastPoll, nextPoll, lastError, outboxDepth, Map.of(), Map.of());
  }

  /**
   * One sub-client's part of the watching.
   *
   * @param lastRead when its names were last read; null if never
   * @param lastError why the last poll could not read them, in the reader's words, which name no
   *     other sub-client; null when it could
   */
  public record ScopeHealth(Instant lastRead, Wording lastError) {}

  /**
   * What a chat bound to {@code subClient} may see: when that sub-client's names were read and why
   * they could not be, and the notifications waiting for this chat. Nothing of another
   * sub-client's, nor the account's totals.
   */
  public WatcherStatus scopedTo(String subClient, long chatId) {
    ScopeHealth own = scopes.get(subClient);
    return new WatcherStatus(
        own == null ? null : own.lastRead(),
        nextPoll,
        own == null ? null : own.lastError(),
        pendingByChat.getOrDefault(chatId, 0L));
  }
}
