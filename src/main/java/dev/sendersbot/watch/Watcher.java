package dev.sendersbot.watch;

import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.status.Wording;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.ChatAlerts;
import dev.sendersbot.store.ChatSettings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.store.Subscriptions;
import dev.sendersbot.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status watcher: polls the provider every interval for status changes of the account's names
 * and of every sub-client bound to a chat, writes one outbox row per subscribed chat and change in
 * the same transaction as the new snapshot, and sends the outbox to Telegram; the owners hear when
 * it cannot poll and when it can again. Both run on daemon threads once {@link #start}ed.
 *
 * <p>Alerts carry inline buttons whose callback data is a {@link ButtonActions} token with action
 * {@value #CARD_ACTION} and the sender name as its arguments, created for the alert's chat and
 * anyone in it (user 0): the chat core answers such a press with the name's card, as {@code /sender
 * NAME} would.
 *
 * <p>The database stays the caller's to close, after {@link #close} of the watcher.
 */
public final class Watcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watcher.class);

  /** The {@link ButtonActions} action of an alert's card button; its args are the name. */
  public static final String CARD_ACTION = CardButtons.ACTION;

  private final WatchStore store;
  private final Outbox outbox;
  private final Subscriptions subscriptions;
  private final ChatAlerts alerts;
  private final Poller poller;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final Object life = new Object();
  private ScheduledExecutorService schedule; // guarded by life
  private volatile Instant nextPollAt;

  private Watcher(
      WatchStore store,
      Subscriptions subscriptions,
      Poller poller,
      Dispatcher dispatcher,
      Clock clock) {
    this.store = store;
    this.outbox = new Outbox(store.db());
    this.subscriptions = subscriptions;
    this.alerts = new SqliteChatAlerts(store.db(), clock);
    this.poller = poller;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /**
   * Starts the wiring of a watcher; what is not given has its default: no events, the system's
   * sleeper, every chat in English and UTC.
   *
   * @param db the bot's database (schema version 3 or later)
   * @param gateway every provider call goes through it; the watcher's lists count against its
   *     budgets
   * @param chats which chats exist and which sub-client each is bound to
   * @param buttons where alert buttons keep their state
   * @param messenger sends to Telegram, keeping its rate limits
   * @param owners Telegram user ids of the owners; their private chats get the watcher's own alerts
   * @param interval how often to poll ({@code watch.interval})
   * @param clock the time
   */
  public static Builder builder(
      Database db,
      SendersGateway gateway,
      ChatRegistry chats,
      ButtonActions buttons,
      Messenger messenger,
      Set<Long> owners,
      Duration interval,
      Clock clock) {
    return new Builder(db, gateway, chats, buttons, messenger, owners, interval, clock);
  }

  /** The optional parts of a watcher, then {@link #build}. */
  public static final class Builder {
    private final Database db;
    private final SendersGateway gateway;
    private final ChatRegistry chats;
    private final ButtonActions buttons;
    private final Messenger messenger;
    private final Set<Long> owners;
    private final Duration interval;
    private final Clock clock;
    private Sleeper sleeper = Sleeper.system();
    private WatchEvents events = WatchEvents.NONE;
    private Readers readers = Readers.ENGLISH_UTC;

    private Builder(
        Database db,
        SendersGateway gateway,
        ChatRegistry chats,
        ButtonActions buttons,
        Messenger messenger,
        Set<Long> owners,
        Duration interval,
        Clock clock) {
      this.db = Objects.requireNonNull(db, "db");
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.chats = Objects.requireNonNull(chats, "chats");
      this.buttons = Objects.requireNonNull(buttons, "buttons");
      this.messenger = Objects.requireNonNull(messenger, "messenger");
      this.owners = Objects.requireNonNull(owners, "owners");
      this.interval = Objects.requireNonNull(interval, "interval");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Told what happens, for metrics. */
    public Builder events(WatchEvents events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Notifications in each chat's language and zone ({@code settings}), else {@code language} and
     * {@code zone}: the watcher as the bot runs it.
     */
    public Builder readers(ChatSettings settings, Lang language, ZoneId zone) {
      return readers(Readers.of(settings, language, zone, Messages.standard()));
    }

    /** Each chat's readers as given (tests give theirs a language without the database). */
    Builder readers(Readers readers) {
      this.readers = Objects.requireNonNull(readers, "readers");
      return this;
    }

    /** How waits are slept (tests move their own clock). */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public Watcher build() {
      WatchStore store = new WatchStore(db, readers);
      Dispatcher dispatcher =
          new Dispatcher(store, messenger, chats, buttons, owners, clock, sleeper, events);
      Poller poller =
          new Poller(store, gateway, chats, owners, clock, interval, dispatcher::wake, events);
      return new Watcher(store, new SqliteSubscriptions(db, clock), poller, dispatcher, clock);
    }
  }

  /** The chats' mutes, quiet hours and daily summaries, for the commands that set them. */
  public ChatAlerts alerts() {
    return alerts;
  }

  /** The subscriptions, for {@code /subscribe}, {@code /unsubscribe} and {@code /subscriptions}. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /**
   * Starts polling (the first poll at once, then every interval after the previous one ended) and
   * sending, each on its own daemon thread. Pending notifications from before a restart go out
   * first.
   */
  public void start() {
    synchronized (life) {
      if (schedule != null) {
        return;
      }
      dispatcher.start();
      schedule =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "senders-bot-watcher");
                t.setDaemon(true);
                return t;
              });
      nextPollAt = clock.instant();
      long every = poller.interval().toMillis();
      // pollSafely catches and logs everything itself: the future would only ever hold a cancel.
      var unused =
          schedule.scheduleWithFixedDelay(this::pollSafely, 0, every, TimeUnit.MILLISECONDS);
      log.info("watcher: polling every {}", poller.interval());
    }
  }

  private void pollSafely() {
    try {
      poller.pollOnce();
    } catch (Throwable t) {
      // A throw would cancel the schedule for good.
      log.error("watcher: poll failed unexpectedly", t);
    } finally {
      nextPollAt = clock.instant().plus(poller.interval());
    }
  }

  /** What {@code /status} shows; {@link WatcherStatus#scopedTo} narrows it for a bound chat. */
  public WatcherStatus status() {
    WatchStore.State st = store.state();
    boolean running;
    synchronized (life) {
      running = schedule != null;
    }
    Map<String, Wording> errors = poller.scopeErrors();
    Map<String, WatcherStatus.ScopeHealth> scopes = new HashMap<>();
    store
        .scopes()
        .forEach(
            (key, scope) ->
                scopes.put(
                    key, new WatcherStatus.ScopeHealth(scope.lastSuccessAt(), errors.get(key))));
    errors.forEach(
        (key, error) -> scopes.putIfAbsent(key, new WatcherStatus.ScopeHealth(null, error)));
    Map<Long, Long> pending = outbox.pendingByChat();
    return new WatcherStatus(
        st.lastSuccessAt(),
        running ? nextPollAt : null,
        st.failures() > 0 ? lastError(st.lastError()) : null,
        pending.values().stream().mapToLong(Long::longValue).sum(),
        scopes,
        pending);
  }

  /**
   * The stored last error in the reader's words, from the failure this process met. After a
   * restart, until the next poll, only the stored English is known: it is shown as it is (escaped),
   * which is acceptable for the minutes before the next poll words it again.
   */
  private Wording lastError(String stored) {
    if (stored == null) {
      return null;
    }
    PollHealth.Failure f = poller.lastCounted();
    return f != null && f.describe().equals(stored) ? f : HealthWords.verbatim(stored);
  }

  /**
   * How long the oldest notification not yet delivered has waited ({@code
   * sendersbot_outbox_oldest_unsent_seconds}); zero when nothing waits.
   */
  public Duration oldestPendingAge() {
    return outbox
        .oldestPending()
        .map(at -> Duration.between(at, clock.instant()))
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .orElse(Duration.ZERO);
  }

  Poller poller() {
    return poller;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Stops both threads, letting a message in flight finish (a few seconds at most). */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (life) {
      s = schedule;
      schedule = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dispatcher.stop(Duration.ofSeconds(5));
  }
}
