package dev.sendersbot.gateway;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counters since start, for the metrics endpoint. A snapshot: immutable, every operation, outcome
 * and reason present (zero when nothing happened).
 *
 * @param requests provider requests that completed, by operation and outcome
 * @param providerErrors provider error answers by error code (9 = rate limited, ...)
 * @param cacheHits list calls answered from a fresh cached answer
 * @param cacheMisses list calls that needed a provider request of their own (whether or not the
 *     gateway could send it)
 * @param coalesced list calls that shared another caller's provider request
 * @param staleAnswers list calls answered from an expired cached answer because a provider request
 *     was not allowed or failed
 * @param budgetWaits calls that waited for the rolling-minute budget
 * @param refusals calls refused with {@link GatewayRefusal}, by reason
 */
public record GatewayMetrics(
    Map<ProviderOperation, Map<Outcome, Long>> requests,
    Map<Integer, Long> providerErrors,
    long cacheHits,
    long cacheMisses,
    long coalesced,
    long staleAnswers,
    long budgetWaits,
    Map<GatewayRefusal.Reason, Long> refusals) {

  /** How a provider request ended. */
  public enum Outcome {
    /** The provider answered without error. */
    OK,
    /** The provider answered with an error code. */
    PROVIDER_ERROR,
    /** No usable answer arrived (timeout, connection, HTTP status, malformed body). */
    TRANSPORT_ERROR
  }

  public GatewayMetrics {
    EnumMap<ProviderOperation, Map<Outcome, Long>> byOp = new EnumMap<>(ProviderOperation.class);
    for (ProviderOperation op : ProviderOperation.values()) {
      EnumMap<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
      Map<Outcome, Long> given = Objects.requireNonNull(requests, "requests").get(op);
      for (Outcome o : Outcome.values()) {
        byOutcome.put(o, given == null ? 0L : given.getOrDefault(o, 0L));
      }
      byOp.put(op, Collections.unmodifiableMap(byOutcome));
    }
    requests = Collections.unmodifiableMap(byOp);
    providerErrors =
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(providerErrors, "providerErrors")));
    EnumMap<GatewayRefusal.Reason, Long> byReason = new EnumMap<>(GatewayRefusal.Reason.class);
    for (GatewayRefusal.Reason r : GatewayRefusal.Reason.values()) {
      byReason.put(r, Objects.requireNonNull(refusals, "refusals").getOrDefault(r, 0L));
    }
    refusals = Collections.unmodifiableMap(byReason);
  }

  /** Completed provider requests of one operation, whatever their outcome. */
  public long requests(ProviderOperation op) {
    return requests.get(op).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Completed provider requests of every operation. */
  public long providerRequests() {
    long n = 0;
    for (ProviderOperation op : ProviderOperation.values()) {
      n += requests(op);
    }
    return n;
  }

  /** Provider error answers with this code. */
  public long providerErrors(int code) {
    return providerErrors.getOrDefault(code, 0L);
  }

  /** Share of list calls answered without a provider request of their own, 0..1. */
  public double cacheHitRate() {
    long total = cacheHits + coalesced + cacheMisses;
    return total == 0 ? 0.0 : (double) (cacheHits + coalesced + staleAnswers) / total;
  }
}
