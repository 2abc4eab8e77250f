package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's protections: identical-list and add rates (by the sandbox clock), requests in
 * flight per login (real concurrency), and the IP block after authorisation errors.
 */
final class Limits {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int IDENTICAL_LISTS = 3;
  static final int ADDS = 5;

  /** A request finding this many already in flight is the fifteenth: error 9. */
  static final int MAX_IN_FLIGHT = 14;

  static final Duration AUTH_WINDOW = Duration.ofMinutes(30);
  static final int AUTH_ERRORS = 5;
  static final Duration BLOCK = Duration.ofMinutes(30);

  private final Map<String, Deque<Instant>> lists = new HashMap<>();
  private final Map<String, Deque<Instant>> adds = new HashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> authErrors = new HashMap<>();
  private final Map<String, Instant> blockedUntil = new HashMap<>();

  /** A list request with this key (account and every non-credential parameter) at {@code now}. */
  synchronized void list(String key, Instant now) throws ApiError {
    take(lists, key, now, IDENTICAL_LISTS, "fourth identical list request within a minute");
  }

  synchronized void add(String account, Instant now) throws ApiError {
    take(adds, account, now, ADDS, "sixth add within a minute");
  }

  // A refused request is not counted: a client that waits a minute always gets through again.
  private static void take(
      Map<String, Deque<Instant>> windows, String key, Instant now, int max, String why)
      throws ApiError {
    Deque<Instant> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant edge = now.minus(WINDOW);
    times.removeIf(t -> !t.isAfter(edge));
    if (times.size() >= max) {
      throw new ApiError(
          9, why + " (" + times.size() + " already, the oldest at " + times.peekFirst() + ")");
    }
    times.addLast(now);
  }

  /** Counts a request in flight under the login until the returned lease is closed. */
  Lease enter(String account) throws ApiError {
    AtomicInteger n = inFlight.computeIfAbsent(account, k -> new AtomicInteger());
    while (true) {
      int current = n.get();
      if (current >= MAX_IN_FLIGHT) {
        throw new ApiError(
            9,
            "too many concurrent requests",
            "request arrived while " + current + " others were in flight under the same login");
      }
      if (n.compareAndSet(current, current + 1)) {
        return n::decrementAndGet;
      }
    }
  }

  int inFlight(String account) {
    AtomicInteger n = inFlight.get(account);
    return n == null ? 0 : n.get();
  }

  /**
   * Throws error 4 while the address is blocked. A request during the block restarts its 30
   * minutes: the reference warns that retrying makes the block longer.
   */
  synchronized void checkBlocked(String address, Instant now) throws ApiError {
    Instant until = blockedUntil.get(address);
    if (until == null) {
      return;
    }
    if (!now.isBefore(until)) {
      blockedUntil.remove(address);
      return;
    }
    blockedUntil.put(address, now.plus(BLOCK));
    throw new ApiError(
        4,
        "address "
            + address
            + " blocked after "
            + AUTH_ERRORS
            + " authorisation errors; the block now ends at "
            + now.plus(BLOCK));
  }

  /** Records an authorisation error; the fifth within 30 minutes blocks the address. */
  synchronized void authFailed(String address, Instant now) {
    Deque<Instant> times = authErrors.computeIfAbsent(address, k -> new ArrayDeque<>());
    Instant edge = now.minus(AUTH_WINDOW);
    times.removeIf(t -> !t.isAfter(edge));
    times.addLast(now);
    if (times.size() >= AUTH_ERRORS) {
      times.clear();
      blockedUntil.put(address, now.plus(BLOCK));
    }
  }

  synchronized Instant blockedUntil(String address) {
    return blockedUntil.get(address);
  }

  /** Forgets every rate window, authorisation error and block (not requests in flight). */
  synchronized void reset() {
    lists.clear();
    adds.clear();
    authErrors.clear();
    blockedUntil.clear();
  }

  interface Lease extends AutoCloseable {
    @Override
    void close();
  }
}
