package dev.sendersbot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.Key;
import dev.sendersbot.gateway.GatewayMetrics.Outcome;
import dev.sendersbot.gateway.GatewayRefusal.Reason;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.time.RollingWindow;
import dev.sendersbot.time.Sleeper;
import dev.sendersbot.time.SystemTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway the bot runs with: caches and coalesces lists, keeps every kind of request inside
 * the provider's limits, and stops calling the provider when it signals trouble.
 *
 * <ul>
 *   <li>Lists are cached per {@link ListQuery} (sub-client included), fresh for {@code
 *       cache.list-ttl}; expired answers are kept longer to be served, marked stale, when a new
 *       request is not allowed or fails. Concurrent identical lists share one provider request. A
 *       successful add, change, delete or confirmation supersedes the cached lists of its
 *       sub-client: never fresh again, the next list asks the provider (waiting for budget if need
 *       be), and only when it cannot is the old answer shown, marked stale.
 *   <li>Budgets per account: identical lists per rolling minute, creations per rolling minute,
 *       requests in flight. Past a budget a list is served stale if it can be; otherwise the
 *       caller waits up to {@code gateway.max-wait} or is refused with a time to retry. Nothing
 *       is queued beyond the caller's own wait.
 *   <li>The status watcher's share: with {@link Builder#watchInterval}, every identical-list
 *       budget keeps the watcher's polls per minute for {@link Caller#WATCHER} (see {@link
 *       ListBudgets}) and one request in flight; chats share the rest, and each chat's refreshes
 *       are spaced by {@code gateway.chat-refresh-interval}. The watcher never gets a cached
 *       answer: it gets the refusal or the error, so that it can tell the bot's own budget from
 *       provider trouble.
 *   <li>Provider trouble ({@link ProviderState}): error 9 cools its kind of request down; error 2
 *       stops every call until {@link #resume()}; error 4 stops every call for the block's length;
 *       a run of transport failures opens a circuit that one probe at a time may close. The
 *       gateway never retries.
 * </ul>
 */
public final class CachingGateway implements SendersGateway {
  private static final Logger log = LoggerFactory.getLogger(CachingGateway.class);

  /**
   * The span a rolling-minute budget covers. The provider counts "within a minute" on its own
   * clock when requests arrive; the extra seconds absorb network jitter and a send that goes out
   * up to {@link #SEND_DRIFT} after its reserved time.
   */
  static final Duration BUDGET_WINDOW = Duration.ofSeconds(62);

  /** How much later than its reserved slot a request may go out before it must reserve again. */
  static final Duration SEND_DRIFT = Duration.ofSeconds(1);

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  /**
   * A list answer and the invalidation generation of its sub-client when it was asked: an entry
   * of an older generation is superseded (a mutation happened since) and never fresh.
   */
  private record Entry(List<Sender> senders, Instant fetchedAt, long generation) {}

  /**
   * In-flight lists are shared per query and per invalidation generation of its sub-client, and
   * apart for the watcher: a chat's answer may be stale, which the watcher must not get, and the
   * watcher's refusal is not the chat's.
   */
  private record FlightKey(ListQuery query, long generation, boolean watcher) {}

  /**
   * Permission to send one request: the budget slot it holds, whether it is the probe, and
   * whether it holds one of the chats' permits besides the in-flight one.
   */
  private record Ticket(RollingWindow.Slot slot, boolean probe, boolean chatPermit) {}

  private final SendersApi api;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int createsPerMinute;
  private final int maxInFlight;
  private final Duration maxWait;
  private final Duration listTtl;

  private final Cache<ListQuery, Entry> cache;
  private final ConcurrentHashMap<FlightKey, CompletableFuture<Answer<List<Sender>>>> flights =
      new ConcurrentHashMap<>();
  private final Semaphore inFlight;
  /** Permits for everyone but the watcher: one fewer than in flight, when a watcher is served. */
  private final Semaphore chatPermits;
  private final ChatRefreshes chatRefreshes;
  private final Counters counters = new Counters();

  // Everything below is guarded by lock.
  private final Object lock = new Object();
  private final Map<String, Long> generations = new HashMap<>();
  private final ListBudgets listBudgets;
  private final RollingWindow createWindow;
  private final Deque<Instant> listSends = new ArrayDeque<>();
  private final Deque<Instant> createSends = new ArrayDeque<>();
  private final ProviderState provider;

  private CachingGateway(Builder b) {
    this.api = b.api;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.createsPerMinute = b.budgets.createsPerMinute();
    this.maxInFlight = b.budgets.maxInFlight();
    this.maxWait = b.budgets.maxWait();
    this.listTtl = b.cache.listTtl();
    this.inFlight = new Semaphore(maxInFlight, true);
    this.listBudgets = new ListBudgets(b.budgets.listsPerMinute(), b.watchInterval);
    this.chatPermits = b.watchInterval != null && maxInFlight > 1
        ? new Semaphore(maxInFlight - 1, true) : null;
    this.chatRefreshes = new ChatRefreshes(b.budgets.chatRefreshInterval());
    this.createWindow = new RollingWindow(createsPerMinute, BUDGET_WINDOW);
    this.provider = new ProviderState(b.listener, b.coolDown, b.ipBlock, b.circuitFailures,
        b.circuitCoolOff);
    Clock c = b.clock;
    Ticker ticker = () -> {
      Instant now = c.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(b.keepStaleFor)
        .maximumSize(b.maxCachedLists)
        // Maintenance on the calling thread: sizes and expiry are exact at once, and no pool
        // thread outlives the gateway.
        .executor(Runnable::run)
        .build();
  }

  /** A gateway with the defaults for everything but the budgets and the cache period. */
  public static CachingGateway create(SendersApi api, Config.Gateway budgets, Config.Cache cache) {
    return builder(api, budgets, cache).build();
  }

  public static Builder builder(SendersApi api, Config.Gateway budgets, Config.Cache cache) {
    return new Builder(api, budgets, cache);
  }

  // ---------------------------------------------------------------------------------------------
  // Lists

  @Override
  public Answer<List<Sender>> list(ListQuery query) {
    return listing(query, null);
  }

  @Override
  public Answer<List<Sender>> refresh(ListQuery query, Caller caller) {
    return listing(query, Objects.requireNonNull(caller, "caller"));
  }

  /** A list; {@code refresher} is who wants it fresh, null for a list the cache may answer. */
  private Answer<List<Sender>> listing(ListQuery query, Caller refresher) {
    Objects.requireNonNull(query, "query");
    boolean wantFresh = refresher != null;
    boolean watcher = wantFresh && refresher.isWatcher();
    try {
      Instant asked = now();
      // Generation first: an invalidation after this point discards what this call fetches.
      long generation = generation(query.user());
      Entry cached = cache.getIfPresent(query);
      if (satisfies(cached, generation, wantFresh, asked)) {
        counters.cacheHits.increment();
        return new Answer<>(cached.senders(), cached.fetchedAt(), false);
      }
      if (wantFresh && !watcher && cached != null && cached.generation() == generation) {
        // A refresh after a change of the names always asks: the chat may have made it.
        Duration spacing = chatRefreshes.wait(refresher.chatId(), asked);
        if (!spacing.isZero()) {
          return stale(cached, new Holdback(Holdback.Cause.CHAT_REFRESHED_RECENTLY, spacing));
        }
      }
      Answer<List<Sender>> answer = shared(query, generation, asked, wantFresh, watcher);
      if (wantFresh && !watcher && !answer.stale()) {
        chatRefreshes.fresh(refresher.chatId(), asked);
      }
      return answer;
    } catch (GatewayRefusal r) {
      counters.refused(r.reason());
      throw r;
    } finally {
      fireEvents();
    }
  }

  /** Joins the same list in flight, or asks the provider and lets later callers join. */
  private Answer<List<Sender>> shared(ListQuery query, long generation, Instant asked,
      boolean wantFresh, boolean watcher) {
    FlightKey key = new FlightKey(query, generation, watcher);
    CompletableFuture<Answer<List<Sender>>> mine = new CompletableFuture<>();
    CompletableFuture<Answer<List<Sender>>> leader = flights.putIfAbsent(key, mine);
    if (leader != null) {
      counters.coalesced.increment();
      return await(leader);
    }
    try {
      // A leader that finished between our look at the cache and now has cached its answer.
      Entry cached = cache.getIfPresent(query);
      Answer<List<Sender>> answer;
      if (satisfies(cached, generation, wantFresh, asked)) {
        counters.cacheHits.increment();
        answer = new Answer<>(cached.senders(), cached.fetchedAt(), false);
      } else {
        counters.cacheMisses.increment();
        answer = load(query, generation, cached, watcher);
      }
      mine.complete(answer);
      return answer;
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      throw t;
    } finally {
      flights.remove(key, mine);
    }
  }

  private Answer<List<Sender>> load(ListQuery query, long generation, Entry cached,
      boolean watcher) {
    // The watcher has no fallback: it must learn why it could not ask. A chat with an answer to
    // show does not wait: that answer is its fallback. A superseded answer misses a change the
    // caller may just have made, so that one is worth a short wait.
    Entry fallback = watcher ? null : cached;
    Duration wait = watcher ? maxWait.compareTo(ListBudgets.WATCHER_WAIT) > 0
            ? maxWait : ListBudgets.WATCHER_WAIT
        : fallback == null || fallback.generation() != generation ? maxWait : Duration.ZERO;
    Ticket ticket;
    try {
      ticket = admit(RequestKind.LISTS, query, watcher, wait);
    } catch (GatewayRefusal r) {
      if (fallback != null) {
        Holdback.Cause cause = r.reason() == Reason.BUDGET
            ? Holdback.Cause.CHATS_SHARE_SPENT : Holdback.Cause.PROVIDER;
        return stale(fallback, new Holdback(cause, r.retryAfter()));
      }
      throw r;
    }
    List<Sender> senders;
    try {
      senders = List.copyOf(call(ticket, ProviderOperation.LIST, () -> api.list(query)));
    } catch (SmscException e) {
      if (fallback != null && isTrouble(e)) {
        return stale(fallback, new Holdback(Holdback.Cause.PROVIDER, null));
      }
      throw e;
    }
    Entry entry = new Entry(senders, now(), generation);
    // If a mutation came in meanwhile, the entry is stored superseded: never fresh, but the
    // newest fallback there is.
    cache.asMap().merge(query, entry, CachingGateway::newer);
    return new Answer<>(senders, entry.fetchedAt(), false);
  }

  private Answer<List<Sender>> stale(Entry cached, Holdback why) {
    counters.staleAnswers.increment();
    return new Answer<>(cached.senders(), cached.fetchedAt(), true, why);
  }

  private static Entry newer(Entry a, Entry b) {
    if (a.generation() != b.generation()) {
      return a.generation() > b.generation() ? a : b;
    }
    return a.fetchedAt().isAfter(b.fetchedAt()) ? a : b;
  }

  /**
   * A cached answer of the current generation does for a list while fresh; for a refresh only
   * when it was fetched after the refresh was asked.
   */
  private boolean satisfies(Entry e, long generation, boolean wantFresh, Instant asked) {
    if (e == null || e.generation() != generation) {
      return false;
    }
    return wantFresh ? !e.fetchedAt().isBefore(asked) : now().isBefore(e.fetchedAt().plus(listTtl));
  }

  /** Trouble the provider or the network has, rather than an answer about the question. */
  private static boolean isTrouble(SmscException e) {
    if (e instanceof SmscError err) {
      return err.is(SmscErrorCode.RATE_LIMITED) || err.is(SmscErrorCode.CREDENTIALS)
          || err.is(SmscErrorCode.IP_BLOCKED);
    }
    return true;
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private long generation(String user) {
    synchronized (lock) {
      return generations.getOrDefault(userKey(user), 0L);
    }
  }

  private static String userKey(String user) {
    return user == null ? "" : user; // "" is never a sub-client login
  }

  /**
   * Supersedes every cached list of this sub-client and any list of it now in flight: a later
   * list call neither takes them as fresh nor joins them.
   */
  private void invalidate(String user) {
    synchronized (lock) {
      generations.merge(userKey(user), 1L, Long::sum);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Mutations

  @Override
  public long add(AddRequest request) {
    Objects.requireNonNull(request, "request");
    return mutate(ProviderOperation.ADD, request.user(), true, () -> api.add(request));
  }

  @Override
  public void change(ChangeRequest request) {
    Objects.requireNonNull(request, "request");
    mutate(ProviderOperation.CHANGE, request.user(), true, () -> {
      api.change(request);
      return null;
    });
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    Objects.requireNonNull(request, "request");
    // Sending a code changes no list: the name is confirmed only by checkCode.
    mutate(ProviderOperation.SEND_CODE, request.user(), false, () -> {
      api.sendCode(request);
      return null;
    });
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    Objects.requireNonNull(request, "request");
    mutate(ProviderOperation.CHECK_CODE, request.user(), true, () -> {
      api.checkCode(request);
      return null;
    });
  }

  @Override
  public void delete(DeleteRequest request) {
    Objects.requireNonNull(request, "request");
    mutate(ProviderOperation.DELETE, request.user(), true, () -> {
      api.delete(request);
      return null;
    });
  }

  private <T> T mutate(
      ProviderOperation op, String user, boolean invalidates, Supplier<T> request) {
    try {
      Ticket ticket = admit(RequestKind.of(op), null, false, maxWait);
      try {
        T result = call(ticket, op, request);
        if (invalidates) {
          invalidate(user);
        }
        return result;
      } catch (SmscTransportException e) {
        // The provider may have done it before the answer was lost: the lists are in doubt too.
        if (invalidates) {
          invalidate(user);
        }
        throw e;
      }
    } catch (GatewayRefusal r) {
      counters.refused(r.reason());
      throw r;
    } finally {
      fireEvents();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Admission: gates, rolling budgets, in-flight limit

  /**
   * Lets one request of this kind go to the provider, waiting up to {@code maxWaitHere}, or refuses
   * it. The caller must pass the ticket to {@link #call} at once.
   *
   * @param watcher whether the status watcher asks: its share of the budgets, not the chats'
   */
  private Ticket admit(RequestKind kind, ListQuery query, boolean watcher, Duration maxWaitHere) {
    Instant deadline = now().plus(maxWaitHere);
    while (true) {
      RollingWindow window;
      RollingWindow.Slot slot;
      Duration wait;
      synchronized (lock) {
        Instant now = now();
        provider.check(kind, now, false);
        window = windowFor(kind, query, watcher, now);
        slot = window == null ? null : window.reserve(now);
        wait = slot == null ? Duration.ZERO : Duration.between(now, slot.at);
        if (wait.isNegative()) {
          wait = Duration.ZERO;
        }
        if (!wait.isZero() && slot.at.isAfter(deadline)) {
          window.cancel(slot);
          throw new GatewayRefusal(Reason.BUDGET, wait, budgetWords(kind, watcher)
              + "; next slot in " + wait.truncatedTo(ChronoUnit.SECONDS).toSeconds() + " s");
        }
        if (!wait.isZero()) {
          counters.budgetWaits.increment();
        }
      }
      if (!wait.isZero()) {
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          cancel(window, slot);
          Thread.currentThread().interrupt();
          throw new GatewayRefusal(Reason.BUDGET, wait, "interrupted while waiting for budget");
        }
      }
      boolean chatPermit = !watcher && chatPermits != null;
      if (!acquirePermits(chatPermit, remaining(deadline))) {
        cancel(window, slot);
        throw new GatewayRefusal(Reason.BUDGET, IN_FLIGHT_RETRY, (chatPermit ? maxInFlight - 1
            + " provider requests (all but the status watcher's) are" : maxInFlight
            + " provider requests are") + " already running");
      }
      synchronized (lock) {
        Instant now = now();
        boolean probe;
        try {
          probe = provider.check(kind, now, true);
        } catch (GatewayRefusal r) {
          if (slot != null) {
            window.cancel(slot);
          }
          releasePermits(chatPermit);
          throw r;
        }
        if (slot != null && now.isAfter(slot.at.plus(SEND_DRIFT))) {
          // Waiting for a permit made this send later than its slot, and later reservations
          // were planned around the slot: take a new one.
          window.cancel(slot);
          releasePermits(chatPermit);
          if (probe) {
            provider.probeDropped();
          }
          continue;
        }
        Deque<Instant> sends = kind == RequestKind.LISTS ? listSends
            : kind == RequestKind.CREATES ? createSends : null;
        if (sends != null) {
          sends.addLast(now);
          prune(sends, now);
        }
        return new Ticket(slot, probe, chatPermit);
      }
    }
  }

  /** The window the request takes a slot from; null when its kind has none. Holds lock. */
  private RollingWindow windowFor(RequestKind kind, ListQuery query, boolean watcher,
      Instant now) {
    return switch (kind) {
      case LISTS -> {
        RollingWindow w = listBudgets.window(query, watcher, now);
        if (w == null) {
          throw new GatewayRefusal(Reason.BUDGET, null, budgetWords(kind, watcher));
        }
        yield w;
      }
      case CREATES -> createWindow;
      case OTHERS -> null;
    };
  }

  private String budgetWords(RequestKind kind, boolean watcher) {
    return switch (kind) {
      case LISTS -> listBudgets.spentWords(watcher);
      case CREATES -> "creation budget (" + createsPerMinute + " a minute) is spent";
      case OTHERS -> "budget is spent";
    };
  }

  private void cancel(RollingWindow window, RollingWindow.Slot slot) {
    if (slot != null) {
      synchronized (lock) {
        window.cancel(slot);
      }
    }
  }

  private Duration remaining(Instant deadline) {
    Duration d = Duration.between(now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** An in-flight permit, first one of the chats' when {@code chatPermit}; false if none came. */
  private boolean acquirePermits(boolean chatPermit, Duration timeout) {
    Instant until = now().plus(timeout);
    if (chatPermit && !acquire(chatPermits, timeout)) {
      return false;
    }
    if (!acquire(inFlight, remaining(until))) {
      if (chatPermit) {
        chatPermits.release();
      }
      return false;
    }
    return true;
  }

  private void releasePermits(boolean chatPermit) {
    inFlight.release();
    if (chatPermit) {
      chatPermits.release();
    }
  }

  private static boolean acquire(Semaphore permits, Duration timeout) {
    try {
      return timeout.isZero()
          ? permits.tryAcquire()
          : permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The provider call and what its outcome teaches

  private <T> T call(Ticket ticket, ProviderOperation op, Supplier<T> request) {
    try {
      T result = request.get();
      synchronized (lock) {
        provider.succeeded(now());
      }
      counters.request(op, Outcome.OK);
      return result;
    } catch (SmscError e) {
      counters.request(op, Outcome.PROVIDER_ERROR);
      counters.providerError(e.rawCode());
      synchronized (lock) {
        provider.providerError(e, RequestKind.of(op), now());
      }
      throw e;
    } catch (SmscTransportException e) {
      counters.request(op, Outcome.TRANSPORT_ERROR);
      synchronized (lock) {
        provider.transportFailed(e, ticket.probe(), now());
      }
      throw e;
    } catch (RuntimeException | Error e) {
      // Raised before any request (bad input): the provider taught us nothing.
      if (ticket.probe()) {
        synchronized (lock) {
          provider.probeDropped();
        }
      }
      throw e;
    } finally {
      releasePermits(ticket.chatPermit());
    }
  }

  /** Tells the listener what changed, outside the lock and never failing the caller. */
  private void fireEvents() {
    while (true) {
      Runnable event;
      synchronized (lock) {
        event = provider.nextEvent();
      }
      if (event == null) {
        return;
      }
      try {
        event.run();
      } catch (RuntimeException e) {
        log.warn("Gateway listener failed", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Owner actions and state

  /** Allows provider calls again after error 2. An IP block (error 4) still runs its course. */
  @Override
  public void resume() {
    synchronized (lock) {
      provider.resume();
    }
    fireEvents();
  }

  @Override
  public GatewayStatus status() {
    GatewayStatus status;
    synchronized (lock) {
      Instant now = now();
      provider.expireIpBlock(now);
      prune(listSends, now);
      prune(createSends, now);
      cache.cleanUp();
      GatewayMetrics m = counters.snapshot();
      status = new GatewayStatus(
          provider.lastSuccess(),
          provider.lastError(),
          provider.lastErrorAt(),
          cache.estimatedSize(),
          m.cacheHitRate(),
          listSends.size(),
          createSends.size(),
          createsPerMinute,
          maxInFlight - inFlight.availablePermits(),
          maxInFlight,
          provider.circuitWords(now),
          provider.suspension(),
          provider.ipBlockedUntil(),
          m.providerRequests());
    }
    fireEvents();
    return status;
  }

  /** Counters since start, for the metrics endpoint. */
  public GatewayMetrics metrics() {
    return counters.snapshot();
  }

  private static void prune(Deque<Instant> sends, Instant now) {
    Instant horizon = now.minus(MINUTE);
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(horizon)) {
      sends.removeFirst();
    }
  }

  private Instant now() {
    return clock.instant();
  }

  /** Builds a {@link CachingGateway}; budgets and the cache period come from the configuration. */
  public static final class Builder {
    private final SendersApi api;
    private final Config.Gateway budgets;
    private final Config.Cache cache;
    private Clock clock = SystemTime.clock();
    private Sleeper sleeper = Sleeper.system();
    private GatewayListener listener = GatewayListener.NONE;
    private Duration keepStaleFor;
    private Duration coolDown = Duration.ofSeconds(60);
    private Duration ipBlock = Duration.ofMinutes(30);
    private int circuitFailures = 5;
    private Duration circuitCoolOff = Duration.ofSeconds(30);
    private long maxCachedLists = 1_000;
    private Duration watchInterval;

    private Builder(SendersApi api, Config.Gateway budgets, Config.Cache cache) {
      this.api = Objects.requireNonNull(api, "api");
      this.budgets = Objects.requireNonNull(budgets, "budgets");
      this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The time the gateway reads (cache ages, budgets, blocks); the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Told of suspensions (error 2, error 4) and their end; nothing by default. */
    public Builder listener(GatewayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How long an expired list stays available to be served stale; 10 × list-ttl by default. */
    public Builder keepStaleFor(Duration d) {
      this.keepStaleFor = positive("keepStaleFor", d);
      return this;
    }

    /** How long a kind of request pauses after error 9; 60 s by default. */
    public Builder coolDown(Duration d) {
      this.coolDown = positive("coolDown", d);
      return this;
    }

    /** How long all calls stop after error 4; 30 min by default (the provider's block). */
    public Builder ipBlock(Duration d) {
      this.ipBlock = positive("ipBlock", d);
      return this;
    }

    /** Transport failures in a row that open the circuit (5), and how long it stays open (30 s). */
    public Builder circuit(int failures, Duration coolOff) {
      if (failures < 1) {
        throw new IllegalArgumentException("circuit failures must be at least 1: " + failures);
      }
      this.circuitFailures = failures;
      this.circuitCoolOff = positive("circuit coolOff", coolOff);
      return this;
    }

    /** At most this many distinct list answers are cached (1000 by default). */
    public Builder maxCachedLists(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxCachedLists must be at least 1: " + n);
      }
      this.maxCachedLists = n;
      return this;
    }

    /**
     * The status watcher polls through this gateway every {@code interval}: it keeps that many
     * polls a minute of every identical-list budget, and one request in flight, for {@link
     * Caller#WATCHER}; chats share the rest. Without it, everyone shares every budget.
     */
    public Builder watchInterval(Duration interval) {
      this.watchInterval = positive("watch.interval", interval);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public CachingGateway build() {
      range(Key.GATEWAY_LISTS_PER_MINUTE, budgets.listsPerMinute());
      range(Key.GATEWAY_CREATES_PER_MINUTE, budgets.createsPerMinute());
      range(Key.GATEWAY_MAX_IN_FLIGHT, budgets.maxInFlight());
      Duration wait = Objects.requireNonNull(budgets.maxWait(), "gateway.max-wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("gateway.max-wait must not be negative: " + wait);
      }
      positive("gateway.chat-refresh-interval", budgets.chatRefreshInterval());
      if (watchInterval != null
          && ListBudgets.watcherShare(watchInterval) > budgets.listsPerMinute()) {
        throw new IllegalArgumentException("watch.interval " + watchInterval + " needs "
            + ListBudgets.watcherShare(watchInterval) + " identical lists a minute for the"
            + " watcher, more than gateway.lists-per-minute (" + budgets.listsPerMinute() + ")");
      }
      Duration ttl = positive("cache.list-ttl", cache.listTtl());
      if (keepStaleFor == null) {
        keepStaleFor = ttl.multipliedBy(10);
      }
      if (keepStaleFor.compareTo(ttl) < 0) {
        throw new IllegalArgumentException(
            "keepStaleFor must be at least cache.list-ttl (" + ttl + "): " + keepStaleFor);
      }
      return new CachingGateway(this);
    }

    private static void range(Key key, int value) {
      if (value < key.minInt() || value > key.maxInt()) {
        throw new IllegalArgumentException(key.path() + " must be " + key.minInt() + ".."
            + key.maxInt() + " (the provider's limit): " + value);
      }
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
