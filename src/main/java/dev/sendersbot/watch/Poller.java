package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Reach;
import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.gateway.Holdback;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.status.Wording;
import dev.sendersbot.watch.PollHealth.Failure;
import dev.sendersbot.watch.PollHealth.HeldBack;
import dev.sendersbot.watch.PollHealth.Trouble;
import dev.sendersbot.watch.WatchStore.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: asks the provider, through the gateway, for the names of the account and of every
 * sub-client bound to a chat, compares them with the snapshot, and writes the new snapshot, the
 * outbox rows for the subscribed chats and the watcher's health in one transaction.
 *
 * <p>Which list: a scope's first poll in this process, a scope never seen, and every {@value
 * #FULL_EVERY}th interval read the whole list (so that added and removed names are seen); the polls
 * between ask only for names whose operator status changed since the day before the scope's last
 * successful poll ({@code from_date}, a day early so that midnight and time zones lose nothing). A
 * scope's first successful poll is a silent baseline. A scope that no chat is bound to any more is
 * forgotten.
 *
 * <p>Lists are asked with {@link SendersGateway#refresh} as {@link Caller#WATCHER}: a cached answer
 * could be older than the snapshot and would turn changes back, and the watcher has a share of the
 * list budget that chats cannot spend. A scope that cannot be read is skipped for this poll; {@link
 * PollHealth} judges whether that is a failure the owners must hear of (the provider's or the
 * network's) or only the bot's own budget holding back.
 */
final class Poller {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** Names per list request: the provider's maximum. */
  static final int PAGE = ListQuery.MAX_CNT;

  /** Every how many intervals a scope is read in full. */
  static final int FULL_EVERY = 10;

  /** A scope not read successfully for this many intervals was "away": its chats get a summary. */
  static final int AWAY_INTERVALS = 3;

  /** Card buttons at most per summary. */
  static final int MAX_CARDS = 8;

  /** How long sent and failed outbox rows are kept, for inspection. */
  static final Duration KEEP_DONE = Duration.ofDays(7);

  enum Outcome {
    /** Every scope read was new: its names were recorded without a word. */
    BASELINE,
    /** Every scope was read. */
    POLLED,
    /** Some scopes were read, some failed. */
    PARTIAL,
    /** No scope was read: the bot's own budget held the watcher back; not a failure. */
    SKIPPED,
    /** No scope was read: an error. */
    FAILED
  }

  /**
   * @param outcome how it went
   * @param changes changes found, over every scope (a baseline finds none)
   * @param messages outbox rows written (notifications and notices)
   * @param fullScopes the scopes read in full
   * @param error the failure in words; null when every scope was read
   */
  record Result(Outcome outcome, int changes, int messages, Set<String> fullScopes, String error) {}

  /**
   * One scope's answer.
   *
   * @param complete the whole list, not only recent changes
   */
  record Fetched(List<Sender> senders, boolean complete) {}

  private final WatchStore store;
  private final SendersGateway gateway;
  private final ChatRegistry chats;
  private final Set<Long> owners;
  private final PollHealth health;
  private final Clock clock;
  private final Duration interval;
  private final PollRecorder recorder;
  private final Runnable onQueued;
  private final WatchEvents events;

  /** Scopes read in full since this process started. Guarded by this. */
  private final Set<String> fullThisProcess = new HashSet<>();

  /**
   * Why each scope was not read in the last poll, for that scope's chats; see {@link #scopeErrors}.
   */
  private volatile Map<String, Wording> scopeErrors = Map.of();

  /**
   * The failure the stored state's last error describes, to say it in a reader's words; null before
   * the first failed poll of this process.
   */
  private volatile Failure lastCounted;

  Poller(
      WatchStore store,
      SendersGateway gateway,
      ChatRegistry chats,
      Set<Long> owners,
      Clock clock,
      Duration interval,
      Runnable onQueued) {
    this(store, gateway, chats, owners, clock, interval, onQueued, WatchEvents.NONE);
  }

  Poller(
      WatchStore store,
      SendersGateway gateway,
      ChatRegistry chats,
      Set<Long> owners,
      Clock clock,
      Duration interval,
      Runnable onQueued,
      WatchEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.chats = Objects.requireNonNull(chats, "chats");
    this.owners = new TreeSet<>(owners);
    this.health = new PollHealth(owners, store.readers());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.onQueued = Objects.requireNonNull(onQueued, "onQueued");
    this.recorder =
        new PollRecorder(store, new Router(chats, this.owners, store.readers()), health, interval);
    this.events = Objects.requireNonNull(events, "events");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watch interval must be positive: " + interval);
    }
  }

  Duration interval() {
    return interval;
  }

  /**
   * Why the last poll did not read each scope it could not, keyed by scope, in words fit for that
   * scope's chats: they name no other sub-client and carry no other sub-client's error (the owners'
   * alert and {@code watch_state} keep the full story). Empty after a clean poll.
   */
  Map<String, Wording> scopeErrors() {
    return scopeErrors;
  }

  /** See {@link #lastCounted}. */
  Failure lastCounted() {
    return lastCounted;
  }

  /** Polls now, on the calling thread. Never throws for provider trouble; the result says. */
  synchronized Result pollOnce() {
    long started = System.nanoTime();
    Result r = poll();
    try {
      events.pollFinished(Duration.ofNanos(System.nanoTime() - started), r.error() == null);
    } catch (RuntimeException e) {
      log.warn("watcher: the poll listener failed", e);
    }
    return r;
  }

  private Result poll() {
    Instant now = clock.instant();
    Set<String> wanted = new TreeSet<>();
    wanted.add(WatchStore.ACCOUNT);
    Map<String, Scope> known;
    try {
      for (ChatGrant g : chats.all()) {
        Reach.of(g.chatId(), owners, g).map(Reach::subClient).ifPresent(wanted::add);
      }
      known = store.scopes();
    } catch (RuntimeException e) {
      log.warn("watcher: cannot read the chats or scopes", e);
      return recordSafely(
          now,
          Map.of(),
          List.of(
              new Failure(
                  Trouble.ERROR,
                  WatchStore.ACCOUNT,
                  "cannot read the bot's database: " + e.getMessage(),
                  false,
                  HealthWords.database(e.getMessage()))),
          null);
    }

    Map<String, Fetched> fetched = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    for (String scope : wanted) {
      try {
        fetched.put(scope, fetch(scope, known.get(scope), now));
      } catch (RuntimeException e) {
        failures.add(PollHealth.classify(scope, e));
      }
      if (!failures.isEmpty() && failures.get(failures.size() - 1).trouble().urgent) {
        break; // every further call would meet the same suspension
      }
    }
    scopeErrors = PollHealth.perScope(wanted, fetched.keySet(), failures);
    return recordSafely(now, fetched, failures, wanted);
  }

  private Result recordSafely(
      Instant now, Map<String, Fetched> fetched, List<Failure> failures, Set<String> wanted) {
    PollHealth.worstCounted(failures).ifPresent(f -> lastCounted = f);
    try {
      return record(now, fetched, failures, wanted);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // The watcher is being closed: the poll is simply not recorded, and the next run polls.
        log.info("watcher: stopped before the poll was recorded");
      } else {
        log.error("watcher: cannot record the poll", e);
      }
      return new Result(
          Outcome.FAILED, 0, 0, Set.of(), "cannot record the poll: " + e.getMessage());
    }
  }

  private Fetched fetch(String scope, Scope known, Instant now) {
    String user = scope.isEmpty() ? null : scope;
    boolean full =
        known == null
            || !fullThisProcess.contains(scope)
            || !now.isBefore(
                known
                    .lastFullAt()
                    .plus(interval.multipliedBy(FULL_EVERY))
                    .minus(interval.dividedBy(2)));
    if (!full) {
      LocalDate from = LocalDate.ofInstant(known.lastSuccessAt(), ZoneOffset.UTC).minusDays(1);
      List<Sender> recent = ask(new ListQuery(true, true, from, null, PAGE, user));
      if (recent.size() < PAGE) {
        return new Fetched(recent, false);
      }
      // As many changes as a page holds: some may be missing, so read everything.
    }
    List<Sender> all = new ArrayList<>();
    ListQuery q = new ListQuery(true, true, null, null, PAGE, user);
    while (true) {
      List<Sender> page = ask(q);
      all.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      long oldest = page.stream().mapToLong(Sender::id).min().orElse(0);
      if (oldest <= 1 || (q.prevId() != null && oldest >= q.prevId())) {
        break; // no further page can exist, or paging makes no progress
      }
      q = q.withPrevId(oldest);
    }
    return new Fetched(all, true);
  }

  /**
   * Asks as the watcher, which has a share of the list budget kept for it. The bot's gateway then
   * never answers from its cache (it throws why); another gateway's stale answer is judged by its
   * reason, or failing that by the gateway's state.
   */
  private List<Sender> ask(ListQuery q) {
    Answer<List<Sender>> a = gateway.refresh(q, Caller.WATCHER);
    if (!a.stale()) {
      return a.value();
    }
    GatewayStatus st = gateway.status();
    if (st != null && st.suspension() != null) {
      throw new HeldBack(
          Trouble.SUSPENDED,
          "provider calls are suspended: " + st.suspension(),
          HealthWords.suspended(st));
    }
    boolean provider =
        a.holdback() != null
            ? a.holdback().cause() == Holdback.Cause.PROVIDER
            : st != null && st.lastError() != null;
    String why =
        !provider
            ? "its rate budget is spent"
            : st == null || st.lastError() == null
                ? "the provider is in trouble"
                : "the provider's last error was: " + st.lastError();
    throw new HeldBack(
        provider ? Trouble.ERROR : Trouble.OWN_BUDGET,
        "the gateway served a cached list instead of asking the provider (" + why + ")",
        HealthWords.cached(provider, st));
  }

  private Result record(
      Instant now, Map<String, Fetched> fetched, List<Failure> failures, Set<String> wanted) {
    Result result = recorder.record(now, fetched, failures, wanted);
    fetched.forEach(
        (key, f) -> {
          if (f.complete()) {
            fullThisProcess.add(key);
          }
        });
    if (result.changes() > 0 || result.messages() > 0 || result.error() != null) {
      log.info(
          "watcher: poll {}: {} change(s), {} message(s) queued{}",
          result.outcome().name().toLowerCase(Locale.ROOT),
          result.changes(),
          result.messages(),
          result.error() == null ? "" : "; " + result.error());
    } else {
      log.debug(
          "watcher: poll {}: nothing changed", result.outcome().name().toLowerCase(Locale.ROOT));
    }
    if (result.messages() > 0) {
      onQueued.run();
    }
    return result;
  }
}
