package dev.sendersbot.gateway;

import dev.sendersbot.gateway.GatewayMetrics.Outcome;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The gateway's counters; thread-safe, cheap to bump, read as a {@link GatewayMetrics}. */
final class Counters {
  private final EnumMap<ProviderOperation, EnumMap<Outcome, LongAdder>> requests =
      new EnumMap<>(ProviderOperation.class);
  private final ConcurrentHashMap<Integer, LongAdder> providerErrors = new ConcurrentHashMap<>();
  private final EnumMap<GatewayRefusal.Reason, LongAdder> refusals =
      new EnumMap<>(GatewayRefusal.Reason.class);
  final LongAdder cacheHits = new LongAdder();
  final LongAdder cacheMisses = new LongAdder();
  final LongAdder coalesced = new LongAdder();
  final LongAdder staleAnswers = new LongAdder();
  final LongAdder budgetWaits = new LongAdder();

  Counters() {
    for (ProviderOperation op : ProviderOperation.values()) {
      EnumMap<Outcome, LongAdder> m = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        m.put(o, new LongAdder());
      }
      requests.put(op, m);
    }
    for (GatewayRefusal.Reason r : GatewayRefusal.Reason.values()) {
      refusals.put(r, new LongAdder());
    }
  }

  void request(ProviderOperation op, Outcome outcome) {
    requests.get(op).get(outcome).increment();
  }

  void providerError(int code) {
    providerErrors.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  void refused(GatewayRefusal.Reason reason) {
    refusals.get(reason).increment();
  }

  long providerRequests() {
    long n = 0;
    for (EnumMap<Outcome, LongAdder> m : requests.values()) {
      for (LongAdder a : m.values()) {
        n += a.sum();
      }
    }
    return n;
  }

  GatewayMetrics snapshot() {
    Map<ProviderOperation, Map<Outcome, Long>> req = new EnumMap<>(ProviderOperation.class);
    requests.forEach(
        (op, m) -> {
          Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
          m.forEach((o, a) -> counts.put(o, a.sum()));
          req.put(op, counts);
        });
    Map<Integer, Long> errors = new HashMap<>();
    providerErrors.forEach((code, a) -> errors.put(code, a.sum()));
    Map<GatewayRefusal.Reason, Long> ref = new EnumMap<>(GatewayRefusal.Reason.class);
    refusals.forEach((r, a) -> ref.put(r, a.sum()));
    return new GatewayMetrics(
        req,
        errors,
        cacheHits.sum(),
        cacheMisses.sum(),
        coalesced.sum(),
        staleAnswers.sum(),
        budgetWaits.sum(),
        ref);
  }
}
