package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps API requests open until closed: to have many requests in flight at once (error 9 at the
 * fifteenth) or to let a client time out. A request is held after it has been authorised and
 * counted as in flight, before it is answered. Closing the hold (or the sandbox) lets every held
 * request finish normally.
 */
public final class Hold implements AutoCloseable {
  private final String operation;
  private final CountDownLatch released = new CountDownLatch(1);
  private int waiting;

  Hold(String operation) {
    this.operation = operation;
  }

  /** The operation it holds ({@code get}, {@code add}, ...), or null for every operation. */
  public String operation() {
    return operation;
  }

  /** How many requests are waiting on it now. */
  public synchronized int waiting() {
    return waiting;
  }

  /**
   * Waits until at least {@code n} requests are held.
   *
   * @throws IllegalStateException when they are not within the timeout
   */
  public synchronized void awaitWaiting(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (waiting < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "only " + waiting + " of " + n + " requests reached the hold within " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  boolean isReleased() {
    return released.getCount() == 0;
  }

  boolean matches(String op) {
    return operation == null || operation.equals(op);
  }

  void park() throws InterruptedException {
    synchronized (this) {
      waiting++;
      notifyAll();
    }
    try {
      released.await();
    } finally {
      synchronized (this) {
        waiting--;
      }
    }
  }

  @Override
  public void close() {
    released.countDown();
  }
}
