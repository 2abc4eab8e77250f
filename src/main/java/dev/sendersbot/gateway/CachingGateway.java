package dev.sendersbot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sendersbot.config.Config;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
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
 *       successful add, change, delete or confirmation drops the cached lists of its sub-client.
 *   <li>Budgets per account: identical lists per rolling minute, creations per rolling minute,
 *       requests in flight. Past a budget a list is served stale if it can be; otherwise the
 *       caller waits up to {@code gateway.max-wait} or is refused with a time to retry. Nothing
 *       is queued beyond the caller's own wait.
 *   <li>Provider trouble: error 9 cools its kind of request down; error 2 stops every call until
 *       {@link #resume()}; error 4 stops every call for the block's length; a run of transport
 *       failures opens a circuit that one probe at a time may close. The gateway never retries.
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

  /** Kinds of request the provider limits separately; error 9 cools one kind down. */
  private enum Kind {
    LISTS("list requests"), CREATES("creations"), OTHERS("changes, deletions and codes");

    final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  private enum CircuitState {
    CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

    final String words;

    CircuitState(String words) {
      this.words = words;
    }
  }

  private record Entry(List<Sender> senders, Instant fetchedAt) {}

  /** In-flight lists are shared per query and per invalidation generation of its sub-client. */
  private record FlightKey(ListQuery query, long generation) {}

  /** Permission to send one request: the budget slot it holds and whether it is the probe. */
  private record Ticket(RollingWindow.Slot slot, boolean probe) {}

  private final SendersApi api;
  private final Clock clock;
  private final Sleeper sleeper;
  private final GatewayListener listener;
  private final int listsPerMinute;
  private final int createsPerMinute;
  private final int maxInFlight;
  private final Duration maxWait;
  private final Duration listTtl;
  private final Duration coolDown;
  private final Duration ipBlock;
  private final int circuitFailures;
  private final Duration circuitCoolOff;

  private final Cache<ListQuery, Entry> cache;
  private final ConcurrentHashMap<FlightKey, CompletableFuture<Answer<List<Sender>>>> flights =
      new ConcurrentHashMap<>();
  private final Semaphore inFlight;
  private final Counters counters = new Counters();

  // Everything below is guarded by lock.
  private final Object lock = new Object();
  private final Map<String, Long> generations = new HashMap<>();
  private final Map<ListQuery, RollingWindow> listWindows = new HashMap<>();
  private final RollingWindow createWindow;
  private final Deque<Instant> listSends = new ArrayDeque<>();
  private final Deque<Instant> createSends = new ArrayDeque<>();
  private final EnumMap<Kind, Instant> coolDownUntil = new EnumMap<>(Kind.class);
  private boolean credentialsRejected;
  private Instant ipBlockedUntil;
  private CircuitState circuit = CircuitState.CLOSED;
  private Instant circuitOpenUntil;
  private int consecutiveTransportFailures;
  private Instant lastSuccess;
  private String lastError;
  private Instant lastErrorAt;
  private final Deque<Runnable> events = new ArrayDeque<>();

  private CachingGateway(Builder b) {
    this.api = b.api;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.listener = b.listener;
    this.listsPerMinute = b.budgets.listsPerMinute();
    this.createsPerMinute = b.budgets.createsPerMinute();
    this.maxInFlight = b.budgets.maxInFlight();
    this.maxWait = b.budgets.maxWait();
    this.listTtl = b.cache.listTtl();
    this.coolDown = b.coolDown;
    this.ipBlock = b.ipBlock;
    this.circuitFailures = b.circuitFailures;
    this.circuitCoolOff = b.circuitCoolOff;
    this.inFlight = new Semaphore(maxInFlight, true);
    this.createWindow = new RollingWindow(createsPerMinute, BUDGET_WINDOW);
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
    return listing(query, false);
  }

  @Override
  public Answer<List<Sender>> refresh(ListQuery query) {
    return listing(query, true);
  }

  private Answer<List<Sender>> listing(ListQuery query, boolean wantFresh) {
    Objects.requireNonNull(query, "query");
    try {
      Instant asked = now();
      // Generation first: an invalidation after this point discards what this call fetches.
      long generation = generation(query.user());
      Entry cached = cache.getIfPresent(query);
      if (satisfies(cached, wantFresh, asked)) {
        counters.cacheHits.increment();
        return new Answer<>(cached.senders(), cached.fetchedAt(), false);
      }
      FlightKey key = new FlightKey(query, generation);
      CompletableFuture<Answer<List<Sender>>> mine = new CompletableFuture<>();
      CompletableFuture<Answer<List<Sender>>> leader = flights.putIfAbsent(key, mine);
      if (leader != null) {
        counters.coalesced.increment();
        return await(leader);
      }
      try {
        // A leader that finished between our look at the cache and now has cached its answer.
        cached = cache.getIfPresent(query);
        Answer<List<Sender>> answer;
        if (satisfies(cached, wantFresh, asked)) {
          counters.cacheHits.increment();
          answer = new Answer<>(cached.senders(), cached.fetchedAt(), false);
        } else {
          counters.cacheMisses.increment();
          answer = load(query, generation, cached);
        }
        mine.complete(answer);
        return answer;
      } catch (Throwable t) {
        mine.completeExceptionally(t);
        throw t;
      } finally {
        flights.remove(key, mine);
      }
    } catch (GatewayRefusal r) {
      counters.refused(r.reason());
      throw r;
    } finally {
      fireEvents();
    }
  }

  private Answer<List<Sender>> load(ListQuery query, long generation, Entry cached) {
    Ticket ticket;
    try {
      // With something to show, never make the caller wait: the stale answer is the fallback.
      ticket = admit(Kind.LISTS, query, cached == null);
    } catch (GatewayRefusal r) {
      if (cached != null) {
        return stale(cached);
      }
      throw r;
    }
    List<Sender> senders;
    try {
      senders = List.copyOf(call(ticket, ProviderOperation.LIST, () -> api.list(query)));
    } catch (SmscException e) {
      if (cached != null && isTrouble(e)) {
        return stale(cached);
      }
      throw e;
    }
    Entry entry = new Entry(senders, now());
    synchronized (lock) {
      if (generation(query.user()) == generation) {
        cache.put(query, entry);
      }
    }
    return new Answer<>(senders, entry.fetchedAt(), false);
  }

  private Answer<List<Sender>> stale(Entry cached) {
    counters.staleAnswers.increment();
    return new Answer<>(cached.senders(), cached.fetchedAt(), true);
  }

  /**
   * A cached answer does for a list while fresh; for a refresh only when it was fetched after the
   * refresh was asked.
   */
  private boolean satisfies(Entry e, boolean wantFresh, Instant asked) {
    if (e == null) {
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

  /** Drops every cached list of this sub-client and any list of it now in flight. */
  private void invalidate(String user) {
    synchronized (lock) {
      generations.merge(userKey(user), 1L, Long::sum);
      cache.asMap().keySet().removeIf(q -> Objects.equals(q.user(), user));
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
      Ticket ticket = admit(kindOf(op), null, true);
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

  private static Kind kindOf(ProviderOperation op) {
    return switch (op) {
      case LIST -> Kind.LISTS;
      case ADD -> Kind.CREATES;
      case CHANGE, SEND_CODE, CHECK_CODE, DELETE -> Kind.OTHERS;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Admission: gates, rolling budgets, in-flight limit

  /**
   * Lets one request of this kind go to the provider, waiting up to {@code maxWait} when {@code
   * mayWait}, or refuses it. The caller must pass the ticket to {@link #call} at once.
   */
  private Ticket admit(Kind kind, ListQuery query, boolean mayWait) {
    Instant deadline = mayWait ? now().plus(maxWait) : now();
    while (true) {
      RollingWindow window;
      RollingWindow.Slot slot;
      Duration wait;
      synchronized (lock) {
        Instant now = now();
        checkGates(kind, now, false);
        window = windowFor(kind, query, now);
        slot = window == null ? null : window.reserve(now);
        wait = slot == null ? Duration.ZERO : Duration.between(now, slot.at);
        if (wait.isNegative()) {
          wait = Duration.ZERO;
        }
        if (!wait.isZero() && slot.at.isAfter(deadline)) {
          window.cancel(slot);
          throw new GatewayRefusal(Reason.BUDGET, wait, budgetWords(kind) + "; next slot in "
              + wait.truncatedTo(ChronoUnit.SECONDS).toSeconds() + " s");
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
      if (!acquirePermit(mayWait ? remaining(deadline) : Duration.ZERO)) {
        cancel(window, slot);
        throw new GatewayRefusal(Reason.BUDGET, IN_FLIGHT_RETRY,
            maxInFlight + " provider requests are already running");
      }
      synchronized (lock) {
        Instant now = now();
        boolean probe;
        try {
          probe = checkGates(kind, now, true);
        } catch (GatewayRefusal r) {
          if (slot != null) {
            window.cancel(slot);
          }
          inFlight.release();
          throw r;
        }
        if (slot != null && now.isAfter(slot.at.plus(SEND_DRIFT))) {
          // Waiting for a permit made this send later than its slot, and later reservations
          // were planned around the slot: take a new one.
          window.cancel(slot);
          inFlight.release();
          if (probe) {
            circuit = CircuitState.OPEN;
          }
          continue;
        }
        Deque<Instant> sends = kind == Kind.LISTS ? listSends
            : kind == Kind.CREATES ? createSends : null;
        if (sends != null) {
          sends.addLast(now);
          prune(sends, now);
        }
        return new Ticket(slot, probe);
      }
    }
  }

  private RollingWindow windowFor(Kind kind, ListQuery query, Instant now) {
    return switch (kind) {
      case LISTS -> {
        if (listWindows.size() > 1024) {
          listWindows.values().removeIf(w -> w.isIdle(now));
        }
        yield listWindows.computeIfAbsent(query,
            q -> new RollingWindow(listsPerMinute, BUDGET_WINDOW));
      }
      case CREATES -> createWindow;
      case OTHERS -> null;
    };
  }

  private String budgetWords(Kind kind) {
    return switch (kind) {
      case LISTS -> "identical list budget (" + listsPerMinute + " a minute) is spent";
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

  private boolean acquirePermit(Duration timeout) {
    try {
      return timeout.isZero()
          ? inFlight.tryAcquire()
          : inFlight.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Refuses a call the provider's state does not allow now. With {@code claimProbe}, a caller
   * that finds the circuit ready for a probe becomes the probe (returns true). Holds lock.
   */
  private boolean checkGates(Kind kind, Instant now, boolean claimProbe) {
    if (credentialsRejected) {
      throw new GatewayRefusal(Reason.CREDENTIALS, null,
          "provider calls are suspended: SMSC rejected the credentials (error 2)");
    }
    expireIpBlock(now);
    if (ipBlockedUntil != null) {
      throw new GatewayRefusal(Reason.IP_BLOCKED, Duration.between(now, ipBlockedUntil),
          "provider calls are suspended until " + ipBlockedUntil + ": SMSC blocked the IP (error 4)");
    }
    Instant cool = coolDownUntil.get(kind);
    if (cool != null) {
      if (now.isBefore(cool)) {
        throw new GatewayRefusal(Reason.COOL_DOWN, Duration.between(now, cool),
            kind.words + " cool down until " + cool + " after error 9");
      }
      coolDownUntil.remove(kind);
    }
    switch (circuit) {
      case CLOSED:
        return false;
      case OPEN:
        if (now.isBefore(circuitOpenUntil)) {
          throw new GatewayRefusal(Reason.CIRCUIT_OPEN, Duration.between(now, circuitOpenUntil),
              "circuit open after " + consecutiveTransportFailures + " transport failures");
        }
        if (claimProbe) {
          circuit = CircuitState.HALF_OPEN;
          return true;
        }
        return false;
      case HALF_OPEN:
      default:
        throw new GatewayRefusal(Reason.CIRCUIT_OPEN, circuitCoolOff,
            "circuit half-open: a probe request is running");
    }
  }

  private void expireIpBlock(Instant now) {
    if (ipBlockedUntil != null && !now.isBefore(ipBlockedUntil)) {
      ipBlockedUntil = null;
      log.info("SMSC IP block over: provider calls allowed again");
      events.add(() -> listener.resumed(Reason.IP_BLOCKED));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The provider call and what its outcome teaches

  private <T> T call(Ticket ticket, ProviderOperation op, Supplier<T> request) {
    try {
      T result = request.get();
      synchronized (lock) {
        lastSuccess = now();
        providerAnswered();
      }
      counters.request(op, Outcome.OK);
      return result;
    } catch (SmscError e) {
      counters.request(op, Outcome.PROVIDER_ERROR);
      counters.providerError(e.rawCode());
      synchronized (lock) {
        Instant now = now();
        noteError(e, now);
        providerAnswered();
        learn(e, kindOf(op), now);
      }
      throw e;
    } catch (SmscTransportException e) {
      counters.request(op, Outcome.TRANSPORT_ERROR);
      synchronized (lock) {
        Instant now = now();
        noteError(e, now);
        transportFailed(ticket, now);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      // Raised before any request (bad input): the provider taught us nothing.
      if (ticket.probe()) {
        synchronized (lock) {
          circuit = CircuitState.OPEN;
        }
      }
      throw e;
    } finally {
      inFlight.release();
    }
  }

  private void noteError(SmscException e, Instant now) {
    lastError = e.getMessage();
    lastErrorAt = now;
  }

  /** The provider answered (with or without an error code): the way to it works. Holds lock. */
  private void providerAnswered() {
    consecutiveTransportFailures = 0;
    if (circuit != CircuitState.CLOSED) {
      log.info("SMSC answers again: circuit closed");
      circuit = CircuitState.CLOSED;
      circuitOpenUntil = null;
    }
  }

  private void transportFailed(Ticket ticket, Instant now) {
    consecutiveTransportFailures++;
    if (ticket.probe()
        || (circuit == CircuitState.CLOSED && consecutiveTransportFailures >= circuitFailures)) {
      circuit = CircuitState.OPEN;
      circuitOpenUntil = now.plus(circuitCoolOff);
      log.warn("SMSC unreachable ({} transport failures in a row): circuit open until {}",
          consecutiveTransportFailures, circuitOpenUntil);
    }
  }

  private void learn(SmscError e, Kind kind, Instant now) {
    if (e.is(SmscErrorCode.RATE_LIMITED)) {
      Instant until = now.plus(coolDown);
      coolDownUntil.merge(kind, until, (a, b) -> a.isAfter(b) ? a : b);
      log.warn("SMSC error 9 on {}: {} cool down until {}", e.operation(), kind.words, until);
    } else if (e.is(SmscErrorCode.CREDENTIALS)) {
      if (!credentialsRejected) {
        credentialsRejected = true;
        String words = "SMSC rejected the login or password, or this server's IP is not on the"
            + " account's allow-list (error 2). The bot makes no provider calls until the"
            + " configuration is fixed and an owner resumes.";
        log.error("Provider calls suspended: {}", words);
        events.add(() -> listener.suspended(Reason.CREDENTIALS, words));
      }
    } else if (e.is(SmscErrorCode.IP_BLOCKED)) {
      if (ipBlockedUntil == null) {
        ipBlockedUntil = now.plus(ipBlock);
        String words = "SMSC has blocked this server's IP address (error 4). The bot makes no"
            + " provider calls until " + ipBlockedUntil.truncatedTo(ChronoUnit.SECONDS)
            + " (" + ipBlock.toMinutes() + " min) and then resumes by itself.";
        log.error("Provider calls suspended: {}", words);
        events.add(() -> listener.suspended(Reason.IP_BLOCKED, words));
      }
    }
  }

  /** Tells the listener what changed, outside the lock and never failing the caller. */
  private void fireEvents() {
    while (true) {
      Runnable event;
      synchronized (lock) {
        event = events.poll();
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
      if (credentialsRejected) {
        credentialsRejected = false;
        log.info("Provider calls resumed by an owner");
        events.add(() -> listener.resumed(Reason.CREDENTIALS));
      }
    }
    fireEvents();
  }

  @Override
  public GatewayStatus status() {
    GatewayStatus status;
    synchronized (lock) {
      Instant now = now();
      expireIpBlock(now);
      prune(listSends, now);
      prune(createSends, now);
      cache.cleanUp();
      CircuitState shown = circuit == CircuitState.OPEN && !now.isBefore(circuitOpenUntil)
          ? CircuitState.HALF_OPEN : circuit;
      List<String> suspension = new ArrayList<>();
      if (credentialsRejected) {
        suspension.add("credentials rejected (error 2), waiting for an owner to resume");
      }
      if (ipBlockedUntil != null) {
        suspension.add("IP blocked (error 4)");
      }
      GatewayMetrics m = counters.snapshot();
      status = new GatewayStatus(
          lastSuccess,
          lastError,
          lastErrorAt,
          cache.estimatedSize(),
          m.cacheHitRate(),
          listSends.size(),
          createSends.size(),
          createsPerMinute,
          maxInFlight - inFlight.availablePermits(),
          maxInFlight,
          shown.words,
          suspension.isEmpty() ? null : String.join("; ", suspension),
          ipBlockedUntil,
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
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private GatewayListener listener = GatewayListener.NONE;
    private Duration keepStaleFor;
    private Duration coolDown = Duration.ofSeconds(60);
    private Duration ipBlock = Duration.ofMinutes(30);
    private int circuitFailures = 5;
    private Duration circuitCoolOff = Duration.ofSeconds(30);
    private long maxCachedLists = 1_000;

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

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public CachingGateway build() {
      range("gateway.lists-per-minute", budgets.listsPerMinute(), 1, 3);
      range("gateway.creates-per-minute", budgets.createsPerMinute(), 1, 5);
      range("gateway.max-in-flight", budgets.maxInFlight(), 1, 14);
      Duration wait = Objects.requireNonNull(budgets.maxWait(), "gateway.max-wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("gateway.max-wait must not be negative: " + wait);
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

    private static void range(String key, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            key + " must be " + min + ".." + max + " (the provider's limit): " + value);
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
