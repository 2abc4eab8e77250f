package dev.sendersbot.gateway;

import dev.sendersbot.gateway.GatewayRefusal.Reason;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.time.RollingWindow;
import dev.sendersbot.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Lets a request go to the provider or refuses it: the provider's state first, then a slot of the
 * request's rolling budget (identical lists per question and side, creations per account, of which
 * the sub-clients together take all but one a minute), then a permit to be in flight. A caller
 * waits for its slot up to the time it is given; nothing is queued beyond that wait.
 */
final class Admission {

  /**
   * Permission to send one request: the budget slot it holds, whether it is the probe, and whether
   * it holds one of the chats' permits besides the in-flight one.
   */
  record Ticket(RollingWindow.Slot slot, boolean probe, boolean chatPermit) {}

  private static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  private final Clock clock;
  private final Sleeper sleeper;
  private final InFlightPermits permits;
  private final Counters counters;
  private final int createsPerMinute;

  // Guarded by lock, the gateway's: the provider's state is shared with the calls.
  private final Object lock;
  private final ProviderState provider;
  private final ListBudgets listBudgets;
  private final RollingWindow createWindow;

  /**
   * The sub-clients' creations together: all but one of the minute's, so that no sub-client's chat
   * can spend the account's own; null when the budget is one a minute.
   */
  private final RollingWindow subClientCreates;

  private final SendLog sends;

  Admission(
      Clock clock,
      Sleeper sleeper,
      InFlightPermits permits,
      Counters counters,
      int createsPerMinute,
      ListBudgets listBudgets,
      Object lock,
      ProviderState provider,
      SendLog sends) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.permits = permits;
    this.counters = counters;
    this.createsPerMinute = createsPerMinute;
    this.listBudgets = listBudgets;
    this.createWindow = new RollingWindow(createsPerMinute, CachingGateway.BUDGET_WINDOW);
    this.subClientCreates =
        createsPerMinute > 1
            ? new RollingWindow(createsPerMinute - 1, CachingGateway.BUDGET_WINDOW)
            : null;
    this.lock = lock;
    this.provider = provider;
    this.sends = sends;
  }

  /**
   * Lets one request of this kind go to the provider, waiting up to {@code maxWaitHere}, or refuses
   * it. The caller must pass the ticket to {@link ProviderCalls#call} at once.
   *
   * @param query the question, for a list; null otherwise
   * @param watcher whether the status watcher asks: its share of the budgets, not the chats'
   */
  Ticket admit(RequestKind kind, ListQuery query, boolean watcher, Duration maxWaitHere) {
    return admit(kind, query, watcher, false, maxWaitHere);
  }

  /**
   * @param subClient a creation for a sub-client: it takes a slot of the sub-clients' share too
   */
  Ticket admit(
      RequestKind kind, ListQuery query, boolean watcher, boolean subClient, Duration maxWaitHere) {
    Instant deadline = now().plus(maxWaitHere);
    while (true) {
      RollingWindow window;
      RollingWindow.Slot slot;
      RollingWindow.Slot shareSlot = null;
      Duration wait;
      synchronized (lock) {
        Instant now = now();
        provider.check(kind, now, false);
        window = windowFor(kind, query, watcher, now);
        boolean share = kind == RequestKind.CREATES && subClient && subClientCreates != null;
        boolean shareSpent = false;
        if (share) {
          Instant at = RollingWindow.earliest(List.of(window, subClientCreates), now, now);
          shareSpent = at.isAfter(RollingWindow.earliest(List.of(window), now, now));
          slot = window.add(at);
          shareSlot = subClientCreates.add(at);
        } else {
          slot = window == null ? null : window.reserve(now);
        }
        wait = slot == null ? Duration.ZERO : Duration.between(now, slot.at);
        if (wait.isNegative()) {
          wait = Duration.ZERO;
        }
        if (!wait.isZero() && slot.at.isAfter(deadline)) {
          window.cancel(slot);
          cancelShare(shareSlot);
          throw new GatewayRefusal(
              Reason.BUDGET,
              wait,
              (shareSpent ? shareWords() : budgetWords(kind, watcher))
                  + "; next slot in "
                  + wait.truncatedTo(ChronoUnit.SECONDS).toSeconds()
                  + " s");
        }
        if (!wait.isZero()) {
          counters.budgetWaits.increment();
        }
      }
      if (!wait.isZero()) {
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          cancel(window, slot, shareSlot);
          Thread.currentThread().interrupt();
          throw new GatewayRefusal(Reason.BUDGET, wait, "interrupted while waiting for budget");
        }
      }
      boolean chatPermit = permits.needsChatPermit(watcher);
      if (!permits.acquire(chatPermit, remaining(deadline))) {
        cancel(window, slot, shareSlot);
        throw new GatewayRefusal(Reason.BUDGET, IN_FLIGHT_RETRY, permits.busyWords(chatPermit));
      }
      synchronized (lock) {
        Instant now = now();
        boolean probe;
        try {
          probe = provider.check(kind, now, true);
        } catch (GatewayRefusal r) {
          if (slot != null) {
            window.cancel(slot);
          }
          cancelShare(shareSlot);
          permits.release(chatPermit);
          throw r;
        }
        if (slot != null && now.isAfter(slot.at.plus(CachingGateway.SEND_DRIFT))) {
          // Waiting for a permit made this send later than its slot, and later reservations
          // were planned around the slot: take a new one.
          window.cancel(slot);
          cancelShare(shareSlot);
          permits.release(chatPermit);
          if (probe) {
            provider.probeDropped();
          }
          continue;
        }
        sends.sent(kind, now);
        return new Ticket(slot, probe, chatPermit);
      }
    }
  }

  /** The window the request takes a slot from; null when its kind has none. Holds lock. */
  private RollingWindow windowFor(RequestKind kind, ListQuery query, boolean watcher, Instant now) {
    return switch (kind) {
      case LISTS -> {
        RollingWindow w = listBudgets.window(query, watcher, now);
        if (w == null) {
          throw new GatewayRefusal(Reason.BUDGET, null, budgetWords(kind, watcher));
        }
        yield w;
      }
      case CREATES -> createWindow;
      case OTHERS -> null;
    };
  }

  private String budgetWords(RequestKind kind, boolean watcher) {
    return switch (kind) {
      case LISTS -> listBudgets.spentWords(watcher);
      case CREATES -> "creation budget (" + createsPerMinute + " a minute) is spent";
      case OTHERS -> "budget is spent";
    };
  }

  private void cancel(RollingWindow window, RollingWindow.Slot slot, RollingWindow.Slot share) {
    synchronized (lock) {
      if (slot != null) {
        window.cancel(slot);
      }
      cancelShare(share);
    }
  }

  /** Holds lock. */
  private void cancelShare(RollingWindow.Slot share) {
    if (share != null) {
      subClientCreates.cancel(share);
    }
  }

  private String shareWords() {
    return "the sub-clients' share of the creation budget ("
        + (createsPerMinute - 1)
        + " of "
        + createsPerMinute
        + " a minute, so that the account always has one) is spent";
  }

  private Duration remaining(Instant deadline) {
    Duration d = Duration.between(now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private Instant now() {
    return clock.instant();
  }
}
