package dev.sendersbot.smsc.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests the sandbox answered, oldest first, for tests to assert; bounded so a long demo or
 * benchmark run does not grow without end. Its own lock: recording never waits for the names.
 */
final class RequestLog {
  static final int MAX_LOG = 100_000;

  private final int capacity;
  private final Deque<RecordedRequest> requests = new ArrayDeque<>(); // guarded by requests

  RequestLog() {
    this(MAX_LOG);
  }

  RequestLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("request log capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds one, dropping the oldest beyond the capacity. */
  void record(RecordedRequest r) {
    synchronized (requests) {
      requests.addLast(r);
      if (requests.size() > capacity) {
        requests.removeFirst();
      }
    }
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  void clear() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** The parameters as the log keeps them: {@code psw} and {@code apikey} masked. */
  static Map<String, String> masked(Map<String, String> values) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.replaceAll((k, v) -> k.equals("psw") || k.equals("apikey") ? RecordedRequest.MASK : v);
    return m;
  }

  /**
   * For log lines: confirmation codes hidden too. The request log keeps them (a test may assert the
   * code a client sent); a log file is read by more people.
   */
  static Map<String, String> logSafe(Map<String, String> values) {
    Map<String, String> m = masked(values);
    m.computeIfPresent("code", (k, v) -> RecordedRequest.MASK);
    return m;
  }
}
