package dev.sendersbot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends of one kind in a rolling window: at most {@code limit} slots in any span of {@code length}.
 * A caller reserves a slot, possibly in the future, waits for it, then sends; a caller who gives
 * up cancels its slot. Not thread-safe: the gateway guards it with its lock.
 */
final class RollingWindow {

  /** One reserved send. */
  static final class Slot {
    final Instant at;

    Slot(Instant at) {
      this.at = at;
    }
  }

  private final int limit;
  private final Duration length;
  // Sorted by time: a new slot is never earlier than the latest one (see reserve).
  private final List<Slot> slots = new ArrayList<>();

  RollingWindow(int limit, Duration length) {
    if (limit < 1) {
      throw new IllegalArgumentException("window limit must be at least 1: " + limit);
    }
    this.limit = limit;
    this.length = length;
  }

  /** Reserves the earliest slot at or after {@code now} that keeps the limit. */
  Slot reserve(Instant now) {
    prune(now);
    Instant at = now;
    int n = slots.size();
    if (n > 0 && slots.get(n - 1).at.isAfter(at)) {
      // Queue behind earlier reservations rather than between them: keeps the list sorted and
      // makes the check below sufficient.
      at = slots.get(n - 1).at;
    }
    if (n >= limit) {
      // Every span ending at the new slot may hold only limit - 1 older ones.
      Instant free = slots.get(n - limit).at.plus(length);
      if (free.isAfter(at)) {
        at = free;
      }
    }
    Slot slot = new Slot(at);
    slots.add(slot);
    return slot;
  }

  /** The caller did not send after all. */
  void cancel(Slot slot) {
    slots.remove(slot);
  }

  /** True when no slot can still affect a reservation made at {@code now} or later. */
  boolean isIdle(Instant now) {
    prune(now);
    return slots.isEmpty();
  }

  private void prune(Instant now) {
    Instant horizon = now.minus(length);
    while (!slots.isEmpty() && !slots.get(0).at.isAfter(horizon)) {
      slots.remove(0);
    }
  }
}
