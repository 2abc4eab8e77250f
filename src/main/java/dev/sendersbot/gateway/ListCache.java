package dev.sendersbot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * List answers per {@link ListQuery}, the invalidation generation of each sub-client, and the lists
 * in flight. A mutation bumps its sub-client's generation: every answer asked before it is
 * superseded (never fresh again, still a fallback) and no later caller joins a list then in flight.
 * Thread-safe.
 */
final class ListCache {

  /**
   * A list answer and the invalidation generation of its sub-client when it was asked: an entry of
   * an older generation is superseded (a mutation happened since) and never fresh.
   */
  record Entry(List<Sender> senders, Instant fetchedAt, long generation) {}

  /**
   * In-flight lists are shared per query and per invalidation generation of its sub-client, and
   * apart for the watcher: a chat's answer may be stale, which the watcher must not get, and the
   * watcher's refusal is not the chat's.
   */
  private record FlightKey(ListQuery query, long generation, boolean watcher) {}

  private final Clock clock;
  private final Duration ttl;
  private final Cache<ListQuery, Entry> cache;
  private final ConcurrentHashMap<FlightKey, CompletableFuture<Answer<List<Sender>>>> flights =
      new ConcurrentHashMap<>();
  private final Map<String, Long> generations = new HashMap<>(); // guarded by itself

  /**
   * @param ttl how long an answer of the current generation is fresh
   * @param keepStaleFor how long an answer is kept at all, to be served stale
   * @param maxEntries how many distinct answers are kept at most
   */
  ListCache(Clock clock, Duration ttl, Duration keepStaleFor, long maxEntries) {
    this.clock = clock;
    this.ttl = ttl;
    Ticker ticker =
        () -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(keepStaleFor)
            .maximumSize(maxEntries)
            // Maintenance on the calling thread: sizes and expiry are exact at once, and no pool
            // thread outlives the gateway.
            .executor(Runnable::run)
            .build();
  }

  /** The current invalidation generation of this sub-client (null: the main account). */
  long generation(String user) {
    synchronized (generations) {
      return generations.getOrDefault(userKey(user), 0L);
    }
  }

  /**
   * Supersedes every cached list of this sub-client and any list of it now in flight: a later list
   * call neither takes them as fresh nor joins them.
   */
  void invalidate(String user) {
    synchronized (generations) {
      generations.merge(userKey(user), 1L, Long::sum);
    }
  }

  /**
   * Applies the bot's own successful write to every cached list of this sub-client that was current
   * until now, keeping each answer's age: those lists stay fresh, so the list after a creation
   * needs no provider request. The generation still moves on, so a list in flight, asked before the
   * write, is stored superseded and does not replace the edited answer. A list the edit cannot
   * foresee is superseded as by {@link #invalidate}.
   */
  void learn(String user, OwnWrites.Edit edit) {
    synchronized (generations) {
      long before = generation(user);
      long after = before + 1;
      generations.put(userKey(user), after);
      for (ListQuery query : cache.asMap().keySet()) {
        if (!userKey(query.user()).equals(userKey(user))) {
          continue;
        }
        cache
            .asMap()
            .computeIfPresent(
                query,
                (q, e) -> {
                  List<Sender> edited = edit.apply(q, e.senders());
                  if (edited == null) {
                    return e;
                  }
                  // A superseded answer stays superseded, but as a fallback it should not show
                  // a name the bot has just deleted (or lack one it has just added).
                  return new Entry(
                      edited, e.fetchedAt(), e.generation() == before ? after : e.generation());
                });
      }
    }
  }

  private static String userKey(String user) {
    return user == null ? "" : user; // "" is never a sub-client login
  }

  /** The kept answer to this query, fresh, superseded or expired; null when none is kept. */
  Entry get(ListQuery query) {
    return cache.getIfPresent(query);
  }

  /**
   * A cached answer of the current generation does for a list while fresh; for a refresh only when
   * it was fetched after the refresh was asked.
   */
  boolean satisfies(Entry e, long generation, boolean wantFresh, Instant asked) {
    if (e == null || e.generation() != generation) {
      return false;
    }
    return wantFresh
        ? !e.fetchedAt().isBefore(asked)
        : clock.instant().isBefore(e.fetchedAt().plus(ttl));
  }

  /**
   * Keeps a provider answer asked at {@code generation}. If a mutation came in meanwhile, it is
   * stored superseded: never fresh, but the newest fallback there is.
   */
  void store(ListQuery query, Entry entry) {
    cache.asMap().merge(query, entry, ListCache::newer);
  }

  private static Entry newer(Entry a, Entry b) {
    if (a.generation() != b.generation()) {
      return a.generation() > b.generation() ? a : b;
    }
    return a.fetchedAt().isAfter(b.fetchedAt()) ? a : b;
  }

  /** How many answers are kept, after dropping those kept too long. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * Joins the same list in flight, or runs {@code lead} and lets later callers of the same query,
   * generation and side join it; they get its answer or its exception.
   *
   * @param joined run when this caller joins another's request instead of leading
   */
  Answer<List<Sender>> shared(
      ListQuery query,
      long generation,
      boolean watcher,
      Runnable joined,
      Supplier<Answer<List<Sender>>> lead) {
    FlightKey key = new FlightKey(query, generation, watcher);
    CompletableFuture<Answer<List<Sender>>> mine = new CompletableFuture<>();
    CompletableFuture<Answer<List<Sender>>> leader = flights.putIfAbsent(key, mine);
    if (leader != null) {
      joined.run();
      return await(leader);
    }
    try {
      Answer<List<Sender>> answer = lead.get();
      mine.complete(answer);
      return answer;
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      throw t;
    } finally {
      flights.remove(key, mine);
    }
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
}
