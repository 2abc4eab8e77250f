package dev.sendersbot.gateway;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SendersApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway the bot runs with: caches and coalesces lists, keeps every kind of request inside the
 * provider's limits, and stops calling the provider when it signals trouble.
 *
 * <ul>
 *   <li>Lists are cached per {@link ListQuery} (sub-client included), fresh for {@code
 *       cache.list-ttl}; expired answers are kept longer to be served, marked stale, when a new
 *       request is not allowed or fails. Concurrent identical lists share one provider request. A
 *       successful add or delete is applied to the cached lists of its sub-client, which stay fresh
 *       ({@link OwnWrites}); a change or confirmation supersedes them: never fresh again, the next
 *       list asks the provider (waiting for budget if need be), and only when it cannot is the old
 *       answer shown, marked stale.
 *   <li>Budgets per account: identical lists per rolling minute, creations per rolling minute,
 *       requests in flight. Past a budget a list is served stale if it can be; otherwise the caller
 *       waits up to {@code gateway.max-wait} or is refused with a time to retry. Nothing is queued
 *       beyond the caller's own wait.
 *   <li>The status watcher's share: with {@link CachingGatewayBuilder#watchInterval}, every
 *       identical-list budget keeps the watcher's polls per minute for {@link Caller#WATCHER} (see
 *       {@link ListBudgets}) and one request in flight; chats share the rest. A chat's refresh gets
 *       the cached list while it is younger than {@code gateway.refresh-reuse}, and each chat's
 *       refreshes are spaced by {@code gateway.chat-refresh-interval}. The watcher never gets a
 *       cached answer: it gets the refusal or the error, so that it can tell the bot's own budget
 *       from provider trouble.
 *   <li>Provider trouble ({@link ProviderState}): error 9 cools its kind of request down; error 2
 *       stops every call until {@link #resume()}; error 4 stops every call for the block's length;
 *       a run of transport failures opens a circuit that one probe at a time may close. The gateway
 *       never retries.
 * </ul>
 *
 * <p>A facade: {@link Listings} answers lists from the {@link ListCache}, {@link Mutations} sends
 * changes, both through {@link Admission} and {@link ProviderCalls}.
 */
public final class CachingGateway implements SendersGateway {

  /**
   * The span a rolling-minute budget covers. The provider counts "within a minute" on its own clock
   * when requests arrive; the extra seconds absorb network jitter and a send that goes out up to
   * {@link #SEND_DRIFT} after its reserved time.
   */
  static final Duration BUDGET_WINDOW = Duration.ofSeconds(62);

  /** How much later than its reserved slot a request may go out before it must reserve again. */
  static final Duration SEND_DRIFT = Duration.ofSeconds(1);

  private final SendersApi api;
  private final Clock clock;
  private final int createsPerMinute;
  private final Counters counters = new Counters();
  private final ListCache cache;
  private final InFlightPermits permits;
  private final Listings listings;
  private final Mutations mutations;
  private final ProviderCalls calls;

  // Guarded by lock: admission and the calls share it.
  private final Object lock = new Object();
  private final ProviderState provider;
  private final SendLog sends = new SendLog();

  CachingGateway(CachingGatewayBuilder b) {
    this.api = b.api;
    this.clock = b.clock;
    this.createsPerMinute = b.settings.createsPerMinute();
    Duration maxWait = b.settings.maxWait();
    this.cache = new ListCache(b.clock, b.settings.listTtl(), b.keepStaleFor, b.maxCachedLists);
    this.permits = new InFlightPermits(b.clock, b.settings.maxInFlight(), b.watchInterval != null);
    this.provider =
        new ProviderState(
            b.listener, b.ipBlocks, b.coolDown, b.ipBlock, b.circuitFailures, b.circuitCoolOff);
    Admission admission =
        new Admission(
            b.clock,
            b.sleeper,
            permits,
            counters,
            createsPerMinute,
            new ListBudgets(b.settings.listsPerMinute(), b.watchInterval),
            lock,
            provider,
            sends);
    this.calls = new ProviderCalls(b.clock, permits, counters, lock, provider);
    this.listings =
        new Listings(
            api,
            b.clock,
            maxWait,
            cache,
            new ChatRefreshes(b.settings.chatRefreshInterval(), b.settings.refreshReuse()),
            admission,
            calls,
            counters);
    this.mutations = new Mutations(maxWait, admission, calls, cache, counters);
  }

  /** A gateway with the defaults for everything but the budgets and the cache period. */
  public static CachingGateway create(SendersApi api, GatewaySettings settings) {
    return builder(api, settings).build();
  }

  public static CachingGatewayBuilder builder(SendersApi api, GatewaySettings settings) {
    return new CachingGatewayBuilder(api, settings);
  }

  @Override
  public Answer<List<Sender>> list(ListQuery query) {
    return listings.list(query, null);
  }

  @Override
  public Answer<List<Sender>> refresh(ListQuery query, Caller caller) {
    return listings.list(query, Objects.requireNonNull(caller, "caller"));
  }

  @Override
  public Optional<Answer<List<Sender>>> cached(ListQuery query) {
    return listings.cached(query);
  }

  @Override
  public long add(AddRequest request) {
    Objects.requireNonNull(request, "request");
    return mutations.run(
        ProviderOperation.ADD,
        request.user(),
        true,
        () -> api.add(request),
        id -> OwnWrites.added(request, id));
  }

  @Override
  public void change(ChangeRequest request) {
    Objects.requireNonNull(request, "request");
    mutations.run(
        ProviderOperation.CHANGE,
        request.user(),
        true,
        () -> {
          api.change(request);
          return null;
        });
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    Objects.requireNonNull(request, "request");
    // Sending a code changes no list: the name is confirmed only by checkCode.
    mutations.run(
        ProviderOperation.SEND_CODE,
        request.user(),
        false,
        () -> {
          api.sendCode(request);
          return null;
        });
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    Objects.requireNonNull(request, "request");
    mutations.run(
        ProviderOperation.CHECK_CODE,
        request.user(),
        true,
        () -> {
          api.checkCode(request);
          return null;
        });
  }

  @Override
  public void delete(DeleteRequest request) {
    Objects.requireNonNull(request, "request");
    mutations.run(
        ProviderOperation.DELETE,
        request.user(),
        true,
        () -> {
          api.delete(request);
          return null;
        },
        ignored -> OwnWrites.deleted(request));
  }

  /** Allows provider calls again after error 2. An IP block (error 4) still runs its course. */
  @Override
  public void resume() {
    calls.resume();
  }

  @Override
  public GatewayStatus status() {
    GatewayStatus status;
    synchronized (lock) {
      Instant now = clock.instant();
      provider.expireIpBlock(now);
      int listsSent = sends.lists(now);
      int createsSent = sends.creates(now);
      long cached = cache.size();
      GatewayMetrics m = counters.snapshot();
      status =
          new GatewayStatus(
              provider.lastSuccess(),
              provider.lastError(),
              provider.lastErrorAt(),
              cached,
              m.cacheHitRate(),
              listsSent,
              createsSent,
              createsPerMinute,
              permits.running(),
              permits.max(),
              provider.circuitWords(now),
              provider.suspension(),
              provider.ipBlockedUntil(),
              m.providerRequests(),
              provider.suspendedFor(),
              provider.lastFailure());
    }
    calls.fireEvents();
    return status;
  }

  /** Counters since start, for the metrics endpoint. */
  public GatewayMetrics metrics() {
    return counters.snapshot();
  }
}
