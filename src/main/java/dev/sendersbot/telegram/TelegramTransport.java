package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.config.Config;
import dev.sendersbot.store.BotState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Long polling over TelegramBots 10.2.0, made safe for a bot that must never handle an update twice
 * or stop listening:
 *
 * <ul>
 *   <li>resumes after the offset persisted in {@link BotState}, and marks an update handled only
 *       after the {@link UpdateSink} returned;
 *   <li>an exception from the sink is logged and polling goes on (the library would silently stop);
 *   <li>failed polls back off from 500 ms to a bounded maximum (the library's default reaches 15
 *       minutes), honouring a 429's retry_after; a 409 says clearly that a second poller runs;
 *   <li>{@link #close()} stops within 5 s and leaves no thread that keeps the JVM alive.
 * </ul>
 */
public final class TelegramTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  /** The update types the bot asks for; anything else Telegram keeps to itself. */
  public static final List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "callback_query", "my_chat_member");

  private static final int BATCH = 100;

  /**
   * @param pollTimeout how long getUpdates waits for an update server-side (Telegram: up to 50 s)
   * @param backOffMin first wait after a failed poll
   * @param backOffMax the longest wait between failed polls
   * @param clock for {@link #lastPoll()}
   */
  public record Options(
      Duration pollTimeout, Duration backOffMin, Duration backOffMax, Clock clock) {
    public Options {
      Objects.requireNonNull(pollTimeout, "pollTimeout");
      Objects.requireNonNull(backOffMin, "backOffMin");
      Objects.requireNonNull(backOffMax, "backOffMax");
      Objects.requireNonNull(clock, "clock");
      if (pollTimeout.isNegative() || pollTimeout.getSeconds() > 100) {
        throw new IllegalArgumentException("poll timeout must be 0-100 s: " + pollTimeout);
      }
      if (backOffMin.isNegative() || backOffMin.isZero() || backOffMax.compareTo(backOffMin) < 0) {
        throw new IllegalArgumentException(
            "back-off needs 0 < min <= max: " + backOffMin + ", " + backOffMax);
      }
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(50), Duration.ofMillis(500), Duration.ofSeconds(30),
          Clock.systemUTC());
    }
  }

  private final String token;
  private final BotApiEndpoint endpoint;
  private final BotState state;
  private final UpdateSink sink;
  private final Options options;
  private final TokenRedactor redactor;
  private final UpdateConverter converter;
  private final PollBackOff backOff;
  private final PollWatch watch;
  private final OkHttpClient network;
  private final OkHttpClient pollHttp;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService pollExecutor;
  private final TelegramBotsLongPollingApplication app;
  private final AtomicLong handled;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lifecycle = new Object();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean handling;

  public TelegramTransport(Config.Telegram config, BotState state, UpdateSink sink,
      OkHttpClient http) {
    this(config, state, sink, http, Options.defaults());
  }

  public TelegramTransport(Config.Telegram config, BotState state, UpdateSink sink,
      OkHttpClient http, Options options) {
    Objects.requireNonNull(config, "config");
    if (config.token() == null) {
      throw new IllegalArgumentException("telegram.token is required to poll Telegram");
    }
    this.token = config.token().reveal();
    this.endpoint = BotApiEndpoint.of(config.apiUrl());
    this.state = Objects.requireNonNull(state, "state");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.options = Objects.requireNonNull(options, "options");
    this.redactor = new TokenRedactor(token);
    this.converter = new UpdateConverter(UpdateConverter.botIdFromToken(token));
    this.backOff = new PollBackOff(options.backOffMin(), options.backOffMax());
    this.handled = new AtomicLong(state.lastUpdateId().orElse(0));
    // The poller makes blocking calls only; its own dispatcher and daemon threads keep it apart
    // from the client the rest of the bot sends with.
    this.httpExecutor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), Threads.daemon("telegram-poll-http"));
    this.network = Objects.requireNonNull(http, "http").newBuilder()
        .dispatcher(new Dispatcher(httpExecutor))
        .connectTimeout(Duration.ofSeconds(10))
        .writeTimeout(Duration.ofSeconds(10))
        .readTimeout(options.pollTimeout().plusSeconds(15))
        .callTimeout(Duration.ZERO)
        .build();
    this.watch = new PollWatch(network, redactor, backOff, options.clock());
    this.pollHttp = network.newBuilder().addInterceptor(watch).build();
    this.pollExecutor = Executors.newSingleThreadScheduledExecutor(Threads.daemon("telegram-poll"));
    this.app = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp,
        () -> pollExecutor, () -> backOff);
  }

  /**
   * Starts polling. Blocks while the Bot API cannot be reached, retrying with back-off, until
   * polling runs or {@link #close()} is called.
   *
   * @throws IllegalStateException when the Bot API rejects the token (401/404)
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    PollBackOff startBackOff = new PollBackOff(options.backOffMin(), options.backOffMax());
    while (!closed.get()) {
      try {
        app.registerBot(token, endpoint::telegramUrl, this::nextGetUpdates, this::consume);
        log.info("Polling the Bot API at {} from update {}", endpoint, handled.get() + 1);
        return;
      } catch (TelegramApiException | RuntimeException e) {
        unregisterQuietly();
        if (closed.get()) {
          return;
        }
        int status = watch.deleteWebhookStatus();
        if (status == 401 || status == 404) {
          throw new IllegalStateException("The Bot API at " + endpoint
              + " rejected telegram.token (HTTP " + status + ")");
        }
        long wait = startBackOff.nextBackOffMillis();
        log.warn("Cannot start polling the Bot API at {} ({}); retrying in {} ms", endpoint,
            redactor.mask(String.valueOf(e)), wait);
        try {
          if (closing.await(wait, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** True while the poll loop runs. */
  public boolean isPolling() {
    return !closed.get() && app.isRunning() && started.get();
  }

  /** When getUpdates last answered successfully; empty before the first answer. */
  public Optional<Instant> lastPoll() {
    return Optional.ofNullable(watch.lastPoll());
  }

  /** The last update handled (this run or a previous one); 0 when none. */
  public long lastHandledUpdateId() {
    return handled.get();
  }

  GetUpdates nextGetUpdates(Integer lastReceived) {
    long offset = Math.max(handled.get() + 1, (lastReceived == null ? 0 : lastReceived) + 1L);
    return GetUpdates.builder()
        .offset((int) offset)
        .limit(BATCH)
        .timeout((int) options.pollTimeout().getSeconds())
        .allowedUpdates(ALLOWED_UPDATES)
        .build();
  }

  /**
   * Called by the library on the poll thread. Nothing may escape: an exception here would end
   * TelegramBots' poll loop for good, without a log line.
   */
  void consume(List<Update> updates) {
    try {
      List<Update> ordered = new ArrayList<>(updates);
      ordered.removeIf(u -> u == null || u.getUpdateId() == null);
      ordered.sort(Comparator.comparing(Update::getUpdateId));
      for (Update u : ordered) {
        long id = u.getUpdateId();
        if (id <= handled.get()) {
          log.debug("Update {} skipped: already handled (last handled {})", id, handled.get());
          continue;
        }
        synchronized (lifecycle) {
          if (closed.get()) {
            // Left unmarked: the next run receives it again.
            return;
          }
          handling = true;
        }
        try {
          dispatch(id, u);
        } catch (Throwable t) {
          log.error("Update {} failed in the handler; going on with the next", id,
              redactor.scrub(t));
        } finally {
          handling = false;
        }
        markHandled(id);
      }
    } catch (Throwable t) {
      log.error("Update batch failed; polling goes on", redactor.scrub(t));
    }
  }

  private void dispatch(long id, Update u) {
    UpdateConverter.Converted c = converter.convert(u);
    if (c instanceof UpdateConverter.Deliver d) {
      log.debug("Update {}: {} in chat {}", id, d.incoming().getClass().getSimpleName(),
          d.incoming().chat().id());
      sink.handle(d.incoming());
    } else if (c instanceof UpdateConverter.Migrate m) {
      log.info("Chat {} became supergroup {}", m.oldChatId(), m.newChatId());
      sink.chatMigrated(m.oldChatId(), m.newChatId());
    } else if (c instanceof UpdateConverter.Skip s) {
      log.debug("Update {} skipped: {}", id, s.why());
    }
  }

  private void markHandled(long id) {
    handled.accumulateAndGet(id, Math::max);
    try {
      state.markHandled(id);
    } catch (RuntimeException e) {
      log.error("Could not persist update {} as handled; a restart may handle it again", id,
          redactor.scrub(e));
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
   * Stops polling: lets an update being handled finish (up to about 3 s), aborts a waiting
   * getUpdates, and stops every thread this transport started. Returns within 5 s.
   */
  @Override
  public void close() {
    boolean busy;
    synchronized (lifecycle) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      busy = handling;
    }
    closing.countDown();
    backOff.stop();
    watch.shutdown();
    try {
      app.close();
    } catch (Exception e) {
      log.warn("Closing the poller: {}", redactor.mask(String.valueOf(e)));
    }
    if (busy) {
      pollExecutor.shutdown();
    } else {
      // Between updates: nothing to lose by interrupting a back-off sleep.
      pollExecutor.shutdownNow();
    }
    try {
      if (!pollExecutor.awaitTermination(3, TimeUnit.SECONDS)) {
        pollExecutor.shutdownNow();
        if (!pollExecutor.awaitTermination(1, TimeUnit.SECONDS)) {
          log.warn("The poll thread did not stop within 4 s");
        }
      }
    } catch (InterruptedException e) {
      pollExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    network.dispatcher().cancelAll();
    httpExecutor.shutdownNow();
    network.connectionPool().evictAll();
    log.info("Stopped polling the Bot API at {}; last handled update {}", endpoint, handled.get());
  }
}
