package dev.sendersbot.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * A start-up step that needs nothing from the steps before it, run on a thread of its own while the
 * main thread goes on: start-up is mostly one thread's CPU, and the second core is idle meanwhile.
 * Its failure is thrown, unchanged, where its value is taken, so a start that fails says what it
 * said when the steps ran one after another, at the same point.
 */
final class Prepared<T> {
  private final FutureTask<T> task;

  private Prepared(FutureTask<T> task) {
    this.task = task;
  }

  /** Starts {@code work} on a new daemon thread named {@code name}, which ends with it. */
  static <T> Prepared<T> start(String name, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return new Prepared<>(task);
  }

  /**
   * The value, waiting for it; the step's own exception when it failed (a checked one wrapped in an
   * {@link IllegalStateException} with its message).
   */
  T get() {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  /**
   * What a start that failed with {@code failure} elsewhere says: this step's own failure, waiting
   * for it, when the step came first in the start's order; else {@code failure}.
   */
  RuntimeException failureBefore(RuntimeException failure) {
    try {
      get();
      return failure;
    } catch (RuntimeException own) {
      return own;
    }
  }

  /**
   * For a start that failed elsewhere: waits for the value and closes it, so nothing it opened (a
   * database, threads) outlives the failure; a failure of the step itself is moot by then.
   */
  void discard(Consumer<? super T> close) {
    T value;
    try {
      value = get();
    } catch (RuntimeException e) {
      return;
    }
    close.accept(value);
  }
}
