package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Auto-progression for the demo: statuses move by themselves, on the sandbox clock. */
class SandboxProgressTest extends SandboxTestSupport {
  private static final Duration STEP = Duration.ofSeconds(30);

  @Override
  SandboxOptions options() {
    return super.options().withAutoProgress(true).withProgressStep(STEP);
  }

  @Test
  void movesModerationAndOperatorStatusesAlongStepByStep() {
    Instant t0 = clock.instant();
    assertEquals("ID = 1", body("add=1&sender=brand&mts_step=1&mega_step=1"));
    assertEquals(Map.of("mts_step", 0, "mega_step", 0), sandbox.name(1).orElseThrow().operators());
    clock.advance(STEP.minusSeconds(1));
    assertEquals("name = brand, status = 0, id = 1", body("get=1&all=1"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("name = brand, status = 1, id = 1", body("get=1&all=1"));
    SandboxName n = sandbox.name(1).orElseThrow();
    assertEquals(Map.of("mts_step", 1, "mega_step", 1), n.operators());
    assertEquals(t0.plus(STEP), n.lastStatusChange().orElseThrow());
    clock.advance(STEP);
    n = sandbox.name(1).orElseThrow();
    for (int s : n.operators().values()) {
      assertTrue(Set.of(2, 3, 8).contains(s), n.operators().toString());
    }
    assertEquals(t0.plus(STEP.multipliedBy(2)), n.lastStatusChange().orElseThrow());
  }

  // Statuses are dated by schedule, not by when somebody looked, so a late poll sees the same.
  @Test
  void datesEveryStepByScheduleWhenNobodyLookedInBetween() {
    Instant t0 = clock.instant();
    body("add=1&sender=late&bee_step=1");
    clock.advance(Duration.ofHours(1));
    SandboxName n = sandbox.name("late", null).orElseThrow();
    assertEquals(t0.plus(STEP.multipliedBy(2)), n.operatorChangedAt().get("bee_step"));
    assertEquals(1, n.moderation());
  }

  @Test
  void endsSomeRegistrationsRejectedOrAskingForDocumentsTheSameWayForTheSameSeed() {
    List<Integer> first = outcomes(sandbox);
    try (SmscSandbox twin = SmscSandbox.start(options().withClock(clock))) {
      assertEquals(first, outcomes(twin));
    }
    assertTrue(first.contains(2), first.toString());
    assertTrue(first.contains(3) || first.contains(8), first.toString());
  }

  @Test
  void allowsAnOperatorOnceTheDocumentsItAskedForArrive() throws IOException {
    long id = sandbox.seed(NameSeed.of("docs").withOperator("mts_step", 8));
    clock.advance(STEP.multipliedBy(3));
    assertEquals(8, sandbox.name(id).orElseThrow().operators().get("mts_step"));
    MultipartBody chg =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("login", sandbox.login())
            .addFormDataPart("psw", sandbox.password())
            .addFormDataPart("chg", "1")
            .addFormDataPart("id", Long.toString(id))
            .addFormDataPart(
                "file",
                "tm.pdf",
                RequestBody.create(
                    "%PDF-1.4 trademark".getBytes(StandardCharsets.US_ASCII),
                    MediaType.get("application/pdf")))
            .build();
    try (Response r =
        new OkHttpClient()
            .newCall(new Request.Builder().url(sandbox.apiUrl().toString()).post(chg).build())
            .execute()) {
      assertEquals("OK", r.body().string());
    }
    assertEquals(1, sandbox.name(id).orElseThrow().operators().get("mts_step"));
    clock.advance(STEP);
    assertEquals(2, sandbox.name(id).orElseThrow().operators().get("mts_step"));
  }

  @Test
  void leavesADigitalNameWaitingUntilItIsConfirmed() {
    body("add=1&sender=79991234567");
    clock.advance(Duration.ofMinutes(10));
    assertEquals(0, sandbox.name("79991234567", null).orElseThrow().moderation());
  }

  @Test
  void seedsDemoNamesForTheAccountAndASubClient() {
    try (SmscSandbox demo = SmscSandbox.start(options().withSeedDemoNames(true))) {
      List<SandboxName> names = demo.names();
      assertTrue(names.size() >= 6, names.toString());
      assertTrue(names.stream().anyMatch(n -> n.user() != null));
      assertTrue(names.stream().anyMatch(n -> n.operators().containsValue(3)));
      assertTrue(names.stream().anyMatch(n -> n.operators().containsValue(8)));
      assertTrue(names.stream().anyMatch(n -> n.moderation() == 0));
    }
  }

  private List<Integer> outcomes(SmscSandbox s) {
    for (int i = 0; i < 20; i++) {
      s.seed(
          NameSeed.of("name" + i)
              .withModeration(0)
              .withOperator("mts_step", 0)
              .withOperator("mega_step", 0)
              .withChangedAt(clock.instant()));
    }
    clock.advance(STEP.multipliedBy(2));
    List<Integer> out = new ArrayList<>();
    for (SandboxName n : s.names()) {
      out.addAll(n.operators().values());
    }
    return out;
  }
}
