package dev.sendersbot.telegram;

import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import dev.sendersbot.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messenger's retries ({@link TelegramMessenger}): waits for the chat's slot before a send,
 * retries a 429 after its retry_after and 5xx and network errors with back-off, a bounded number of
 * times, and counts what happened.
 */
final class Retries {
  private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

  /** One call to the Bot API. */
  @FunctionalInterface
  interface Attempt<T> {
    T run();
  }

  private final TelegramMessenger.Options options;
  private final SendLimiter limiter;
  private final Sleeper sleeper;
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  Retries(TelegramMessenger.Options options, SendLimiter limiter, Sleeper sleeper) {
    this.options = options;
    this.limiter = limiter;
    this.sleeper = sleeper;
  }

  /**
   * The longest wait Telegram asks for (429) that a queued message waits out in place; a longer one
   * is thrown to its queue at once, which holds only that chat (the outbox), rather than keep the
   * queue's one thread from every other chat.
   */
  static final Duration QUEUED_INLINE_WAIT = Duration.ofSeconds(2);

  /**
   * @param limitChat the chat a send goes to, kept within its limits; null for a call that sends
   *     nothing
   */
  <T> T run(String what, Long limitChat, Attempt<T> attempt) {
    return run(what, limitChat, false, attempt);
  }

  /**
   * @param queued a message from a queue (the outbox): a 429 longer than {@link
   *     #QUEUED_INLINE_WAIT} is thrown at once
   */
  <T> T run(String what, Long limitChat, boolean queued, Attempt<T> attempt) {
    int waits = 0;
    int failures = 0;
    while (true) {
      try {
        SendLimiter.Taken taken = null;
        if (limitChat != null && options.limitRate()) {
          taken = limiter.acquire(limitChat, isReply(limitChat));
        }
        try {
          return attempt.run();
        } finally {
          if (taken != null) {
            limiter.answered(taken); // it arrived, if at all, before now
          }
        }
      } catch (DeliveryException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw failure(e);
        }
        Duration wait;
        if (e.kind() == Kind.RETRY_AFTER) {
          rateLimited.incrementAndGet();
          if (limitChat != null) {
            limiter.hold(limitChat, e.retryAfter());
          }
          if (++waits > options.maxRateLimitRetries()
              || e.retryAfter().compareTo(options.maxRetryAfterWait()) > 0
              || (queued && e.retryAfter().compareTo(QUEUED_INLINE_WAIT) > 0)) {
            throw failure(e);
          }
          wait = e.retryAfter();
          log.warn("{}: Telegram asked to wait {} s (429); waiting", what, wait.toSeconds());
        } else if (e.kind() == Kind.TRANSIENT) {
          if (++failures >= options.maxAttempts()) {
            throw failure(e);
          }
          wait = backOff(failures);
          log.warn(
              "{}: {}; attempt {} of {} in {} ms",
              what,
              e.getMessage(),
              failures + 1,
              options.maxAttempts(),
              wait.toMillis());
        } else {
          throw failure(e);
        }
        retried.incrementAndGet();
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw failure(
              new DeliveryException(Kind.TRANSIENT, what + " interrupted", null, null, null));
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw failure(
            new DeliveryException(Kind.TRANSIENT, what + " interrupted", null, null, null));
      }
    }
  }

  /** A message to the chat whose update this thread handles; anything else yields to those. */
  private static boolean isReply(long chatId) {
    Long handling = LaneTurn.handlingChat();
    return handling != null && handling == chatId;
  }

  private Duration backOff(int failures) {
    Duration d = options.backOffBase().multipliedBy(1L << Math.min(failures - 1, 20));
    return d.compareTo(options.backOffMax()) > 0 ? options.backOffMax() : d;
  }

  /** Counts the failure and returns it, to throw. */
  DeliveryException failure(DeliveryException e) {
    failed.incrementAndGet();
    return e;
  }

  long rateLimited() {
    return rateLimited.get();
  }

  long retried() {
    return retried.get();
  }

  long failed() {
    return failed.get();
  }
}
