package dev.sendersbot.watch;

import java.time.Instant;

/**
 * What {@code /status} shows of the watcher.
 *
 * @param lastPoll when the last poll succeeded; null if never
 * @param nextPoll when the next poll is due; null when the watcher is not running
 * @param lastError the last poll's error in words; null when the last poll succeeded
 * @param outboxDepth notifications not yet delivered
 */
public record WatcherStatus(Instant lastPoll, Instant nextPoll, String lastError, long outboxDepth) {}
