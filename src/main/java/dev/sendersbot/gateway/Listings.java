package dev.sendersbot.gateway;

import dev.sendersbot.gateway.GatewayRefusal.Reason;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers lists: from the cache while fresh, from a request in flight when there is one, else from
 * the provider when admitted; a chat's refresh gets the kept answer, marked with the reason, when
 * that answer is only seconds old, when the chat's refreshes come too close together or when the
 * provider cannot be asked. The watcher never gets a kept answer: it gets the refusal or the error.
 */
final class Listings {
  private final SendersApi api;
  private final Clock clock;
  private final Duration maxWait;
  private final ListCache cache;
  private final ChatRefreshes chatRefreshes;
  private final Admission admission;
  private final ProviderCalls calls;
  private final Counters counters;

  Listings(
      SendersApi api,
      Clock clock,
      Duration maxWait,
      ListCache cache,
      ChatRefreshes chatRefreshes,
      Admission admission,
      ProviderCalls calls,
      Counters counters) {
    this.api = api;
    this.clock = clock;
    this.maxWait = maxWait;
    this.cache = cache;
    this.chatRefreshes = chatRefreshes;
    this.admission = admission;
    this.calls = calls;
    this.counters = counters;
  }

  /** The fresh answer the cache keeps for this query, without asking the provider. */
  Optional<Answer<List<Sender>>> cached(ListQuery query) {
    Objects.requireNonNull(query, "query");
    long generation = cache.generation(query.user());
    ListCache.Entry kept = cache.get(query);
    if (!cache.satisfies(kept, generation, false, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(new Answer<>(kept.senders(), kept.fetchedAt(), false));
  }

  /** A list; {@code refresher} is who wants it fresh, null for a list the cache may answer. */
  Answer<List<Sender>> list(ListQuery query, Caller refresher) {
    Objects.requireNonNull(query, "query");
    boolean wantFresh = refresher != null;
    boolean watcher = wantFresh && refresher.isWatcher();
    try {
      Instant asked = clock.instant();
      // Generation first: an invalidation after this point discards what this call fetches.
      long generation = cache.generation(query.user());
      ListCache.Entry cached = cache.get(query);
      if (cache.satisfies(cached, generation, wantFresh, asked)) {
        counters.cacheHits.increment();
        return new Answer<>(cached.senders(), cached.fetchedAt(), false);
      }
      if (wantFresh && !watcher && cached != null && cached.generation() == generation) {
        // A refresh after a change of the names always asks: the chat may have made it. (The
        // bot's own adds and deletes are in the cached lists already: no change of generation.)
        Duration spacing = chatRefreshes.wait(refresher.chatId(), asked);
        if (!spacing.isZero()) {
          return stale(cached, new Holdback(Holdback.Cause.CHAT_REFRESHED_RECENTLY, spacing));
        }
        Duration reuse = chatRefreshes.reuseLeft(cached.fetchedAt(), asked);
        if (!reuse.isZero()) {
          chatRefreshes.fresh(refresher.chatId(), cached.fetchedAt());
          counters.cacheHits.increment();
          return new Answer<>(
              cached.senders(),
              cached.fetchedAt(),
              true,
              new Holdback(Holdback.Cause.UPDATED_RECENTLY, reuse));
        }
      }
      Answer<List<Sender>> answer =
          cache.shared(
              query,
              generation,
              watcher,
              counters.coalesced::increment,
              () -> lead(query, generation, asked, wantFresh, watcher));
      if (wantFresh && !watcher && !answer.stale()) {
        chatRefreshes.fresh(refresher.chatId(), asked);
      }
      return answer;
    } catch (GatewayRefusal r) {
      counters.refused(r.reason());
      throw r;
    } finally {
      calls.fireEvents();
    }
  }

  /** The work of the caller that leads a shared list. */
  private Answer<List<Sender>> lead(
      ListQuery query, long generation, Instant asked, boolean wantFresh, boolean watcher) {
    // A leader that finished between our look at the cache and now has cached its answer.
    ListCache.Entry cached = cache.get(query);
    if (cache.satisfies(cached, generation, wantFresh, asked)) {
      counters.cacheHits.increment();
      return new Answer<>(cached.senders(), cached.fetchedAt(), false);
    }
    counters.cacheMisses.increment();
    return load(query, generation, cached, watcher);
  }

  private Answer<List<Sender>> load(
      ListQuery query, long generation, ListCache.Entry cached, boolean watcher) {
    // The watcher has no fallback: it must learn why it could not ask. A chat with an answer to
    // show does not wait: that answer is its fallback. A superseded answer misses a change the
    // caller may just have made, so that one is worth a short wait.
    ListCache.Entry fallback = watcher ? null : cached;
    Duration wait =
        watcher
            ? maxWait.compareTo(ListBudgets.WATCHER_WAIT) > 0 ? maxWait : ListBudgets.WATCHER_WAIT
            : fallback == null || fallback.generation() != generation ? maxWait : Duration.ZERO;
    Admission.Ticket ticket;
    try {
      ticket = admission.admit(RequestKind.LISTS, query, watcher, wait);
    } catch (GatewayRefusal r) {
      if (fallback != null) {
        Holdback.Cause cause =
            r.reason() == Reason.BUDGET
                ? Holdback.Cause.CHATS_SHARE_SPENT
                : Holdback.Cause.PROVIDER;
        return stale(fallback, new Holdback(cause, r.retryAfter()));
      }
      throw r;
    }
    List<Sender> senders;
    try {
      senders = List.copyOf(calls.call(ticket, ProviderOperation.LIST, () -> api.list(query)));
    } catch (SmscException e) {
      if (fallback != null && isTrouble(e)) {
        return stale(fallback, new Holdback(Holdback.Cause.PROVIDER, null));
      }
      throw e;
    }
    ListCache.Entry entry = new ListCache.Entry(senders, clock.instant(), generation);
    cache.store(query, entry);
    return new Answer<>(senders, entry.fetchedAt(), false);
  }

  private Answer<List<Sender>> stale(ListCache.Entry cached, Holdback why) {
    counters.staleAnswers.increment();
    return new Answer<>(cached.senders(), cached.fetchedAt(), true, why);
  }

  /** Trouble the provider or the network has, rather than an answer about the question. */
  private static boolean isTrouble(SmscException e) {
    if (e instanceof SmscError err) {
      return err.is(SmscErrorCode.RATE_LIMITED)
          || err.is(SmscErrorCode.CREDENTIALS)
          || err.is(SmscErrorCode.IP_BLOCKED);
    }
    return true;
  }
}
