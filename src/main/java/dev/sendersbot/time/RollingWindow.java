package dev.sendersbot.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Events of one kind in a rolling window: at most {@code limit} slots in any span of {@code length}
 * (two slots exactly {@code length} apart do not share a span). A caller reserves a slot, possibly
 * in the future, waits for it, then acts; a caller who gives up cancels its slot. Serves both the
 * provider's request budget (one window, first come first served: {@link #reserve}) and Telegram's
 * sending limits (several windows at once: {@link #earliest} then {@link #add}). Not thread-safe:
 * its owner guards it with its lock.
 */
public final class RollingWindow {

  /** One reserved event. */
  public static final class Slot {
    public final Instant at;

    Slot(Instant at) {
      this.at = at;
    }
  }

  private final int limit;
  private final Duration length;
  // Sorted by time; slots at the same time keep the order they were added in.
  private final List<Slot> slots = new ArrayList<>();

  public RollingWindow(int limit, Duration length) {
    if (limit < 1) {
      throw new IllegalArgumentException("window limit must be at least 1: " + limit);
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("window length must be positive: " + length);
    }
    this.limit = limit;
    this.length = length;
  }

  /**
   * Reserves the earliest slot at or after {@code now} that keeps the limit, behind every slot
   * already reserved: callers are served in the order they asked.
   */
  public Slot reserve(Instant now) {
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

  /** The caller did not act after all. */
  public void cancel(Slot slot) {
    slots.remove(slot);
  }

  /** True when no slot can still affect a reservation made at {@code now} or later. */
  public boolean isIdle(Instant now) {
    prune(now);
    return slots.isEmpty();
  }

  /**
   * The earliest moment at or after {@code start} at which one more event fits every window in
   * {@code windows}, between reserved slots too; {@code now} lets each window forget what can no
   * longer matter. Reserves nothing: {@link #add} the answer to each window to take it.
   */
  public static Instant earliest(Collection<RollingWindow> windows, Instant now, Instant start) {
    TreeSet<Instant> candidates = new TreeSet<>();
    candidates.add(start);
    for (RollingWindow w : windows) {
      w.prune(now);
      w.candidates(start, candidates);
    }
    for (Instant t : candidates) {
      if (windows.stream().allMatch(w -> w.fits(t))) {
        return t;
      }
    }
    throw new AssertionError("the last candidate always fits");
  }

  /** Takes a slot at {@code at}, wherever it falls among those reserved; see {@link #earliest}. */
  public Slot add(Instant at) {
    Slot slot = new Slot(at);
    slots.add(after(at), slot);
    return slot;
  }

  /** Slots at or before now - length cannot share a span with anything from now on. */
  private void prune(Instant now) {
    Instant horizon = now.minus(length);
    while (!slots.isEmpty() && !slots.get(0).at.isAfter(horizon)) {
      slots.remove(0);
    }
  }

  /** Where feasibility can change: at a reserved slot and where it leaves the window. */
  private void candidates(Instant from, TreeSet<Instant> out) {
    for (Slot s : slots) {
      if (!s.at.isBefore(from)) {
        out.add(s.at);
      }
      Instant leaves = s.at.plus(length);
      if (!leaves.isBefore(from)) {
        out.add(leaves);
      }
    }
  }

  /** Adding t keeps every span (x - length, x] that contains t within the limit. */
  private boolean fits(Instant t) {
    if (inSpanEndingAt(t) >= limit) {
      return false;
    }
    Instant end = t.plus(length);
    for (int i = after(t); i < slots.size() && slots.get(i).at.isBefore(end); i++) {
      if (inSpanEndingAt(slots.get(i).at) >= limit) {
        return false;
      }
    }
    return true;
  }

  private int inSpanEndingAt(Instant x) {
    return after(x) - after(x.minus(length));
  }

  /** Index of the first slot later than x. */
  private int after(Instant x) {
    int lo = 0;
    int hi = slots.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!slots.get(mid).at.isAfter(x)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
