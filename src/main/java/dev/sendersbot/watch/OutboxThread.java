package dev.sendersbot.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's daemon thread: drains whenever something falls due (the earliest pending row,
 * the end of a mute) or new rows are written, and at least every {@link #IDLE_WAIT}.
 */
final class OutboxThread {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
  private static final Duration MIN_WAIT = Duration.ofMillis(100);

  private final Runnable drain;
  private final Supplier<Instant> nextDue;
  private final Clock clock;
  private final Semaphore wake = new Semaphore(0);
  private final Object life = new Object();
  private volatile boolean running;
  private Thread thread; // guarded by life

  OutboxThread(Runnable drain, Supplier<Instant> nextDue, Clock clock) {
    this.drain = drain;
    this.nextDue = nextDue;
    this.clock = clock;
  }

  /** Starts the daemon thread that drains the outbox whenever rows are due. */
  void start() {
    synchronized (life) {
      if (thread != null) {
        return;
      }
      running = true;
      thread = new Thread(this::loop, "senders-bot-outbox");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** New rows were written: drain now rather than at the next timer. */
  void wake() {
    wake.release();
  }

  private void loop() {
    while (running) {
      try {
        drain.run();
      } catch (RuntimeException | Error e) {
        // An Error too: the thread ending would end every notification for good. (Out of memory
        // ends the process in the image, -XX:+ExitOnOutOfMemoryError.)
        log.error("outbox: draining failed; trying again shortly", e);
      }
      if (!running) {
        break;
      }
      Duration wait = IDLE_WAIT;
      try {
        Instant next = nextDue.get();
        if (next != null) {
          wait = Duration.between(clock.instant(), next);
        }
      } catch (RuntimeException e) {
        wait = Duration.ofSeconds(5);
      }
      wait =
          wait.compareTo(MIN_WAIT) < 0
              ? MIN_WAIT
              : wait.compareTo(IDLE_WAIT) > 0 ? IDLE_WAIT : wait;
      try {
        if (wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** Stops the thread, waiting up to {@code timeout} for a message in flight. */
  void stop(Duration timeout) {
    Thread t;
    synchronized (life) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t == null) {
      return;
    }
    wake.release();
    try {
      t.join(timeout.toMillis());
      if (t.isAlive()) {
        t.interrupt();
        t.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
