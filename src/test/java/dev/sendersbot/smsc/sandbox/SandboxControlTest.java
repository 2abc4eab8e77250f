package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.testing.TestClocks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON control interface under /sandbox, over HTTP. */
class SandboxControlTest extends SandboxTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode json(String method, String path, String body) {
    Answer a = control(method, path, body);
    assertEquals(200, a.status(), a.body());
    try {
      return JSON.readTree(a.body());
    } catch (Exception e) {
      throw new AssertionError(a.body(), e);
    }
  }

  @Test
  void seedsNamesAndSetsStatusesIncludingFlagsTheClientDoesNotKnow() {
    JsonNode ids =
        json(
            "POST",
            "/names",
            "[{\"name\": \"my_shop\", \"comment\": \"c\","
                + " \"moderation\": 1, \"operators\": {\"mts_step\": 2}},"
                + " {\"name\": \"sub_name\", \"user\": \"sub1\", \"moderation\": 0}]");
    assertEquals("[1,2]", ids.get("ids").toString());
    JsonNode n =
        json(
            "POST",
            "/status",
            "{\"name\": \"my_shop\", \"moderation\": 2,"
                + " \"operators\": {\"sber_step\": 8, \"mts_step\": 3}, \"changedAt\": \"2025-01-10T00:00:00Z\"}");
    assertEquals(2, n.get("moderation").asInt());
    assertEquals("{\"mts_step\":3,\"sber_step\":8}", n.get("operators").toString());
    assertEquals("2025-01-10T00:00:00Z", n.get("lastStatusChange").asText());
    assertEquals(
        "name = my_shop, status = 2, mega_step = , bee_step = , motiv_step = , "
            + "mts_step = 3, tele2_step = , tele2 = , ua_reg = , ua_int = , mega_int = , "
            + "motiv_int = , mts_int = , sber_step = 8, id = 1",
        body("get=1&all=1&operators=1"));
    assertEquals(1, json("GET", "/names?user=sub1", null).size());
    assertEquals(1, json("GET", "/names?user=", null).size());
    assertEquals(2, json("GET", "/names", null).size());
  }

  @Test
  void showsTheCodesSentAndTheRequestLogAndClearsIt() {
    body("send_code=1&sender=79991112233&site_name=shop.ru");
    JsonNode codes = json("GET", "/codes", null);
    assertEquals("79991112233", codes.get(0).get("phone").asText());
    assertEquals(sandbox.sentCodes().get(0).code(), codes.get(0).get("code").asText());
    assertEquals("shop.ru", codes.get(0).get("siteName").asText());
    JsonNode log = json("GET", "/requests", null);
    assertEquals(1, log.size());
    assertEquals("send_code", log.get(0).get("operation").asText());
    assertEquals("***", log.get(0).get("params").get("psw").asText());
    assertTrue(log.get(0).get("errorCode").isNull());
    json("DELETE", "/requests", null);
    assertEquals(0, json("GET", "/requests", null).size());
  }

  @Test
  void forcesErrorsAndLatency() {
    json("POST", "/fail", "{\"count\": 1, \"error\": 4, \"operation\": \"get\"}");
    assertEquals("ERROR = 4 (IP address is temporarily blocked)", body("get=1"));
    json("POST", "/fail", "{\"count\": 1, \"httpStatus\": 503}");
    assertEquals(503, api("get=1").status());
    json("POST", "/latency", "{\"millis\": 0}");
    assertEquals("", body("get=1"));
  }

  @Test
  void bulkSeedsMovesTheClockUnblocksAndResets() {
    JsonNode bulk = json("POST", "/bulk", "{\"count\": 3}");
    assertEquals(3, bulk.get("count").asInt());
    Instant before = clock.instant();
    JsonNode now = json("POST", "/clock", "{\"advance\": \"PT1H\"}");
    assertEquals(before.plus(Duration.ofHours(1)).toString(), now.get("now").asText());
    json("POST", "/clock", "{\"set\": \"2025-03-01T00:00:00Z\"}");
    assertEquals(Instant.parse("2025-03-01T00:00:00Z"), clock.instant());
    for (int i = 0; i < 5; i++) {
      post("login=demo&psw=wrong&get=1");
    }
    assertTrue(body("get=1").startsWith("ERROR = 4"));
    json("POST", "/unblock", "{}");
    assertEquals(3, body("get=1&all=1").split("\n").length);
    json("POST", "/reset", null);
    assertEquals(0, json("GET", "/names", null).size());
    assertFalse(json("POST", "/delete", "{\"id\": 99}").get("deleted").asBoolean());
  }

  @Test
  void deletesANameByNameAndUser() {
    sandbox.seed(NameSeed.of("gone").withUser("sub1"));
    assertTrue(
        json("POST", "/delete", "{\"name\": \"gone\", \"user\": \"sub1\"}")
            .get("deleted")
            .asBoolean());
    assertTrue(sandbox.names().isEmpty());
  }

  @Test
  void answersBadControlRequestsWithAReason() {
    assertEquals(404, control("GET", "/nothing", null).status());
    assertEquals(400, control("POST", "/names", "{\"user\": \"x\"}").status());
    assertEquals(400, control("POST", "/names", "not json").status());
    assertEquals(400, control("POST", "/status", "{\"name\": \"missing\"}").status());
    assertEquals(404, control("POST", "/status", "{\"id\": 42}").status());
    assertTrue(control("POST", "/clock", "{}").body().contains("advance"));
    Instant before = clock.instant();
    Answer back = control("POST", "/clock", "{\"advance\": \"-PT1M\"}");
    assertEquals(400, back.status(), back.body());
    assertTrue(back.body().contains("set moves it back"), back.body());
    assertEquals(before, clock.instant(), "advance never moves the sandbox's time back");
    sandbox.seed(NameSeed.of("dup"));
    assertTrue(control("POST", "/names", "{\"name\": \"dup\"}").body().contains("already exists"));
  }

  /** Only a MovableClock moves: a sandbox on any other clock (the system's, say) refuses. */
  @Test
  void refusesToMoveAClockThatIsNotMovable() {
    try (SmscSandbox real =
        SmscSandbox.start(
            SandboxOptions.defaults().withClock(TestClocks.ticking(TestClocks.NEW_YEAR_EVE)))) {
      SmscSandbox mine = sandbox;
      sandbox = real;
      try {
        assertEquals(409, control("POST", "/clock", "{\"advance\": \"PT1M\"}").status());
        assertTrue(json("GET", "", null).get("endpoints").size() > 5);
      } finally {
        sandbox = mine;
      }
    }
  }
}
