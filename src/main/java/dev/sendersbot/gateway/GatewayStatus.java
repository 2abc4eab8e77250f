package dev.sendersbot.gateway;

import dev.sendersbot.smsc.SmscException;
import java.time.Instant;
import java.util.List;

/**
 * What {@code /status}, health and metrics read from the gateway.
 *
 * @param lastSuccess when the provider last answered without error; null if never
 * @param lastError the last provider or transport error, in words; null if none
 * @param lastErrorAt when it happened; null if never
 * @param cacheEntries list answers held
 * @param cacheHitRate hits / requests since start, 0..1
 * @param listRequestsLastMinute list requests sent to the provider in the rolling minute
 * @param createsLastMinute creations sent in the rolling minute
 * @param createsPerMinute the creation budget
 * @param inFlight provider requests running now
 * @param maxInFlight the concurrency budget
 * @param circuit {@code closed}, {@code open} or {@code half-open}
 * @param suspension why all calls are stopped (credentials, IP block); null when not
 * @param suspendedUntil when an IP block ends; null when none or unknown
 * @param providerRequests requests sent to the provider since start
 * @param suspendedFor the reasons of {@code suspension}, for a chat to say them in its reader's
 *     words; empty when none, or when a gateway gives the suspension as text only
 * @param lastFailure the failure {@code lastError} describes, for a chat to say it in its reader's
 *     words; null when none, or when a gateway gives it as text only
 */
public record GatewayStatus(
    Instant lastSuccess,
    String lastError,
    Instant lastErrorAt,
    long cacheEntries,
    double cacheHitRate,
    int listRequestsLastMinute,
    int createsLastMinute,
    int createsPerMinute,
    int inFlight,
    int maxInFlight,
    String circuit,
    String suspension,
    Instant suspendedUntil,
    long providerRequests,
    List<GatewayRefusal.Reason> suspendedFor,
    SmscException lastFailure) {

  public GatewayStatus {
    suspendedFor = suspendedFor == null ? List.of() : List.copyOf(suspendedFor);
  }

  /** Without the reasons: the suspension, if any, is shown as its text. */
  public GatewayStatus(
      Instant lastSuccess,
      String lastError,
      Instant lastErrorAt,
      long cacheEntries,
      double cacheHitRate,
      int listRequestsLastMinute,
      int createsLastMinute,
      int createsPerMinute,
      int inFlight,
      int maxInFlight,
      String circuit,
      String suspension,
      Instant suspendedUntil,
      long providerRequests) {
    this(
        lastSuccess,
        lastError,
        lastErrorAt,
        cacheEntries,
        cacheHitRate,
        listRequestsLastMinute,
        createsLastMinute,
        createsPerMinute,
        inFlight,
        maxInFlight,
        circuit,
        suspension,
        suspendedUntil,
        providerRequests,
        List.of(),
        null);
  }
}
