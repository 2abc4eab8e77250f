package dev.sendersbot.cli;

import dev.sendersbot.ops.HealthCheck;
import dev.sendersbot.ops.HealthChecks;
import dev.sendersbot.store.Fence;
import dev.sendersbot.store.LeaderElection;
import dev.sendersbot.telegram.TelegramTransport;
import dev.sendersbot.watch.Watcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leader runs, started when this process is elected and stopped when it is deposed:
 * the Telegram transport (polling, or serving the webhook) and the watcher (its polls, the outbox
 * dispatcher, the daily summaries). A standby runs neither; it answers {@code /healthz} and chats
 * nothing. Each term gets a new transport (a transport runs once); the watcher starts again.
 *
 * <p>Deposed, the replica stops at once and hands over: the transport stops without deleting the
 * webhook, which the new leader has set or is about to set. A leader stopping on purpose stops its
 * work with {@link #close()} (deleting the webhook in webhook mode) before it leaves the election,
 * so by the time another replica can lead, this one serves nothing.
 */
final class Replica implements LeaderElection.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replica.class);

  /** How long a getUpdates may be absent before {@code /healthz} fails (a long poll is 50 s). */
  static final Duration POLL_HEALTH = Duration.ofMinutes(3);

  private final Supplier<TelegramTransport> transports;
  private final Watcher watcher;
  private final Runnable leaderStart;
  private final Clock clock;
  private final ExecutorService starter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "senders-bot-lead");
            t.setDaemon(true);
            return t;
          });
  private final CompletableFuture<Void> firstTerm = new CompletableFuture<>();
  private volatile LeaderElection election;
  private TelegramTransport transport; // guarded by this
  private Instant termStarted; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param leaderStart what the leader does once it runs, at the start of each term (the start-up's
   *     housekeeping, the command menus): a standby must not, since it writes nothing to the shared
   *     database
   */
  Replica(
      Supplier<TelegramTransport> transports, Watcher watcher, Clock clock, Runnable leaderStart) {
    this.transports = transports;
    this.watcher = watcher;
    this.clock = clock;
    this.leaderStart = leaderStart;
  }

  /** Joins the election; on SQLite this process leads at once. */
  void join(LeaderElection e) {
    this.election = e;
  }

  private Fence fence() {
    LeaderElection e = election;
    return e == null ? Fence.NONE : e;
  }

  @Override
  public void elected() {
    starter.execute(this::lead);
  }

  private void lead() {
    TelegramTransport t;
    synchronized (this) {
      if (closed || transport != null || !fence().leading()) {
        return;
      }
      t = transports.get();
      transport = t;
      termStarted = clock.instant();
      watcher.start();
    }
    try {
      t.start(); // until polling runs, or the webhook is set; deposed meanwhile, it returns
      log.info("leading: {}", t.isWebhook() ? "serving the webhook" : "polling Telegram");
      firstTerm.complete(null);
    } catch (RuntimeException e) {
      log.error("could not start the Telegram transport", e);
      firstTerm.completeExceptionally(e);
      return;
    }
    try {
      leaderStart.run();
    } catch (RuntimeException e) {
      // Housekeeping and menus only: the term goes on without them.
      log.warn("the start of the term's housekeeping failed: {}", e.toString());
    }
  }

  /** True while this process leads (on SQLite, always once it joined the election). */
  boolean leading() {
    LeaderElection e = election;
    return e != null && e.leading();
  }

  @Override
  public void deposed() {
    TelegramTransport t;
    synchronized (this) {
      t = transport;
      transport = null;
    }
    // The fence already refuses every send and offset commit; this stops the threads too.
    if (t != null) {
      t.handOver();
    }
    watcher.close();
    log.warn("deposed: stopped polling, the watcher and the outbox; standing by");
  }

  /**
   * Waits until the first term's transport runs (polling, or the webhook set), throwing what
   * stopped it: how {@code run} fails fast on a rejected token when it leads from the start.
   */
  void awaitFirstTerm() {
    try {
      firstTerm.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  /** This term's transport; null on a standby. */
  synchronized TelegramTransport transport() {
    return transport;
  }

  /** A number from this term's transport, 0 on a standby (for the backlog metrics). */
  long fromTransport(ToLongFunction<TelegramTransport> f) {
    TelegramTransport t = transport();
    return t == null ? 0 : f.applyAsLong(t);
  }

  /**
   * {@code /healthz}'s {@code role}: {@code leader} or {@code standby}, always healthy (a standby
   * is well when it stands by); with the database's last answer when the lock cannot be checked.
   */
  HealthCheck roleCheck() {
    return HealthChecks.of(
        "role",
        () -> {
          LeaderElection e = election;
          if (e == null) {
            return "leader";
          }
          String error = e.lastError();
          return error == null ? e.role() : e.role() + " (last check: " + error + ")";
        });
  }

  /**
   * {@code /healthz}'s {@code telegram}: on the leader, polling alive (a long poll returns at least
   * every 50 s) or the webhook serving; on a standby, healthy with {@code standby}.
   */
  HealthCheck telegramCheck() {
    return HealthChecks.of(
        "telegram",
        () -> {
          TelegramTransport t;
          Instant since;
          synchronized (this) {
            t = transport;
            since = termStarted;
          }
          if (t == null) {
            return HealthCheck.Result.ok("standby: not polling");
          }
          if (t.isWebhook()) {
            // Telegram may post nothing for hours: what can fail is the listener.
            if (!t.isPolling()) {
              throw new IllegalStateException("the webhook is not serving");
            }
            return "webhook serving";
          }
          return HealthChecks.recent(
                  "telegram",
                  "last getUpdates",
                  () -> t.lastPoll().orElse(null),
                  POLL_HEALTH,
                  since,
                  clock)
              .check();
        });
  }

  /**
   * Stops what the leader runs (deleting the webhook: nobody else serves until this one leaves).
   */
  @Override
  public void close() {
    TelegramTransport t;
    synchronized (this) {
      closed = true;
      t = transport;
      transport = null;
    }
    if (t != null) {
      t.close();
    }
    watcher.close();
    starter.shutdownNow();
    try {
      starter.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
