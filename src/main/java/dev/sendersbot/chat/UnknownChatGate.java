package dev.sendersbot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much an unknown chat gets: at most one answer per {@link #WINDOW}; the rest are dropped
 * before any work (no reply, no provider call, no database write) and only counted. The answered
 * ones are counted per chat and hour in the audit log.
 *
 * <p>Kept in memory, bounded to {@link #MAX_CHATS} chats. A restart forgets it, so a stranger may
 * get one more answer right after one; and when more than that many unknown chats write within the
 * window, the longest-quiet ones are forgotten first and may get a second answer early. Both are
 * cheap, bounded, and kept in check by Telegram's own sending limits.
 *
 * <p>It also caps the access requests sent to the owners at {@link #OWNER_REQUESTS_PER_HOUR} an
 * hour over all chats (on top of one an hour per chat), so a flood of strangers cannot flood the
 * owners or the database with requests and their buttons.
 */
final class UnknownChatGate {
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final long MAX_CHATS = 50_000;
  static final int OWNER_REQUESTS_PER_HOUR = 20;
  private static final String DENIED = "denied: unknown chat";
  private static final Logger log = LoggerFactory.getLogger(UnknownChatGate.class);

  private final Cache<Long, Boolean> answered;
  private final Env env;
  private final ChatEvents events;
  private Instant requestHour = Instant.EPOCH; // guarded by this
  private int requestsThisHour; // guarded by this

  UnknownChatGate(Env env, Clock clock, ChatEvents events) {
    this.env = env;
    this.events = events;
    // The window runs on the bot's clock, so tests move it and no test waits ten minutes.
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.answered =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(WINDOW)
            .maximumSize(MAX_CHATS)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Whether the unknown chat may be answered now; true takes its answer of the window and counts it
   * in the audit log, false counts a drop.
   */
  boolean admit(long chatId) {
    if (answered.asMap().putIfAbsent(chatId, Boolean.TRUE) != null) {
      events.unknownChatDropped();
      return false;
    }
    try {
      env.deps.audit().countUnknownChat(chatId, env.now());
    } catch (RuntimeException e) {
      // The count is bookkeeping: the chat still learns its id.
      log.warn("could not count a command of unknown chat {}: {}", chatId, e.toString());
    }
    return true;
  }

  /** Tells the events that an admitted unknown chat was answered. */
  void answered(String command, String decision, String outcome) {
    events.unknownChatAnswered(command, decision, outcome);
  }

  /**
   * Refuses an unknown chat with {@code answer} when its window allows. An answer that cannot be
   * delivered is logged, never followed by another message: that would be a second answer.
   *
   * @param command the command, or null for a press, plain text or a command the bot does not know
   */
  void refuse(long chatId, String command, Runnable answer) {
    if (!admit(chatId)) {
      return;
    }
    try {
      answer.run();
    } catch (RuntimeException e) {
      log.warn("unknown chat {}: could not answer: {}", chatId, e.toString());
    }
    answered(command, DENIED, Outcome.refused("access denied"));
  }

  /** Takes one of this hour's access requests to the owners; false when they are used up. */
  synchronized boolean takeOwnerRequest() {
    Instant hour = env.now().truncatedTo(ChronoUnit.HOURS);
    if (!hour.equals(requestHour)) {
      requestHour = hour;
      requestsThisHour = 0;
    }
    if (requestsThisHour >= OWNER_REQUESTS_PER_HOUR) {
      return false;
    }
    requestsThisHour++;
    return true;
  }

  /** Gives back a request taken for a chat whose owners were asked within the hour already. */
  synchronized void returnOwnerRequest() {
    if (requestsThisHour > 0) {
      requestsThisHour--;
    }
  }
}
