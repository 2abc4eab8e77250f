package dev.sendersbot.gateway;

import dev.sendersbot.smsc.SmscTransportException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends a change of the names (add, change, code, delete) when admitted, and supersedes the
 * sub-client's cached lists once the provider may have made it.
 */
final class Mutations {
  private final Duration maxWait;
  private final Admission admission;
  private final ProviderCalls calls;
  private final ListCache cache;
  private final Counters counters;

  Mutations(
      Duration maxWait,
      Admission admission,
      ProviderCalls calls,
      ListCache cache,
      Counters counters) {
    this.maxWait = maxWait;
    this.admission = admission;
    this.calls = calls;
    this.cache = cache;
    this.counters = counters;
  }

  /**
   * @param user the sub-client whose names it changes; null for the main account
   * @param invalidates whether success can change a list of {@code user}
   */
  <T> T run(ProviderOperation op, String user, boolean invalidates, Supplier<T> request) {
    try {
      Admission.Ticket ticket = admission.admit(RequestKind.of(op), null, false, maxWait);
      try {
        T result = calls.call(ticket, op, request);
        if (invalidates) {
          cache.invalidate(user);
        }
        return result;
      } catch (SmscTransportException e) {
        // The provider may have done it before the answer was lost: the lists are in doubt too.
        if (invalidates) {
          cache.invalidate(user);
        }
        throw e;
      }
    } catch (GatewayRefusal r) {
      counters.refused(r.reason());
      throw r;
    } finally {
      calls.fireEvents();
    }
  }
}
