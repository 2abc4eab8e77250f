package dev.sendersbot.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a bounded pool, one lane per key (a chat): a lane's tasks run one at a time in the
 * order they were submitted, different lanes in parallel. A lane gives its thread up after each
 * task and queues again behind the other lanes, so one chat with many updates cannot keep a worker
 * to itself while others wait.
 */
final class UpdateLanes {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final ThreadPoolExecutor pool;
  private final Map<Long, Lane> lanes = new HashMap<>(); // guarded by this
  private boolean stopped; // guarded by this

  UpdateLanes(int workers, ThreadFactory threads) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
  }

  /** Queues the task in the key's lane; ignored once {@link #stop} began. */
  synchronized void submit(long key, Runnable task) {
    if (stopped) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(key, Lane::new);
    lane.tasks.add(task);
    if (!lane.scheduled) {
      lane.scheduled = true;
      pool.execute(lane);
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
      lanes.clear();
    }
    pool.shutdown();
    try {
      long left = deadlineNanos - System.nanoTime();
      if (pool.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        return true;
      }
      pool.shutdownNow();
      return pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      return pool.isTerminated();
    }
  }

  /** Tasks queued and not started, over all lanes (for tests and logs). */
  synchronized int queued() {
    return lanes.values().stream().mapToInt(l -> l.tasks.size()).sum();
  }

  private final class Lane implements Runnable {
    private final long key;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by UpdateLanes.this
    private boolean scheduled; // guarded by UpdateLanes.this

    Lane(long key) {
      this.key = key;
    }

    @Override
    public void run() {
      Runnable task;
      synchronized (UpdateLanes.this) {
        if (stopped) {
          return;
        }
        task = tasks.poll();
      }
      try {
        if (task != null) {
          task.run();
        }
      } catch (Throwable t) {
        // The task logs its own failures (token masked); this only keeps the lane going.
        log.error("An update task of chat {} failed: {}", key, t.getClass().getName());
      } finally {
        synchronized (UpdateLanes.this) {
          if (stopped || tasks.isEmpty()) {
            scheduled = false;
            lanes.remove(key, this);
          } else {
            pool.execute(this);
          }
        }
      }
    }
  }
}
