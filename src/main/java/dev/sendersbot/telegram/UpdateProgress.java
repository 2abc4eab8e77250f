package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which received updates are finished, in memory and in {@link BotState}. The <em>watermark</em> is
 * the highest update id such that every update received up to it has finished; it is what the
 * persisted offset holds and what the next getUpdates starts after. Updates finished beyond it (out
 * of order: another chat was quicker) are recorded one by one with {@link BotState#markDone}, and
 * forgotten once the watermark passes them.
 *
 * <p>Thread-safe: the poll thread admits updates, workers finish them, and the poll thread waits
 * here for room, for idleness or for a change. The writes to {@link BotState} happen under this
 * object's lock, so they reach the database in the order the watermark moves.
 */
final class UpdateProgress {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final BotState state;
  private final TokenRedactor redactor;
  private long watermark;

  /** Admitted, not finished. */
  private final TreeSet<Long> pending = new TreeSet<>();

  /** Finished, above the watermark. */
  private final TreeSet<Long> doneAbove = new TreeSet<>();

  private boolean closed;

  UpdateProgress(BotState state, TokenRedactor redactor) {
    this.state = Objects.requireNonNull(state, "state");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.watermark = state.lastUpdateId().orElse(0);
  }

  /**
   * Whether an update received from the server is to be handled: false when this run already has it
   * (finished or under way) or an earlier run finished it. Does not admit it: see {@link #admit}.
   * Reads the database for an id this run has not seen.
   */
  boolean isNew(long id) {
    synchronized (this) {
      if (id <= watermark || pending.contains(id) || doneAbove.contains(id)) {
        return false;
      }
    }
    boolean earlier;
    try {
      earlier = state.isHandled(id);
    } catch (RuntimeException e) {
      // Cannot tell: handling it again is the lesser harm than losing it.
      log.error(
          "Could not check whether update {} was handled before; handling it",
          id,
          redactor.scrub(e));
      earlier = false;
    }
    if (earlier) {
      synchronized (this) {
        if (id > watermark && !pending.contains(id)) {
          doneAbove.add(id);
          advance();
        }
      }
      return false;
    }
    return true;
  }

  /** The update is being handled: the watermark stays below it until {@link #finish}. */
  synchronized void admit(long id) {
    pending.add(id);
    notifyAll();
  }

  /**
   * The update was handled (its handler returned or threw): records it durably, as the new
   * watermark when every update before it has finished, else on its own.
   */
  synchronized void finish(long id) {
    if (!pending.remove(id)) {
      return;
    }
    long before = watermark;
    doneAbove.add(id);
    long next = nextWatermark();
    if (id > next) {
      try {
        state.markDone(id);
      } catch (RuntimeException e) {
        log.error(
            "Could not persist update {} as handled; a restart may handle it again",
            id,
            redactor.scrub(e));
      }
    }
    advance();
    if (watermark == before) {
      notifyAll();
    }
  }

  /**
   * The updates were parked or dropped: the backlog recorded them as done when it stored them, so
   * the watermark may pass them without another write for each.
   */
  synchronized void finishStored(Collection<Long> ids) {
    long before = watermark;
    for (long id : ids) {
      if (pending.remove(id)) {
        doneAbove.add(id);
      }
    }
    advance();
    if (watermark == before) {
      notifyAll();
    }
  }

  private long nextWatermark() {
    Long firstPending = pending.isEmpty() ? null : pending.first();
    Long lastDone =
        firstPending == null
            ? (doneAbove.isEmpty() ? null : doneAbove.last())
            : doneAbove.lower(firstPending);
    return lastDone == null ? watermark : Math.max(watermark, lastDone);
  }

  /** Moves the watermark over the finished updates right above it, and persists it. */
  private void advance() {
    long next = nextWatermark();
    if (next <= watermark) {
      return;
    }
    try {
      state.markHandled(next);
    } catch (RuntimeException e) {
      log.error(
          "Could not persist update {} as handled; a restart may handle it again",
          next,
          redactor.scrub(e));
    }
    watermark = next;
    doneAbove.headSet(next, true).clear();
    notifyAll();
  }

  /** Every update up to this one has finished (this run or an earlier one). */
  synchronized long watermark() {
    return watermark;
  }

  /** Received updates above the watermark: under way, or finished out of order. */
  synchronized int beyond() {
    return pending.size() + doneAbove.size();
  }

  /** Updates admitted and not finished. */
  synchronized int pending() {
    return pending.size();
  }

  /** Waits while {@code max} or more received updates are above the watermark. */
  synchronized void awaitRoom(int max) throws InterruptedException {
    while (!closed && beyond() >= max) {
      wait();
    }
  }

  /** Waits until no update is under way; false when closed first. */
  synchronized boolean awaitIdle() throws InterruptedException {
    while (!closed && !pending.isEmpty()) {
      wait();
    }
    return pending.isEmpty();
  }

  /**
   * Waits until nothing is above the watermark (a long poll can then wait for new updates), or the
   * time runs out, or this closes.
   */
  synchronized void awaitCaughtUp(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!closed && beyond() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Ends every wait. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
