package dev.sendersbot.telegram;

import dev.sendersbot.telegram.Lane.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat's updates one at a time and in order, different chats side by side, at most {@code
 * workers} at once. A chat's lane has two kinds of work: updates received and not yet confirmed to
 * Telegram (they hold the offset, so they go first) and updates parked in the backlog, read one at
 * a time, oldest first. A lane gives its worker up after each update and queues again behind the
 * others.
 *
 * <p>Nothing waits for a chat's sending slot while holding a worker:
 *
 * <ul>
 *   <li>a lane whose next update is parked is handed to a worker only once its chat may be sent to
 *       ({@link ChatPacing}, which keeps that slot for the lane's reply); until then it waits on a
 *       timer and holds no thread;
 *   <li>a handler that must wait in the middle of its work (a second message to its chat, a message
 *       to a chat whose slot is taken, a 429's retry_after) waits through {@link
 *       LaneTurn#sleepReleasing}: its worker's place goes to another lane meanwhile and it takes
 *       one back after, so for a moment more than {@code workers} may run. At most {@value
 *       #MAX_RELEASED} handlers wait that way; beyond, a handler waits holding its worker, as
 *       before.
 * </ul>
 */
final class UpdateLanes {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  /** A lane waiting for its chat's slot looks again at least this often: a clock may jump. */
  static final long RECHECK_MILLIS = 250;

  /** Handlers that may wait with their worker given up at once. */
  static final int MAX_RELEASED = 64;

  /** A parked update read from the backlog, ready to run. */
  record Job(long updateId, Runnable run) {}

  /** Where a lane reads its chat's parked updates. */
  @FunctionalInterface
  interface Backlog {
    /** The chat's oldest parked update after {@code afterUpdateId}; null when there is none. */
    Job next(long chatId, long afterUpdateId);
  }

  private final int workers;
  private final ChatPacing pacing;
  private final Backlog backlog;
  private final ThreadPoolExecutor threads;
  private final ScheduledThreadPoolExecutor timer;
  // All below guarded by this.
  private final Map<Long, Lane> lanes = new HashMap<>();
  private final ArrayDeque<Lane> urgent = new ArrayDeque<>();
  private final ArrayDeque<Lane> ready = new ArrayDeque<>();
  private int active;
  private int released;
  private int parkedTotal;
  private int strangerParked;
  private boolean started;
  private final Set<Long> held = new HashSet<>();
  private boolean stopped;

  UpdateLanes(int workers, ChatPacing pacing, Backlog backlog, ThreadFactory threads) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    this.workers = workers;
    this.pacing = pacing;
    this.backlog = backlog;
    // Threads come and go with the turns; how many run is counted here, not by the pool.
    this.threads =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    this.timer = new ScheduledThreadPoolExecutor(1, threads);
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Lanes hand out work only from now on (parked updates found at start wait until then). */
  synchronized void start() {
    started = true;
    for (Lane lane : new ArrayList<>(lanes.values())) {
      schedule(lane);
    }
  }

  /** True when the chat has nothing under way, queued or parked. */
  synchronized boolean isIdle(long chatId) {
    return !lanes.containsKey(chatId);
  }

  synchronized int parked(long chatId) {
    Lane lane = lanes.get(chatId);
    return lane == null ? 0 : lane.parked;
  }

  /** Parked updates of chats last parked as strangers. */
  synchronized int strangerParked() {
    return strangerParked;
  }

  synchronized int parkedTotal() {
    return parkedTotal;
  }

  /** Queues a received update's task in its chat's lane; ignored once {@link #stop} began. */
  synchronized void submit(long chatId, Runnable task) {
    if (stopped) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(chatId, Lane::new);
    lane.tasks.add(task);
    schedule(lane);
  }

  /** {@code n} more updates of the chat were parked in the backlog. */
  synchronized void addParked(long chatId, int n, boolean stranger) {
    if (stopped || n <= 0) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(chatId, Lane::new);
    if (lane.stranger != stranger) {
      strangerParked += stranger ? lane.parked : -lane.parked;
      lane.stranger = stranger;
    }
    lane.parked += n;
    parkedTotal += n;
    if (stranger) {
      strangerParked += n;
    }
    schedule(lane);
  }

  /** A group became a supergroup: what waits for the old id waits for the new one. */
  synchronized void moveChat(long oldChatId, long newChatId) {
    Lane old = lanes.get(oldChatId);
    if (old == null || oldChatId == newChatId || old.state == State.RUNNING) {
      return;
    }
    lanes.remove(oldChatId);
    urgent.remove(old);
    ready.remove(old);
    Lane target = lanes.computeIfAbsent(newChatId, Lane::new);
    target.tasks.addAll(old.tasks);
    int n = old.parked;
    take(old, n);
    // The moved rows have lower ids than the target's own: read it from its start again.
    target.lastParked = 0;
    addParked(newChatId, n, old.stranger);
    schedule(target);
  }

  /**
   * Starts no turn of these chats until {@link #resumeChats}; waits until none of theirs is under
   * way. Every other chat goes on. False when stopped.
   */
  synchronized boolean holdChats(long a, long b) throws InterruptedException {
    held.add(a);
    held.add(b);
    while (!stopped && (runs(a) || runs(b))) {
      wait();
    }
    return !stopped;
  }

  synchronized void resumeChats(long a, long b) {
    held.remove(a);
    held.remove(b);
    for (long chat : new long[] {a, b}) {
      Lane lane = lanes.get(chat);
      if (lane != null) {
        schedule(lane);
      }
    }
    dispatch();
  }

  private boolean runs(long chatId) {
    Lane lane = lanes.get(chatId);
    return lane != null && lane.state == State.RUNNING;
  }

  /** Tasks queued and parked updates, over all lanes (for tests and logs). */
  synchronized int queued() {
    return lanes.values().stream().mapToInt(l -> l.tasks.size() + l.parked).sum();
  }

  private void schedule(Lane lane) {
    if (stopped || !started || lane.state != State.IDLE || held.contains(lane.chat)) {
      return;
    }
    if (lane.tasks.isEmpty() && lane.parked <= 0) {
      lanes.remove(lane.chat, lane);
      return;
    }
    long wait = claim(lane.chat);
    if (!lane.tasks.isEmpty()) {
      lane.state = State.QUEUED;
      urgent.add(lane);
    } else {
      if (wait > 0) {
        wake(lane, Math.min(wait, RECHECK_MILLIS));
        return;
      }
      lane.state = State.QUEUED;
      ready.add(lane);
    }
    dispatch();
  }

  /** The chat's wait for its slot, which is kept for the reply to this lane's update. */
  private long claim(long chatId) {
    try {
      return Math.max(0, pacing.claim(chatId).toMillis());
    } catch (RuntimeException e) {
      log.warn("Could not tell when chat {} may be sent to: {}", chatId, e.toString());
      return 0;
    }
  }

  private void wake(Lane lane, long afterMillis) {
    lane.state = State.WAITING;
    try {
      // recheck hands the lane back to the workers, whose own handling reports failures.
      var unused = timer.schedule(() -> recheck(lane), afterMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Stopping.
      lane.state = State.IDLE;
    }
  }

  private synchronized void recheck(Lane lane) {
    if (lane.state != State.WAITING) {
      return;
    }
    lane.state = State.IDLE;
    if (lanes.get(lane.chat) == lane) {
      schedule(lane);
    }
  }

  private void dispatch() {
    while (!stopped && active < workers) {
      Lane lane = urgent.isEmpty() ? ready.poll() : urgent.poll();
      if (lane == null) {
        return;
      }
      if (held.contains(lane.chat)) {
        lane.state = State.IDLE; // scheduled again when resumed
        continue;
      }
      lane.state = State.RUNNING;
      active++;
      try {
        threads.execute(() -> turn(lane));
      } catch (RejectedExecutionException e) {
        lane.state = State.IDLE;
        active--;
        return;
      }
    }
  }

  /** One update of the lane, on a worker. */
  private void turn(Lane lane) {
    Runnable task;
    long after;
    int counted;
    synchronized (this) {
      task = stopped ? null : lane.tasks.poll();
      after = lane.lastParked;
      counted = lane.parked;
    }
    Job job = null;
    boolean unreadable = false;
    if (task == null && !isStopped()) {
      try {
        job = backlog.next(lane.chat, after);
      } catch (RuntimeException e) {
        log.error(
            "Could not read the parked updates of chat {}; trying again in 1 s: {}",
            lane.chat,
            e.toString());
        unreadable = true;
      }
      task = job == null ? null : job.run();
    }
    LaneTurn.enter(this, lane.chat);
    try {
      if (task != null) {
        task.run();
      }
    } catch (Throwable t) {
      // The task logs its own failures (token masked); this only keeps the lane going.
      log.error("An update task of chat {} failed: {}", lane.chat, t.getClass().getName());
    } finally {
      LaneTurn.leave();
      ended(lane, task == null && !unreadable ? counted : 0, job, unreadable);
    }
  }

  /**
   * @param notFound parked updates the lane counted when the backlog had none to give: the count
   *     was wrong (those parked since are counted anew)
   */
  private synchronized void ended(Lane lane, int notFound, Job job, boolean unreadable) {
    active--;
    lane.state = State.IDLE;
    if (job != null) {
      lane.lastParked = job.updateId();
      take(lane, 1);
    } else if (notFound > 0) {
      take(lane, notFound);
    }
    if (unreadable && !stopped) {
      wake(lane, 1000);
    } else {
      schedule(lane);
    }
    dispatch();
    notifyAll();
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  /** A handler waits with its worker's place given up; false when too many do already. */
  synchronized boolean release() {
    if (released >= MAX_RELEASED) {
      return false;
    }
    active--;
    released++;
    dispatch();
    return true;
  }

  /** The handler's wait is over: it counts as running again. */
  synchronized void reacquire() {
    released--;
    active++;
  }

  private void take(Lane lane, int n) {
    int k = Math.min(n, lane.parked);
    lane.parked -= k;
    parkedTotal -= k;
    if (lane.stranger) {
      strangerParked -= k;
    }
  }

  /**
   * Starts no task from now on; lets the running ones finish until {@code deadlineNanos} (a {@link
   * System#nanoTime} value), then interrupts them and waits up to {@code graceMillis} more.
   *
   * @return true when every worker has stopped
   */
  boolean stop(long deadlineNanos, long graceMillis) {
    synchronized (this) {
      stopped = true;
      urgent.clear();
      ready.clear();
      notifyAll();
    }
    timer.shutdownNow();
    threads.shutdown();
    try {
      long left = deadlineNanos - System.nanoTime();
      if (threads.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        return true;
      }
      threads.shutdownNow();
      return threads.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
      return threads.isTerminated();
    }
  }
}
