package dev.sendersbot.telegram;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode's side of the transport: each update Telegram posts is taken in as a polled one
 * would be, and its request is answered 200 only once the update has finished or been parked, which
 * is when polling would confirm it; otherwise (closing, or not finished within {@link
 * #SETTLE_WAIT_MILLIS}) 503, and Telegram posts it again. An update posted again is recognised by
 * its id ({@link UpdateProgress}), whether it is under way, finished, or finished by an earlier
 * run.
 */
final class Webhook implements TelegramTransport.Side, WebhookServer.Delivery {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  /** How long a request waits for its update before Telegram is told to send it again. */
  static final long SETTLE_WAIT_MILLIS = 50_000;

  private final WebhookLoop loop;
  private final UpdateProgress progress;
  private final UpdateReceiver receiver;
  private final AtomicBoolean closed;
  private final int workers;
  private final Object intake = new Object();

  Webhook(
      WebhookSettings settings,
      String token,
      BotApiEndpoint endpoint,
      OkHttpClient http,
      TokenRedactor redactor,
      PollBackOff backOff,
      UpdateProgress progress,
      UpdateReceiver receiver,
      AtomicBoolean closed,
      int workers) {
    this.loop = new WebhookLoop(settings, token, endpoint, http, redactor, backOff);
    this.progress = progress;
    this.receiver = receiver;
    this.closed = closed;
    this.workers = workers;
  }

  @Override
  public boolean start(CountDownLatch closing) {
    if (!loop.start(this, closed, closing)) {
      return false;
    }
    log.info("Taking updates on the webhook at {} with {} workers", loop.address(), workers);
    return true;
  }

  @Override
  public boolean isRunning() {
    return loop.isServing();
  }

  /** See {@link WebhookLoop#keepRegistration()}. */
  void keepRegistration() {
    loop.keepRegistration();
  }

  InetSocketAddress address() {
    return loop.address();
  }

  /**
   * On the server's thread: the update is taken in one at a time, as a poll's batch is (so a
   * migration still runs alone), then waited for.
   */
  @Override
  public boolean deliver(Update update) throws InterruptedException {
    long id = update.getUpdateId();
    synchronized (intake) {
      if (closed.get()) {
        return progress.awaitSettled(id, 0);
      }
      progress.heard(id);
      receiver.receive(List.of(update));
    }
    return progress.awaitSettled(id, TimeUnit.MILLISECONDS.toNanos(SETTLE_WAIT_MILLIS));
  }

  /**
   * Requests waiting for an update not yet finished are answered 503 (Telegram posts it again to
   * the next run), the handlers get their grace, the server stops, and Telegram is told to keep the
   * updates meanwhile.
   */
  @Override
  public void close(long deadline) {
    progress.close();
    if (!receiver.stop(deadline, 700)) {
      log.warn("An update handler did not stop within 3.7 s");
    }
    loop.stop();
    log.info("Stopped the webhook; every update up to {} handled", progress.watermark());
  }
}
