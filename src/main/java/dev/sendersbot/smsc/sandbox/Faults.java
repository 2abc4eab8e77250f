package dev.sendersbot.smsc.sandbox;

import dev.sendersbot.time.Sleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a test asked the sandbox to do wrong: holds, latency, forced errors. */
final class Faults {
  /**
   * A forced answer: a provider error code, or an HTTP status with an HTML page.
   *
   * @param operation the operation it answers; null for any
   * @param user the sub-client whose requests it answers; null for any request
   */
  record Forced(String operation, String user, int errorCode, int httpStatus) {
    boolean matches(String op, String requestUser) {
      return (operation == null || operation.equals(op))
          && (user == null || user.equalsIgnoreCase(requestUser));
    }
  }

  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private final Deque<Forced> forced = new ArrayDeque<>();
  private volatile Duration latency = Duration.ZERO;
  // Real time on purpose: latency is what the client's network timeouts see, not the sandbox clock.
  private final Sleeper sleeper = Sleeper.system();
  private volatile boolean closed;

  Hold hold(String operation) {
    Hold h = new Hold(operation);
    if (closed) {
      h.close();
    }
    holds.add(h);
    return h;
  }

  void latency(Duration d) {
    Objects.requireNonNull(d, "latency");
    if (d.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + d);
    }
    latency = d;
  }

  Duration latency() {
    return latency;
  }

  /** Waits as the test asked: on every open hold for this operation, then the latency. */
  void pause(String operation) throws InterruptedException {
    holds.removeIf(Hold::isReleased);
    for (Hold h : holds) {
      if (h.matches(operation)) {
        h.park();
      }
    }
    Duration d = latency;
    if (!d.isZero()) {
      sleeper.sleep(d);
    }
  }

  synchronized void force(String operation, int count, int errorCode, int httpStatus) {
    force(operation, null, count, errorCode, httpStatus);
  }

  synchronized void force(String operation, String user, int count, int errorCode, int httpStatus) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    for (int i = 0; i < count; i++) {
      forced.addLast(new Forced(operation, user, errorCode, httpStatus));
    }
  }

  /** Takes the first forced answer that applies to this operation of this sub-client, or null. */
  synchronized Forced take(String operation, String user) {
    for (Iterator<Forced> it = forced.iterator(); it.hasNext(); ) {
      Forced f = it.next();
      if (f.matches(operation, user)) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  synchronized int pendingForced() {
    return forced.size();
  }

  synchronized void clear() {
    forced.clear();
    latency = Duration.ZERO;
    holds.forEach(Hold::close);
    holds.clear();
  }

  void close() {
    closed = true;
    clear();
  }
}
