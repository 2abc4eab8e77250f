package dev.sendersbot.gateway;

import dev.sendersbot.smsc.SmscTransportException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a change of the names (add, change, code, delete) when admitted. An add or delete that
 * succeeded is applied to the sub-client's cached lists ({@link OwnWrites}); any other change, or
 * one whose answer was lost, supersedes them once the provider may have made it.
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
    return run(op, user, invalidates, request, null);
  }

  /**
   * @param learned what success does to the cached lists, from the request's result; null when the
   *     gateway cannot tell and success supersedes them ({@code invalidates})
   */
  <T> T run(
      ProviderOperation op,
      String user,
      boolean invalidates,
      Supplier<T> request,
      Function<T, OwnWrites.Edit> learned) {
    try {
      Admission.Ticket ticket =
          admission.admit(RequestKind.of(op), null, false, user != null, maxWait);
      try {
        T result = calls.call(ticket, op, request);
        if (learned != null) {
          cache.learn(user, learned.apply(result));
        } else if (invalidates) {
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
