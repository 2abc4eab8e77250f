package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request log: the newest requests, oldest first, secrets masked. */
class RequestLogTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static RecordedRequest request(int n) {
    return new RecordedRequest(
        T0.plusSeconds(n),
        "POST",
        "127.0.0.1",
        null,
        "get",
        Map.of("n", Integer.toString(n)),
        Set.of(),
        List.of(),
        "demo",
        null,
        200,
        null,
        null);
  }

  @Test
  void keepsTheNewestUpToItsCapacityOldestFirst() {
    RequestLog log = new RequestLog(3);
    for (int i = 1; i <= 5; i++) {
      log.record(request(i));
    }
    assertEquals(List.of("3", "4", "5"), log.requests().stream().map(r -> r.param("n")).toList());
  }

  @Test
  void handsOutACopyAndForgetsEverythingOnClear() {
    RequestLog log = new RequestLog();
    log.record(request(1));
    List<RecordedRequest> before = log.requests();
    log.clear();
    assertEquals(1, before.size());
    assertTrue(log.requests().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> before.add(request(2)));
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new RequestLog(0));
  }

  @Test
  void masksThePasswordAndTheApiKeyButKeepsTheCodeForTests() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("login", "demo");
    values.put("psw", "demo-password");
    values.put("apikey", "k");
    values.put("code", "123456");
    assertEquals(
        Map.of("login", "demo", "psw", "***", "apikey", "***", "code", "123456"),
        RequestLog.masked(values));
    assertEquals(
        Map.of("login", "demo", "psw", "***", "apikey", "***", "code", "***"),
        RequestLog.logSafe(values));
    assertEquals(
        List.of("login", "psw", "apikey", "code"), List.copyOf(RequestLog.masked(values).keySet()));
    assertEquals("demo-password", values.get("psw"));
  }
}
