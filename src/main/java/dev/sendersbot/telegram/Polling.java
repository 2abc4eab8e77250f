package dev.sendersbot.telegram;

import dev.sendersbot.telegram.TelegramTransport.Options;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Polling mode's side of the transport: each getUpdates asks for the updates after the watermark,
 * paced while updates are under way ({@link PollPacer}), and each batch goes to the receiver. The
 * library's own registration deletes any webhook first, as the Bot API requires before getUpdates.
 */
final class Polling implements TelegramTransport.Side {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final BotApiEndpoint endpoint;
  private final Options options;
  private final TokenRedactor redactor;
  private final UpdateProgress progress;
  private final UpdateReceiver receiver;
  private final AtomicBoolean closed;
  private final PollLoop loop;
  private final PollWatch watch;
  private final PollPacer pacer;
  private final ConfirmedOffsets confirmed;
  private final Object lifecycle = new Object();
  private volatile boolean consuming;

  /** The offset of the getUpdates last asked; -1 when it asked without one. Poll thread only. */
  private long askedOffset = -1;

  /** {@link PollWatch#answered} when the last getUpdates was asked. Poll thread only. */
  private long answeredBefore;

  Polling(
      String token,
      BotApiEndpoint endpoint,
      OkHttpClient http,
      Options options,
      TokenRedactor redactor,
      PollBackOff backOff,
      UpdateProgress progress,
      ConfirmedOffsets confirmed,
      UpdateReceiver receiver,
      AtomicBoolean closed,
      BooleanSupplier leading) {
    this.endpoint = endpoint;
    this.options = options;
    this.redactor = redactor;
    this.progress = progress;
    this.receiver = receiver;
    this.closed = closed;
    this.loop = new PollLoop(token, endpoint, http, options, redactor, backOff, leading);
    this.watch = loop.watch();
    this.pacer = new PollPacer(options.busyPoll());
    this.confirmed = confirmed;
  }

  @Override
  public boolean start(CountDownLatch closing) {
    if (!loop.start(this::nextGetUpdates, this::consume, closed, closing)) {
      return false;
    }
    log.info(
        "Polling the Bot API at {} from update {} with {} workers",
        endpoint,
        progress.watermark() + 1,
        options.workers());
    return true;
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }

  Instant lastPoll() {
    return watch.lastPoll();
  }

  /**
   * Called by the library on the poll thread before every getUpdates. Waits for room when the
   * window is full, and, while updates are under way, paces the polls Telegram would answer at once
   * ({@link PollPacer}); then asks for the updates after the watermark.
   */
  GetUpdates nextGetUpdates(Integer lastReceived) {
    try {
      pacer.beforePoll(progress, options.maxInFlight(), receiver::makeRoom);
    } catch (InterruptedException e) {
      // Closing: the poll that follows is answered empty at once (PollWatch).
      Thread.currentThread().interrupt();
    }
    // The library asks for the next getUpdates only once the last one ended; if it was answered,
    // Telegram confirmed what lay below its offset.
    long answered = watch.answered();
    if (answered != answeredBefore && askedOffset > 0) {
      confirmed.confirmed(askedOffset);
    }
    answeredBefore = answered;
    loop.forgetLastReceived();
    GetUpdates.GetUpdatesBuilder poll =
        GetUpdates.builder()
            .limit(options.maxInFlight())
            .timeout((int) options.pollTimeout().getSeconds())
            .allowedUpdates(TelegramTransport.ALLOWED_UPDATES);
    if (confirmed.learning()) {
      askedOffset = -1;
    } else {
      askedOffset = progress.watermark() + 1;
      poll.offset((int) askedOffset);
    }
    return new TolerantGetUpdates(poll.build());
  }

  /** See {@link PollPacer#busyPollNanos}. */
  long busyPollNanos(int known, int quietPolls) {
    return pacer.busyPollNanos(known, quietPolls);
  }

  /**
   * Called by the library on the poll thread with the updates it had not seen this run. Nothing may
   * escape: an exception here would end TelegramBots' poll loop for good, without a log line.
   */
  void consume(List<Update> updates) {
    synchronized (lifecycle) {
      if (closed.get()) {
        // Left unconfirmed: the next run receives them again.
        return;
      }
      consuming = true;
    }
    try {
      pacer.received();
      List<Long> ids = updates.stream().map(u -> (long) u.getUpdateId()).toList();
      confirmed.startedOver(ids).ifPresent(progress::restartAt);
      confirmed.answered(askedOffset, ids);
      receiver.receive(updates);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      log.error("Update batch failed; polling goes on", redactor.scrub(t));
    } finally {
      consuming = false;
    }
  }

  @Override
  public void close(long deadline) {
    boolean busy;
    synchronized (lifecycle) {
      // closed is set: no batch starts from now on.
      busy = consuming;
    }
    watch.shutdown();
    progress.close();
    // Reading the database for a batch ends at the next update, and nothing it waits for outlasts
    // progress.close(); waiting for the network, for room or for a back-off loses nothing by an
    // interrupt.
    loop.stopPolling(!busy);
    if (!receiver.stop(deadline, 700)) {
      log.warn("An update handler did not stop within 3.7 s");
    }
    loop.awaitStopped(deadline);
    log.info(
        "Stopped polling the Bot API at {}; every update up to {} handled",
        endpoint,
        progress.watermark());
  }
}
