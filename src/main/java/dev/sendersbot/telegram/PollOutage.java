package dev.sendersbot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The bot's own judgement of failed polls, in the log. TelegramBots logs each failed getUpdates at
 * ERROR (the log configuration's {@code LibraryPollErrors} keeps that line at DEBUG), which an
 * ordinary Telegram hiccup must not do. Here each failed poll is one WARN saying what failed, how
 * many polls in a row and when the next one comes; polling down for more than {@link #DOWN_ALERT},
 * or a Bot API that rejects the token, is one ERROR per outage; the first poll that works again
 * after failures is one INFO.
 *
 * <p>It stands in front of {@link PollBackOff} because the back-off is all the library tells about
 * each poll's outcome: {@link #nextBackOffMillis()} after a failure, {@link #reset()} after a
 * success. {@link PollWatch}, which sees the HTTP exchange, says what went wrong.
 */
final class PollOutage implements BackOff {
  /** Polling down for longer than this is an ERROR. */
  static final Duration DOWN_ALERT = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final BackOff backOff;
  private final Clock clock;
  // Guarded by this: the poll thread reports, close() stops.
  private String cause;
  private boolean rejected;
  private int failures;
  private Instant since;
  private boolean alarmed;
  private boolean stopped;

  PollOutage(BackOff backOff, Clock clock) {
    this.backOff = backOff;
    this.clock = clock;
  }

  /**
   * What the getUpdates under way failed with, already masked.
   *
   * @param tokenRejected the Bot API refused the token: no waiting makes that work
   */
  synchronized void failedWith(String cause, boolean tokenRejected) {
    this.cause = cause;
    this.rejected = tokenRejected;
  }

  /** Shutting down: a poll aborted on purpose is neither a failure nor a recovery. */
  synchronized void stop() {
    stopped = true;
  }

  @Override
  public long nextBackOffMillis() {
    long wait = backOff.nextBackOffMillis();
    failed(wait);
    return wait;
  }

  @Override
  public void reset() {
    backOff.reset();
    recovered();
  }

  private synchronized void failed(long wait) {
    String what =
        cause != null
            ? cause
            : "an answer TelegramBots could not use, or an error outside the HTTP exchange (its own"
                + " DEBUG line says which)";
    boolean tokenRejected = rejected;
    cause = null;
    rejected = false;
    if (stopped) {
      return;
    }
    Instant now = clock.instant();
    failures++;
    if (failures == 1) {
      since = now;
    }
    Duration down = Duration.between(since, now);
    if (!alarmed && tokenRejected) {
      alarmed = true;
      log.error(
          "getUpdates failed: {}. The bot receives no messages until the token is fixed"
              + " ({} in a row; next poll in {} ms)",
          what,
          failures,
          wait);
    } else if (!alarmed && down.compareTo(DOWN_ALERT) > 0) {
      alarmed = true;
      log.error(
          "getUpdates has failed for {} ({} in a row, the last: {}); the bot receives no"
              + " messages until the Bot API answers again. Next poll in {} ms",
          words(down),
          failures,
          what,
          wait);
    } else {
      log.warn("getUpdates failed: {} ({} in a row; next poll in {} ms)", what, failures, wait);
    }
  }

  private synchronized void recovered() {
    if (stopped || failures == 0) {
      return;
    }
    log.info(
        "getUpdates works again after {} failed {} over {}",
        failures,
        failures == 1 ? "poll" : "polls",
        words(Duration.between(since, clock.instant())));
    failures = 0;
    since = null;
    alarmed = false;
  }

  static String words(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return s / 3600 + " h " + s % 3600 / 60 + " min";
  }
}
