package dev.sendersbot.gateway;

import dev.sendersbot.gateway.GatewayMetrics.Outcome;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an admitted request and teaches its outcome to the {@link ProviderState}; then tells the
 * listener what changed, outside the lock. Never retries.
 */
final class ProviderCalls {
  private static final Logger log = LoggerFactory.getLogger(CachingGateway.class);

  private final Clock clock;
  private final InFlightPermits permits;
  private final Counters counters;
  // Guarded by lock, the gateway's: admission reads the same state.
  private final Object lock;
  private final ProviderState provider;

  ProviderCalls(
      Clock clock,
      InFlightPermits permits,
      Counters counters,
      Object lock,
      ProviderState provider) {
    this.clock = clock;
    this.permits = permits;
    this.counters = counters;
    this.lock = lock;
    this.provider = provider;
  }

  /** Sends the request the ticket admitted and gives its permits back, whatever happens. */
  <T> T call(Admission.Ticket ticket, ProviderOperation op, Supplier<T> request) {
    try {
      T result = request.get();
      synchronized (lock) {
        provider.succeeded(clock.instant());
      }
      counters.request(op, Outcome.OK);
      return result;
    } catch (SmscError e) {
      counters.request(op, Outcome.PROVIDER_ERROR);
      counters.providerError(e.rawCode());
      synchronized (lock) {
        provider.providerError(e, RequestKind.of(op), clock.instant());
      }
      throw e;
    } catch (SmscTransportException e) {
      counters.request(op, Outcome.TRANSPORT_ERROR);
      synchronized (lock) {
        provider.transportFailed(e, ticket.probe(), clock.instant());
      }
      throw e;
    } catch (RuntimeException | Error e) {
      // Raised before any request (bad input): the provider taught us nothing.
      if (ticket.probe()) {
        synchronized (lock) {
          provider.probeDropped();
        }
      }
      throw e;
    } finally {
      permits.release(ticket.chatPermit());
    }
  }

  /** Allows provider calls again after error 2. An IP block (error 4) still runs its course. */
  void resume() {
    synchronized (lock) {
      provider.resume();
    }
    fireEvents();
  }

  /** Tells the listener what changed, outside the lock and never failing the caller. */
  void fireEvents() {
    while (true) {
      Runnable event;
      synchronized (lock) {
        event = provider.nextEvent();
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
}
