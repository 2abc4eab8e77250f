package dev.sendersbot;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat's updates in order, and different chats side by side. Handling one update can
 * take long — a provider that hangs until {@code smsc.timeout}, a reply waiting for its chat's
 * slot under Telegram's limits — and without lanes every other chat would wait behind it.
 *
 * <p>The poller hands an update over and goes on; it blocks only while {@code capacity} updates
 * are waiting, so a backlog stays bounded. An update handed over counts as handled for Telegram,
 * so {@link #close} lets the waiting ones finish first (for a bounded time).
 */
final class ChatLanes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatLanes.class);

  private final ThreadPoolExecutor pool;
  private final Semaphore room;
  private final Object lock = new Object();
  private final Map<Long, ArrayDeque<Runnable>> lanes = new HashMap<>(); // guarded by lock
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param threads chats handled at once (each thread may sleep in a rate limiter or a provider
   *     call, so this is more than the cores)
   * @param capacity updates handed over and not yet handled before the poller waits
   */
  ChatLanes(int threads, int capacity) {
    if (threads < 1 || capacity < 1) {
      throw new IllegalArgumentException("lanes need threads and capacity >= 1: " + threads
          + ", " + capacity);
    }
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "senders-bot-chat-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    this.room = new Semaphore(capacity);
  }

  /**
   * Queues {@code work} behind the chat's earlier updates. Blocks while the lanes are full.
   *
   * @throws InterruptedException when interrupted while waiting for room (nothing was queued)
   * @throws IllegalStateException after {@link #close}
   */
  void submit(long chatId, Runnable work) throws InterruptedException {
    room.acquire();
    synchronized (lock) {
      if (closed) {
        room.release();
        throw new IllegalStateException("the chat lanes are closed");
      }
      waiting.incrementAndGet();
      ArrayDeque<Runnable> lane = lanes.get(chatId);
      if (lane != null) {
        lane.add(work); // the lane's turn is already scheduled
        return;
      }
      lane = new ArrayDeque<>();
      lane.add(work);
      lanes.put(chatId, lane);
    }
    pool.execute(() -> turn(chatId));
  }

  /**
   * Queues {@code work} behind the chat's earlier updates and waits until it has run: for what
   * must happen between one update and the next (a group becoming a supergroup).
   */
  void submitAndAwait(long chatId, Runnable work) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    submit(chatId, () -> {
      try {
        work.run();
      } finally {
        done.countDown();
      }
    });
    done.await();
  }

  /** Runs the chat's next update, then gives the thread to another chat if this one has more. */
  private void turn(long chatId) {
    Runnable work;
    synchronized (lock) {
      work = lanes.get(chatId).peek();
    }
    try {
      work.run();
    } catch (Throwable t) {
      log.error("chat {}: an update failed outside the chat core", chatId, t);
    } finally {
      room.release();
      if (waiting.decrementAndGet() == 0) {
        synchronized (lock) {
          lock.notifyAll();
        }
      }
    }
    boolean more;
    synchronized (lock) {
      ArrayDeque<Runnable> lane = lanes.get(chatId);
      lane.poll();
      more = !lane.isEmpty();
      if (!more) {
        lanes.remove(chatId);
      }
    }
    if (more) {
      pool.execute(() -> turn(chatId));
    }
  }

  /** Updates handed over and not yet handled. */
  int waiting() {
    return waiting.get();
  }

  /**
   * Takes no more updates and lets the waiting ones finish, for up to {@code patience}; what is
   * left then is logged and abandoned.
   */
  void close(long patienceMillis) {
    synchronized (lock) {
      closed = true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
    synchronized (lock) {
      try {
        long left;
        while (waiting.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int left = waiting.get();
    if (left > 0) {
      log.warn("{} update(s) handed over but not handled when stopping: they are lost", left);
    }
    pool.shutdownNow();
  }

  @Override
  public void close() {
    close(8_000);
  }
}
