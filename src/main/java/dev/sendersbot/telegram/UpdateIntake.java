package dev.sendersbot.telegram;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.store.UpdateBacklog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each poll's updates in and decides, per update, where it waits (see {@link Fairness}):
 *
 * <ul>
 *   <li>its chat has nothing under way or parked and may be sent to now: it runs at once, and stays
 *       unconfirmed until it has finished (it holds the offset only while it runs);
 *   <li>otherwise it is parked in the backlog, which confirms it to Telegram, so the updates behind
 *       it come in while it waits its turn;
 *   <li>its chat's backlog is full: it is dropped, counted and logged.
 * </ul>
 *
 * <p>A poll's parked and dropped updates are written in one transaction. When that fails they run
 * unconfirmed in their lanes as before parking existed: nothing is lost, though they may then run
 * ahead of older parked updates of their chat. Reads parked updates back for the lanes.
 */
final class UpdateIntake {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);
  private static final int MAX_DROPPING_REMEMBERED = 1000;

  /** A received update to take in, with when its poll returned ({@link System#nanoTime()}). */
  record Received(long updateId, Incoming incoming, long arrivedNanos) {
    long chatId() {
      return incoming.chat().id();
    }
  }

  private final UpdateLanes lanes;
  private final UpdateBacklog backlog;
  private final UpdateProgress progress;
  private final Fairness fairness;
  private final TokenRedactor redactor;
  private final Function<Received, Runnable> runNow;
  private final BiPredicate<Long, Incoming> runParked;
  private final ParkedCodec codec = new ParkedCodec();
  private final AtomicLong parked = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /** Parked updates not yet handled, for {@link #lowestWaiting}. */
  private final ConcurrentSkipListSet<Long> waiting = new ConcurrentSkipListSet<>();

  /** Chats dropping updates now, with how many so far; poll thread only. */
  private final Map<Long, Long> dropping =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > MAX_DROPPING_REMEMBERED;
        }
      };

  /**
   * @param runNow the task that handles a received update and marks it finished
   * @param runParked handles a parked update; false when it did not (closing): the row stays
   */
  UpdateIntake(
      UpdateLanes lanes,
      UpdateBacklog backlog,
      UpdateProgress progress,
      Fairness fairness,
      TokenRedactor redactor,
      Function<Received, Runnable> runNow,
      BiPredicate<Long, Incoming> runParked) {
    this.lanes = lanes;
    this.backlog = backlog;
    this.progress = progress;
    this.fairness = fairness;
    this.redactor = redactor;
    this.runNow = runNow;
    this.runParked = runParked;
  }

  /** Hands the lanes what an earlier run parked. */
  void restore() {
    try {
      waiting.addAll(backlog.ids());
      backlog.counts().forEach((chat, n) -> lanes.addParked(chat, n, !trusted(chat)));
    } catch (RuntimeException e) {
      log.error(
          "Could not read the parked updates; they wait for the next start", redactor.scrub(e));
    }
  }

  /** One poll's updates, admitted to the progress already, in update order. */
  void take(List<Received> batch) {
    Set<Long> claimed = new HashSet<>();
    Map<Long, Integer> parkedHere = new LinkedHashMap<>();
    Map<Long, Boolean> trust = new HashMap<>();
    List<Received> now = new ArrayList<>();
    List<Received> parkIn = new ArrayList<>();
    List<Received> dropIn = new ArrayList<>();
    int strangers = lanes.strangerParked();
    for (Received r : batch) {
      long chat = r.chatId();
      if (!claimed.contains(chat)
          && !parkedHere.containsKey(chat)
          && lanes.isIdle(chat)
          && free(chat)) {
        claimed.add(chat);
        now.add(r);
        continue;
      }
      boolean known = trust.computeIfAbsent(chat, this::trusted);
      int has = lanes.parked(chat) + parkedHere.getOrDefault(chat, 0);
      boolean room =
          known
              ? has < fairness.trustedBacklog()
              : has < fairness.strangerBacklog() && strangers < fairness.strangersBacklog();
      if (room) {
        parkIn.add(r);
        parkedHere.merge(chat, 1, Integer::sum);
        strangers += known ? 0 : 1;
        resumed(chat);
      } else {
        dropIn.add(r);
        dropping(
            chat,
            has < fairness.strangerBacklog()
                ? "strangers together have " + strangers
                : "it has " + has);
      }
    }
    for (Received r : now) {
      lanes.submit(r.chatId(), runNow.apply(r));
    }
    if (parkIn.isEmpty() && dropIn.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>();
    try {
      List<UpdateBacklog.Parked> rows = new ArrayList<>();
      for (Received r : parkIn) {
        rows.add(new UpdateBacklog.Parked(r.updateId(), r.chatId(), codec.encode(r.incoming())));
        ids.add(r.updateId());
      }
      List<Long> drops = dropIn.stream().map(Received::updateId).toList();
      backlog.park(rows, drops);
      ids.addAll(drops);
    } catch (RuntimeException e) {
      log.error(
          "Could not park {} update(s); they wait unconfirmed in their chats' lanes",
          parkIn.size() + dropIn.size(),
          redactor.scrub(e));
      List<Received> all = new ArrayList<>(parkIn);
      all.addAll(dropIn);
      all.sort(Comparator.comparingLong(Received::updateId));
      all.forEach(r -> lanes.submit(r.chatId(), runNow.apply(r)));
      return;
    }
    parkIn.forEach(r -> waiting.add(r.updateId()));
    progress.finishStored(ids);
    parkedHere.forEach((chat, n) -> lanes.addParked(chat, n, !trust.get(chat)));
    parked.addAndGet(parkIn.size());
    dropped.addAndGet(dropIn.size());
  }

  /**
   * The handler of a received, unconfirmed update must wait in the middle of its work (for a slot,
   * a retry_after): park the update as it runs, so the offset need not wait with it. A crash
   * meanwhile handles it again from the start after the restart, as Telegram would have given it
   * again before. False when it could not be parked (it stays unconfirmed).
   */
  boolean parkRunning(Received r) {
    try {
      backlog.park(
          List.of(new UpdateBacklog.Parked(r.updateId(), r.chatId(), codec.encode(r.incoming()))),
          List.of());
    } catch (RuntimeException e) {
      log.warn(
          "Could not park update {} while it waits; it holds the offset meanwhile",
          r.updateId(),
          redactor.scrub(e));
      return false;
    }
    waiting.add(r.updateId());
    progress.finishStored(List.of(r.updateId()));
    return true;
  }

  /** For the lanes: the chat's next parked update as a task. */
  UpdateLanes.Job next(long chatId, long afterUpdateId) {
    Optional<UpdateBacklog.Parked> row = backlog.next(chatId, afterUpdateId);
    if (row.isEmpty()) {
      return null;
    }
    UpdateBacklog.Parked p = row.get();
    Incoming in;
    try {
      in = codec.decode(p.updateId(), chatId, p.payload());
    } catch (RuntimeException e) {
      return new UpdateLanes.Job(
          p.updateId(),
          () -> {
            log.error(
                "Parked update {} of chat {} skipped: {}", p.updateId(), chatId, e.getMessage());
            dropped.incrementAndGet();
            forget(p.updateId());
          });
    }
    return new UpdateLanes.Job(
        p.updateId(),
        () -> {
          if (runParked.test(p.updateId(), in)) {
            forget(p.updateId());
          }
        });
  }

  /** Updates parked since start. */
  long parkedCount() {
    return parked.get();
  }

  /** Updates dropped since start: their chat's backlog was full (or a parked one unreadable). */
  long droppedCount() {
    return dropped.get();
  }

  /** The lowest parked update not yet handled; empty when none waits. */
  OptionalLong lowestWaiting() {
    try {
      return OptionalLong.of(waiting.first());
    } catch (NoSuchElementException e) {
      return OptionalLong.empty();
    }
  }

  /** A parked update was handled: its row goes. */
  void forget(long updateId) {
    waiting.remove(updateId);
    try {
      backlog.remove(updateId);
    } catch (RuntimeException e) {
      log.error(
          "Could not forget parked update {}; a restart will handle it again",
          updateId,
          redactor.scrub(e));
    }
  }

  private boolean free(long chatId) {
    try {
      return fairness.pacing().untilFree(chatId).isZero();
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** Whether the chat is known; when that cannot be told, yes. */
  boolean trusted(long chatId) {
    try {
      return fairness.trusted().test(chatId);
    } catch (RuntimeException e) {
      // Cannot tell: the larger bound, rather than drop what may be a known chat's commands.
      log.warn("Could not tell whether chat {} is known: {}", chatId, e.toString());
      return true;
    }
  }

  /**
   * @param full whose backlog is full, and how full, for the log
   */
  private void dropping(long chatId, String full) {
    Long before = dropping.get(chatId);
    dropping.put(chatId, before == null ? 1 : before + 1);
    if (before == null) {
      log.warn(
          "Chat {}: its updates are dropped until the backlog drains ({} waiting)", chatId, full);
    }
  }

  private void resumed(long chatId) {
    Long n = dropping.remove(chatId);
    if (n != null) {
      log.info("Chat {}: taking its updates again after dropping {}", chatId, n);
    }
  }
}
