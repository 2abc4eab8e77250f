package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which received updates are finished, in memory and in {@link BotState}. The <em>watermark</em> is
 * the highest update id such that every update received up to it has finished; it is what the
 * persisted offset holds and what the next getUpdates starts after. Updates finished beyond it (out
 * of order: another chat was quicker) are recorded one by one with {@link BotState#markDone}, and
 * forgotten once the watermark passes them.
 *
 * <p>With a webhook, "received" means less: Telegram posts different chats' updates side by side
 * and retries a failed one later, so an update below the highest received may still come. There the
 * watermark passes only finished updates ({@code ordered} false): over a run of consecutive ids, or
 * over a gap once an update beyond it finished longer ago than Telegram keeps an update ({@link
 * #KEPT}); until then every finished update is recorded on its own, and a repeated one is
 * recognised by its id.
 *
 * <p>Thread-safe: the poll thread admits updates, workers finish them, and the poll thread waits
 * here for room, for idleness or for a change. The writes to {@link BotState} happen under this
 * object's lock, so they reach the database in the order the watermark moves.
 */
final class UpdateProgress {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  /**
   * Telegram keeps an update it could not deliver for at most 24 hours: an id below one received
   * longer ago than that can no longer come.
   */
  static final Duration KEPT = Duration.ofHours(24);

  /** How often a webhook records when an update came: a write an hour, not one per update. */
  static final Duration HEARD_STEP = Duration.ofHours(1);

  private final BotState state;
  private final TokenRedactor redactor;
  private final Clock clock;
  private final boolean ordered;
  private long watermark;

  /** Admitted, not finished. */
  private final TreeSet<Long> pending = new TreeSet<>();

  /** Finished, above the watermark, with when they finished. */
  private final TreeMap<Long, Instant> doneAbove = new TreeMap<>();

  /**
   * What earlier runs finished above the watermark, read once at the start (this run's own are in
   * {@link #doneAbove}); null when that read failed, and then each new id is looked up.
   */
  private final Set<Long> doneBefore;

  private boolean closed;

  /**
   * A webhook's: when an update last came, as recorded, which is at most {@link #HEARD_STEP} before
   * the last one; null when nothing is on record (or it could not be read).
   */
  private Instant heardAt;

  /** For polling: updates are received in id order. */
  UpdateProgress(BotState state, TokenRedactor redactor) {
    this(state, redactor, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), true);
  }

  /**
   * @param clock when an update finished, for the webhook's gaps
   * @param ordered true when every update below one received has been received too (polling)
   */
  UpdateProgress(BotState state, TokenRedactor redactor, Clock clock, boolean ordered) {
    this.state = Objects.requireNonNull(state, "state");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ordered = ordered;
    this.watermark = state.lastUpdateId().orElse(0);
    this.doneBefore = doneBefore(state, redactor);
    this.heardAt = ordered ? null : lastHeard(state, redactor);
  }

  private static Instant lastHeard(BotState state, TokenRedactor redactor) {
    try {
      return state.lastHeardAt().orElse(null);
    } catch (RuntimeException e) {
      log.warn(
          "Could not read when the last update came; update ids that start over may go unheard",
          redactor.scrub(e));
      return null;
    }
  }

  /**
   * A webhook's update came. One at or below the watermark after more than {@link #KEPT} without
   * any update cannot be one Telegram posts again, as it keeps an update a day at most: Telegram
   * started its ids over, as it does after a week without updates, and the watermark moves down to
   * just below it ({@link #restartAt}). Polling tells this by getUpdates' offsets instead ({@link
   * ConfirmedOffsets}).
   */
  synchronized void heard(long id) {
    Instant now = clock.instant();
    if (heardAt != null
        && id <= watermark
        && now.isAfter(heardAt.plus(KEPT).plus(HEARD_STEP))
        && pending.isEmpty()) {
      log.info(
          "Update {} came after more than {} h without updates, at or below the offset {}: the"
              + " update ids started over",
          id,
          KEPT.toHours(),
          watermark);
      restartAt(id);
    }
    if (heardAt == null || !now.isBefore(heardAt.plus(HEARD_STEP))) {
      try {
        state.markHeard(now);
        heardAt = now;
      } catch (RuntimeException e) {
        log.warn("Could not record when update {} came", id, redactor.scrub(e));
      }
    }
  }

  /**
   * The server's update ids started over ({@link ConfirmedOffsets#startedOver}): the watermark
   * moves down to just below {@code lowest}, and nothing recorded beyond it in the old ids counts
   * any more. Only before any update of this run is under way.
   */
  synchronized void restartAt(long lowest) {
    if (!pending.isEmpty()) {
      return;
    }
    watermark = lowest - 1;
    doneAbove.clear();
    if (doneBefore != null) {
      doneBefore.clear();
    }
    try {
      state.restartAt(watermark);
    } catch (RuntimeException e) {
      log.error(
          "Could not record that the update ids started over; a restart may not hear updates"
              + " until they pass the old offset",
          redactor.scrub(e));
    }
  }

  /**
   * Only the leader polls, and a transport lives for one term, so while it runs nobody else records
   * an update as handled: what the database holds at the start is all there is to know beyond what
   * this run does itself.
   */
  private static Set<Long> doneBefore(BotState state, TokenRedactor redactor) {
    try {
      return new HashSet<>(state.doneBeyondOffset());
    } catch (RuntimeException e) {
      log.warn(
          "Could not read the updates handled beyond the offset; each new one is looked up",
          redactor.scrub(e));
      return null;
    }
  }

  /**
   * Whether an update received from the server is to be handled: false when this run already has it
   * (finished or under way) or an earlier run finished it. Does not admit it: see {@link #admit}.
   * Reads the database only when what earlier runs finished could not be read at the start.
   */
  boolean isNew(long id) {
    synchronized (this) {
      if (id <= watermark || pending.contains(id) || doneAbove.containsKey(id)) {
        return false;
      }
      if (doneBefore != null) {
        if (!doneBefore.remove(id)) {
          return true;
        }
        doneAbove.put(id, finishedNow());
        advance();
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
          doneAbove.put(id, finishedNow());
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
    doneAbove.put(id, finishedNow());
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
        doneAbove.put(id, finishedNow());
      }
    }
    advance();
    if (watermark == before) {
      notifyAll();
    }
  }

  private long nextWatermark() {
    Long firstPending = pending.isEmpty() ? null : pending.first();
    if (!ordered) {
      return nextWebhookWatermark(firstPending);
    }
    Long lastDone =
        firstPending == null
            ? (doneAbove.isEmpty() ? null : doneAbove.lastKey())
            : doneAbove.lowerKey(firstPending);
    return lastDone == null ? watermark : Math.max(watermark, lastDone);
  }

  /**
   * Over consecutive finished ids, and over a gap below an update (not above one under way) that
   * finished longer than {@link #KEPT} ago: what is missing below it will not come any more.
   */
  private long nextWebhookWatermark(Long firstPending) {
    long next = watermark;
    Instant horizon = clock.instant().minus(KEPT);
    Long start = firstPending == null ? lastDone() : doneAbove.lowerKey(firstPending);
    for (Long id = start; id != null && id > next; id = doneAbove.lowerKey(id)) {
      if (!doneAbove.get(id).isAfter(horizon)) {
        next = id;
        break;
      }
    }
    while (doneAbove.containsKey(next + 1)) {
      next++;
    }
    return next;
  }

  // Polling never needs the time: its watermark waits for no gap.
  private Instant finishedNow() {
    return ordered ? Instant.EPOCH : clock.instant();
  }

  private Long lastDone() {
    return doneAbove.isEmpty() ? null : doneAbove.lastKey();
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
    doneAbove.headMap(next, true).clear();
    if (doneBefore != null && !doneBefore.isEmpty()) {
      doneBefore.removeIf(id -> id <= next);
    }
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

  /**
   * Waits while {@code max} or more received updates are above the watermark, at most {@code
   * timeoutNanos}; true when there is room (or this closed).
   */
  synchronized boolean awaitRoom(int max, long timeoutNanos) throws InterruptedException {
    awaitWhile(() -> beyond() >= max, timeoutNanos);
    return closed || beyond() < max;
  }

  /**
   * Waits until nothing is above the watermark (a long poll can then wait for new updates), or the
   * time runs out, or this closes.
   */
  synchronized void awaitCaughtUp(long timeoutNanos) throws InterruptedException {
    awaitWhile(() -> beyond() > 0, timeoutNanos);
  }

  /**
   * Waits while the watermark stands at {@code mark} with updates above it, or the time runs out,
   * or this closes.
   */
  synchronized void awaitMovedFrom(long mark, long timeoutNanos) throws InterruptedException {
    awaitWhile(() -> watermark == mark && beyond() > 0, timeoutNanos);
  }

  /**
   * Waits while the update is under way: until it finished or was stored (parked or dropped), or
   * the time runs out, or this closes.
   *
   * @return true when it finished or was stored, this run or an earlier one
   */
  synchronized boolean awaitSettled(long id, long timeoutNanos) throws InterruptedException {
    awaitWhile(() -> pending.contains(id), timeoutNanos);
    return id <= watermark || doneAbove.containsKey(id);
  }

  /** Waits on this object while {@code waiting} holds, the time lasts and this is open. */
  private void awaitWhile(BooleanSupplier waiting, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!closed && waiting.getAsBoolean()) {
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
