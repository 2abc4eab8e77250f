package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.telegram.TelegramTransport.Options;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * TelegramBots' long-polling application on an HTTP client and threads of its own, all daemons:
 * registering it with back-off until the Bot API answers, and stopping its threads within the
 * deadline {@link TelegramTransport#close()} sets.
 */
final class PollLoop {
  // Logged as the transport, whose logger settings already cover polling.
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final String token;
  private final BotApiEndpoint endpoint;
  private final Options options;
  private final TokenRedactor redactor;
  private final PollWatch watch;
  private final OkHttpClient network;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService pollExecutor;
  private final TelegramBotsLongPollingApplication app;

  /** The library's session once registered; null before. */
  private volatile BotSession session;

  PollLoop(
      String token,
      BotApiEndpoint endpoint,
      OkHttpClient http,
      Options options,
      TokenRedactor redactor,
      PollBackOff backOff,
      BooleanSupplier leading) {
    this.token = Objects.requireNonNull(token, "token");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.options = Objects.requireNonNull(options, "options");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    // The poller makes blocking calls only; its own dispatcher and daemon threads keep it apart
    // from the client the rest of the bot sends with.
    this.httpExecutor =
        new ThreadPoolExecutor(
            0,
            4,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Threads.daemon("telegram-poll-http"));
    this.network =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .dispatcher(new Dispatcher(httpExecutor))
            .connectTimeout(Duration.ofSeconds(10))
            .writeTimeout(Duration.ofSeconds(10))
            .readTimeout(options.pollTimeout().plusSeconds(15))
            .callTimeout(Duration.ZERO)
            .build();
    this.watch = new PollWatch(network, redactor, backOff, options.clock(), leading);
    OkHttpClient pollHttp = network.newBuilder().addInterceptor(watch).build();
    this.pollExecutor = Executors.newSingleThreadScheduledExecutor(Threads.daemon("telegram-poll"));
    this.app =
        new TelegramBotsLongPollingApplication(
            ObjectMapper::new, () -> pollHttp, () -> pollExecutor, watch::libraryBackOff);
  }

  PollWatch watch() {
    return watch;
  }

  boolean isRunning() {
    return app.isRunning();
  }

  /**
   * Registers the bot, retrying with back-off while the Bot API cannot be reached.
   *
   * @return true once polling runs; false when {@code closed} came first
   * @throws IllegalStateException when the Bot API rejects the token (401/404)
   */
  boolean start(
      Function<Integer, GetUpdates> nextGetUpdates,
      LongPollingUpdateConsumer consume,
      AtomicBoolean closed,
      CountDownLatch closing) {
    PollBackOff startBackOff = new PollBackOff(options.backOffMin(), options.backOffMax());
    while (!closed.get()) {
      try {
        session = app.registerBot(token, endpoint::telegramUrl, nextGetUpdates, consume);
        return true;
      } catch (TelegramApiException | RuntimeException e) {
        unregisterQuietly();
        if (closed.get()) {
          return false;
        }
        int status = watch.deleteWebhookStatus();
        if (status == 401 || status == 404) {
          throw new IllegalStateException(
              "The Bot API at " + endpoint + " rejected telegram.token (HTTP " + status + ")");
        }
        long wait = startBackOff.nextBackOffMillis();
        log.warn(
            "Cannot start polling the Bot API at {} ({}); retrying in {} ms",
            endpoint,
            redactor.mask(String.valueOf(e)),
            wait);
        try {
          if (closing.await(wait, TimeUnit.MILLISECONDS)) {
            return false;
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Makes the library hand the next poll's updates over whatever their ids: it drops each update
   * whose id is not above the highest it handed over this run, so ids that started over would never
   * reach {@link Polling#consume}, and the bot could not tell. The bot recognises updates it has
   * already ({@link UpdateProgress#isNew}). Called on the poll thread before each getUpdates.
   */
  void forgetLastReceived() {
    BotSession s = session;
    if (s != null) {
      s.getLastReceivedUpdate().set(0);
    }
  }

  private void unregisterQuietly() {
    try {
      app.unregisterBot(token);
    } catch (TelegramApiException | RuntimeException ignored) {
      // Not registered: nothing to undo.
    }
  }

  /**
   * Closes the application and stops the poll thread: at once when {@code interrupt}, else once its
   * current batch ends.
   */
  void stopPolling(boolean interrupt) {
    try {
      app.close();
    } catch (Exception e) {
      log.warn("Closing the poller: {}", redactor.mask(String.valueOf(e)));
    }
    if (interrupt) {
      pollExecutor.shutdownNow();
    } else {
      pollExecutor.shutdown();
    }
  }

  /** Waits for the poll thread until {@code deadline} (nanoTime) and a little, then frees HTTP. */
  void awaitStopped(long deadline) {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!pollExecutor.awaitTermination(
          left + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS)) {
        pollExecutor.shutdownNow();
        if (!pollExecutor.awaitTermination(300, TimeUnit.MILLISECONDS)) {
          log.warn("The poll thread did not stop");
        }
      }
    } catch (InterruptedException e) {
      pollExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    network.dispatcher().cancelAll();
    httpExecutor.shutdownNow();
    network.connectionPool().evictAll();
  }
}
