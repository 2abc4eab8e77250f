package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rate windows, concurrency and the IP block, on the sandbox's clock. */
class SandboxLimitsTest extends SandboxTestSupport {

  @Test
  void refusesTheFourthIdenticalListWithinAMinuteAndServesItAgainAMinuteLater() {
    for (int i = 0; i < 3; i++) {
      assertEquals("[]", body("get=1&all=1&fmt=3"));
      clock.advance(Duration.ofSeconds(10));
    }
    assertEquals(
        "{\"error\": \"duplicate request, wait a minute\", \"error_code\": 9}",
        body("get=1&all=1&fmt=3"));
    // a list with other parameters is another request
    assertEquals("[]", body("get=1&all=1&operators=1&fmt=3"));
    // the first of the three leaves the window a minute after it was made
    clock.advance(Duration.ofSeconds(30));
    assertEquals("[]", body("get=1&all=1&fmt=3"));
    assertTrue(body("get=1&all=1&fmt=3").endsWith("\"error_code\": 9}"));
    clock.advance(Duration.ofMinutes(1));
    assertEquals("[]", body("get=1&all=1&fmt=3"));
  }

  // Identical means the same parameters apart from the credentials.
  @Test
  void countsAListByApiKeyAndByPasswordAsTheSameRequest() {
    assertEquals("[]", body("get=1&fmt=3"));
    assertEquals("[]", post("apikey=" + sandbox.apiKey() + "&get=1&fmt=3").body());
    String md5 = Credentials.md5(sandbox.password());
    assertEquals("[]", post("login=demo&psw=" + md5 + "&get=1&fmt=3").body());
    assertTrue(body("get=1&fmt=3").endsWith("\"error_code\": 9}"));
  }

  @Test
  void refusesTheSixthAddWithinAMinute() {
    for (int i = 1; i <= 5; i++) {
      assertEquals("ID = " + i, body("add=1&sender=name" + i));
    }
    assertEquals("ERROR = 9 (duplicate request, wait a minute)", body("add=1&sender=name6"));
    assertTrue(sandbox.name("name6", null).isEmpty());
    clock.advance(Duration.ofMinutes(1));
    assertEquals("ID = 6", body("add=1&sender=name6"));
  }

  @Test
  void refusesTheFifteenthConcurrentRequestUnderOneLogin() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    try (Hold hold = sandbox.hold()) {
      for (int i = 0; i < 14; i++) {
        // different parameters, so no rate window is involved
        inFlight.add(
            HTTP.sendAsync(
                form(credentials() + "&get=1&fmt=3&cnt=" + (i + 1)),
                HttpResponse.BodyHandlers.ofString()));
      }
      hold.awaitWaiting(14, Duration.ofSeconds(10));
      assertEquals(14, sandbox.inFlight());
      assertEquals(
          "{\"error\": \"too many concurrent requests\", \"error_code\": 9}",
          body("get=1&fmt=3&cnt=100"));
    }
    for (CompletableFuture<HttpResponse<String>> f : inFlight) {
      assertEquals("[]", f.get(10, TimeUnit.SECONDS).body());
    }
    assertEquals("[]", body("get=1&fmt=3&cnt=100"));
  }

  @Test
  void letsAClientTimeOutWhileARequestIsHeldAndServesAgainAfterwards() throws Exception {
    try (Hold hold = sandbox.hold("get")) {
      HttpRequest slow =
          HttpRequest.newBuilder(sandbox.apiUrl())
              .timeout(Duration.ofMillis(300))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(credentials() + "&get=1"))
              .build();
      assertThrows(
          HttpTimeoutException.class, () -> HTTP.send(slow, HttpResponse.BodyHandlers.ofString()));
      assertEquals(1, hold.waiting());
      // other operations pass the hold
      assertEquals("ID = 1", body("add=1&sender=quick"));
    }
    assertEquals("name = quick, status = 0, id = 1", body("get=1&all=1&cnt=5"));
  }

  @Test
  void addsLatencyToEveryAnswer() {
    sandbox.latency(Duration.ofMillis(200));
    long start = System.nanoTime();
    assertEquals("OK", body("send_code=1&sender=79991234567"));
    assertTrue(System.nanoTime() - start >= 200_000_000L);
    sandbox.latency(Duration.ZERO);
  }

  @Test
  void blocksTheAddressForThirtyMinutesAfterFiveAuthorisationErrors() {
    for (int i = 0; i < 4; i++) {
      assertTrue(post("login=demo&psw=wrong&get=1&fmt=3").body().endsWith("\"error_code\": 2}"));
    }
    assertEquals("[]", body("get=1&fmt=3"));
    assertEquals(
        "{\"error\": \"invalid login or password\", \"error_code\": 2}",
        post("login=demo&psw=wrong&get=1&fmt=3").body());
    // every request now gets 4, right credentials or not
    assertEquals(
        "{\"error\": \"IP address is temporarily blocked\", \"error_code\": 4}",
        body("get=1&all=1&fmt=3"));
    assertEquals(
        "ERROR = 4 (IP address is temporarily blocked)", post("login=demo&psw=wrong&get=1").body());
    assertEquals(
        clock.instant().plus(Duration.ofMinutes(30)),
        sandbox.blockedUntil("127.0.0.1").orElseThrow());
    clock.advance(Duration.ofMinutes(30));
    assertEquals("[]", body("get=1&all=1&operators=1&fmt=3"));
    assertTrue(sandbox.blockedUntil("127.0.0.1").isEmpty());
  }

  // The reference: retrying makes the block longer.
  @Test
  void restartsTheBlockWhenTheClientKeepsTrying() {
    for (int i = 0; i < 5; i++) {
      post("login=demo&psw=wrong&get=1");
    }
    clock.advance(Duration.ofMinutes(20));
    assertTrue(body("get=1&fmt=3").endsWith("\"error_code\": 4}"));
    clock.advance(Duration.ofMinutes(20));
    assertTrue(body("get=1&fmt=3").endsWith("\"error_code\": 4}"));
    clock.advance(Duration.ofMinutes(30));
    assertEquals("[]", body("get=1&fmt=3"));
  }

  @Test
  void forgetsAuthorisationErrorsOlderThanThirtyMinutes() {
    for (int i = 0; i < 4; i++) {
      post("login=demo&psw=wrong&get=1");
    }
    clock.advance(Duration.ofMinutes(30));
    assertTrue(post("login=demo&psw=wrong&get=1&fmt=3").body().endsWith("\"error_code\": 2}"));
    assertEquals("[]", body("get=1&fmt=3"));
  }

  @Test
  void unblocksOnRequest() {
    for (int i = 0; i < 5; i++) {
      post("login=demo&psw=wrong&get=1");
    }
    assertTrue(body("get=1&fmt=3").endsWith("\"error_code\": 4}"));
    sandbox.unblock();
    assertEquals("[]", body("get=1&fmt=3"));
  }

  private HttpRequest form(String body) {
    return HttpRequest.newBuilder(sandbox.apiUrl())
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }
}
