package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import dev.sendersbot.time.SystemTime;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * Long polling over TelegramBots 10.2.0, made safe for a bot that must never handle an update
 * twice, never lose one, and never stop listening, and fair: no chat's backlog holds up another
 * chat.
 *
 * <h2>Handling</h2>
 *
 * <p>The poll thread only receives: it converts each update and hands it to its chat's lane ({@link
 * UpdateLanes}) on a pool of {@link Options#workers()} daemon threads. A chat's updates (messages,
 * edits and button presses alike) are handled one at a time in update order; different chats are
 * handled in parallel. A group's migration to a supergroup touches two chats: it waits until every
 * unconfirmed update before it has finished and nothing else runs, runs alone, and only then are
 * the updates after it handed out; the old group's parked updates follow it to the new id. An
 * exception or Error from the sink is logged and the update counts as handled.
 *
 * <h2>Fair to every chat</h2>
 *
 * <p>Telegram hands out at most 100 unconfirmed updates, oldest first, so an update left
 * unconfirmed holds back every update behind it. A chat therefore holds at most one unconfirmed
 * update, and only while it runs: an update whose chat already has one under way or parked, or
 * whose chat may not be sent to yet ({@link Fairness#pacing()}), is <em>parked</em> in the backlog
 * ({@link BotState#backlog()}), which confirms it, and runs when its turn and its chat's slot come
 * ({@link UpdateIntake}). A chat waiting for its slot holds no worker; nor does a handler waiting
 * in the middle of its work for a slot or a 429's retry_after, and its update is parked as it
 * waits, so it holds the offset no longer either. A backlog is bounded per chat, lower for
 * strangers; past the bound updates are dropped, counted and logged.
 *
 * <h2>Nothing lost, nothing twice</h2>
 *
 * <p>The <em>watermark</em> is the highest update id such that every update received up to it has
 * finished or been parked ({@link UpdateProgress}). It is the offset persisted in {@link BotState}
 * and the offset of every getUpdates: Telegram forgets an update only once it is asked for the
 * updates after it, so an update still being handled stays on Telegram's side and a crashed run
 * gets it again after the restart. An update that finishes while an earlier one is still being
 * handled is recorded on its own ({@link BotState#markDone}); offered again after a restart, it is
 * skipped ({@link BotState#isHandled}). Parking stores the update and records it so in one
 * transaction; a parked update's row goes once it has been handled, and a restart handles what is
 * still parked. A crash between a handler's return and those writes handles an update again after
 * the restart; so does a crash while a handler parked as it waited, which then runs from the start
 * again, as it did when Telegram gave it again. Parking stores what a user typed (a confirmation
 * code, say) for as long as the update waits, which is why only the updates that would otherwise
 * hold the others up are parked.
 *
 * <p>While updates are unconfirmed, Telegram answers a getUpdates at once with those it already
 * gave (the library drops them, this class would skip them), so the poll cannot wait for new ones:
 * polls are paced ({@link PollPacer}) and go back to the long poll as soon as every received update
 * has finished or been parked.
 *
 * <h2>Back-pressure</h2>
 *
 * <p>At most {@link Options#maxInFlight()} received updates stand above the watermark (under way,
 * or finished or parked out of order): each getUpdates asks for no more than that, counting those
 * it will be given again, and none is made while the window is full.
 *
 * <h2>Webhook mode</h2>
 *
 * <p>Given {@link WebhookSettings}, the transport listens instead of polling ({@link Webhook}): an
 * update Telegram posts goes the same way as a polled one and is confirmed (HTTP 200) when polling
 * would confirm it.
 *
 * <h2>Lifecycle</h2>
 *
 * <ul>
 *   <li>failed polls back off from 500 ms to a bounded maximum (the library's default reaches 15
 *       minutes), honouring a 429's retry_after; a 409 says clearly that a second poller runs;
 *   <li>{@link #close()} stops polling, starts no queued update (unconfirmed ones stay with
 *       Telegram, parked ones in the backlog, for the next run), lets the running handlers finish
 *       for up to 3 s, then interrupts them; it returns within 5 s and leaves no thread that keeps
 *       the JVM alive.
 * </ul>
 */
public final class TelegramTransport implements AutoCloseable {
  /** The update types the bot asks for; anything else Telegram keeps to itself. */
  public static final List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "callback_query", "my_chat_member");

  /** The most updates one getUpdates returns (Telegram's own limit). */
  static final int BATCH = 100;

  /** How long {@link #close()} lets running handlers finish before interrupting them. */
  private static final long CLOSE_GRACE_MILLIS = 3000;

  /**
   * @param pollTimeout how long getUpdates waits for an update server-side (Telegram: up to 50 s)
   * @param backOffMin first wait after a failed poll
   * @param backOffMax the longest wait between failed polls
   * @param clock for {@link #lastPoll()}
   * @param workers threads handling updates; a chat uses one at a time
   * @param maxInFlight received updates allowed above the watermark, 1 to 100 (one getUpdates)
   * @param busyPoll the shortest pause between polls while updates are under way (see above)
   * @param fairness the chats' pacing and trust, and the backlogs' bounds
   */
  public record Options(
      Duration pollTimeout,
      Duration backOffMin,
      Duration backOffMax,
      Clock clock,
      int workers,
      int maxInFlight,
      Duration busyPoll,
      Fairness fairness) {
    public Options {
      Objects.requireNonNull(fairness, "fairness");
      Objects.requireNonNull(pollTimeout, "pollTimeout");
      Objects.requireNonNull(backOffMin, "backOffMin");
      Objects.requireNonNull(backOffMax, "backOffMax");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(busyPoll, "busyPoll");
      if (pollTimeout.isNegative() || pollTimeout.getSeconds() > 100) {
        throw new IllegalArgumentException("poll timeout must be 0-100 s: " + pollTimeout);
      }
      if (backOffMin.isNegative() || backOffMin.isZero() || backOffMax.compareTo(backOffMin) < 0) {
        throw new IllegalArgumentException(
            "back-off needs 0 < min <= max: " + backOffMin + ", " + backOffMax);
      }
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers must be 1-64: " + workers);
      }
      if (maxInFlight < 1 || maxInFlight > BATCH) {
        throw new IllegalArgumentException("maxInFlight must be 1-" + BATCH + ": " + maxInFlight);
      }
      if (busyPoll.isNegative() || busyPoll.isZero() || busyPoll.toMillis() > 1000) {
        throw new IllegalArgumentException("busyPoll must be 1 ms to 1 s: " + busyPoll);
      }
    }

    /** The given polling, with the default handling: 8 workers, 100 in flight, 100 ms. */
    public Options(Duration pollTimeout, Duration backOffMin, Duration backOffMax, Clock clock) {
      this(
          pollTimeout,
          backOffMin,
          backOffMax,
          clock,
          8,
          BATCH,
          Duration.ofMillis(100),
          Fairness.defaults());
    }

    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(50),
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          SystemTime.clock());
    }

    /** These options with another clock for {@link TelegramTransport#lastPoll()}. */
    public Options withClock(Clock c) {
      return new Options(
          pollTimeout, backOffMin, backOffMax, c, workers, maxInFlight, busyPoll, fairness);
    }

    /** These options with another handling: workers, window and busy poll. */
    public Options withHandling(int workers, int maxInFlight, Duration busyPoll) {
      return new Options(
          pollTimeout, backOffMin, backOffMax, clock, workers, maxInFlight, busyPoll, fairness);
    }

    /** These options with another pacing, trust or backlog bounds. */
    public Options withFairness(Fairness fairness) {
      return new Options(
          pollTimeout, backOffMin, backOffMax, clock, workers, maxInFlight, busyPoll, fairness);
    }
  }

  private final String token;
  private final BotApiEndpoint endpoint;
  private final TokenRedactor redactor;
  private final PollBackOff backOff;
  private final UpdateProgress progress;
  private final UpdateReceiver receiver;
  private final Polling polling;
  private final Webhook webhook;
  private final Side side;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closing = new CountDownLatch(1);

  /** How updates arrive: {@link Polling} or {@link Webhook}. */
  interface Side {
    /**
     * @return true once updates arrive; false when closing came first
     */
    boolean start(CountDownLatch closing);

    boolean isRunning();

    /** Called once, after closed is set; stops by {@code deadline} (nanoTime) and a little. */
    void close(long deadline);
  }

  public TelegramTransport(
      TelegramSettings settings, BotState state, UpdateSink sink, OkHttpClient http) {
    this(settings, state, sink, http, Options.defaults());
  }

  public TelegramTransport(
      TelegramSettings settings,
      BotState state,
      UpdateSink sink,
      OkHttpClient http,
      Options options) {
    this(settings, null, state, sink, http, options);
  }

  /**
   * @param webhook webhook mode's settings; null to poll
   */
  public TelegramTransport(
      TelegramSettings settings,
      WebhookSettings webhook,
      BotState state,
      UpdateSink sink,
      OkHttpClient http,
      Options options) {
    Objects.requireNonNull(settings, "settings");
    if (settings.token() == null) {
      throw new IllegalArgumentException("telegram.token is required to poll Telegram");
    }
    this.token = settings.token();
    this.endpoint = BotApiEndpoint.of(settings.apiUrl());
    Objects.requireNonNull(options, "options");
    this.redactor = new TokenRedactor(token);
    this.backOff = new PollBackOff(options.backOffMin(), options.backOffMax());
    this.progress =
        new UpdateProgress(
            Objects.requireNonNull(state, "state"), redactor, options.clock(), webhook == null);
    this.receiver =
        new UpdateReceiver(
            state,
            progress,
            Objects.requireNonNull(sink, "sink"),
            options,
            redactor,
            new UpdateConverter(UpdateConverter.botIdFromToken(token)),
            closed);
    this.polling =
        webhook != null
            ? null
            : new Polling(
                token,
                endpoint,
                http,
                options,
                redactor,
                backOff,
                progress,
                new ConfirmedOffsets(state, redactor),
                receiver,
                closed,
                state::leading);
    this.webhook =
        webhook == null
            ? null
            : new Webhook(
                webhook,
                token,
                endpoint,
                http,
                redactor,
                backOff,
                progress,
                receiver,
                closed,
                options.workers());
    this.side = polling != null ? polling : this.webhook;
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
    receiver.start();
    side.start(closing);
  }

  /** True while the poll loop runs, or the webhook listens with Telegram told where. */
  public boolean isPolling() {
    return !closed.get() && side.isRunning() && started.get();
  }

  /** True in webhook mode. */
  public boolean isWebhook() {
    return webhook != null;
  }

  /** Where the webhook listens (after {@link #start()}). */
  public InetSocketAddress webhookAddress() {
    if (webhook == null) {
      throw new IllegalStateException("polling, not webhook mode");
    }
    return webhook.address();
  }

  /**
   * When getUpdates last answered successfully; empty before the first answer, and always in
   * webhook mode.
   */
  public Optional<Instant> lastPoll() {
    return polling == null ? Optional.empty() : Optional.ofNullable(polling.lastPoll());
  }

  /**
   * Every update up to this one has been handled (this run or a previous one), parked ones
   * included; 0 when none. Later updates may have been handled too, out of order.
   */
  public long lastHandledUpdateId() {
    return receiver.lastHandled();
  }

  /** Updates received and not yet handled to the end: running, about to run, or parked. */
  public int updatesInFlight() {
    return progress.pending() + receiver.backlog();
  }

  /** Updates waiting in the backlog (parked, not yet handled). */
  public int backlog() {
    return receiver.backlog();
  }

  /** Updates parked since start. */
  public long updatesParked() {
    return receiver.parked();
  }

  /** Updates dropped since start because their chat's backlog was full. */
  public long updatesDropped() {
    return receiver.dropped();
  }

  /** See {@link PollPacer#busyPollNanos}. */
  long busyPollNanos(int known, int quietPolls) {
    return polling.busyPollNanos(known, quietPolls);
  }

  /**
   * As {@link #close()}, for a replica that lost leadership: in webhook mode the webhook stays set
   * (no deleteWebhook), because the replica that leads now relies on it. A leader stopping on
   * purpose uses {@link #close()} and releases leadership after it, so no other replica is serving
   * by then.
   */
  public void handOver() {
    if (webhook != null) {
      webhook.keepRegistration();
    }
    close();
  }

  /**
   * Stops polling: starts no queued update, lets the updates being handled finish (up to about 3 s,
   * then interrupts them), aborts a waiting getUpdates, and stops every thread this transport
   * started. Returns within 5 s.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
    closing.countDown();
    backOff.stop();
    side.close(deadline);
  }
}
