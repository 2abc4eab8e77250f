package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auto-progression on its own: the schedule, the dates of the steps and the outcomes. */
class AutoProgressTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(30);

  /** The sandbox's options on a clock held at T0: every instant here is passed explicitly. */
  private static SandboxOptions options() {
    return SandboxOptions.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static AutoProgress progress(long seed) {
    return new AutoProgress(options().withAutoProgress(true).withSeed(seed).withProgressStep(STEP));
  }

  private static NameEntry entry(long id, String name) {
    return new NameEntry(id, name, null, T0, false);
  }

  @Test
  void doesNothingWhenOff() {
    NameEntry e = entry(1, "shop");
    e.setOperator("mts_step", 0, T0);
    new AutoProgress(options()).advance(List.of(e), T0.plus(Duration.ofDays(1)));
    assertEquals(0, e.moderation);
    assertEquals(0, e.operators.get("mts_step"));
  }

  @Test
  void allowsAWaitingNameOneStepAfterItBeganWaitingButNotADigitalOne() {
    NameEntry shop = entry(1, "shop");
    NameEntry digital = entry(2, "79991234567");
    AutoProgress p = progress(1);
    p.advance(List.of(shop, digital), T0.plus(STEP).minusMillis(1));
    assertEquals(0, shop.moderation);
    p.advance(List.of(shop, digital), T0.plus(Duration.ofHours(1)));
    assertEquals(1, shop.moderation);
    assertEquals(T0.plus(STEP), shop.moderationSince);
    assertEquals(0, digital.moderation);
  }

  @Test
  void takesEveryDueStepAtOnceDatingEachByTheSchedule() {
    NameEntry e = entry(1, "shop");
    e.resubmitted.add("mts_step"); // the outcome is then always 2
    e.setOperator("mts_step", 0, T0);
    progress(1).advance(List.of(e), T0.plus(Duration.ofHours(1)));
    assertEquals(2, e.operators.get("mts_step"));
    assertEquals(T0.plus(STEP.multipliedBy(2)), e.operatorChangedAt.get("mts_step"));
  }

  @Test
  void stopsAtOneWhenTheSecondStepIsNotYetDue() {
    NameEntry e = entry(1, "shop");
    e.setOperator("mts_step", 0, T0);
    progress(1).advance(List.of(e), T0.plus(STEP.multipliedBy(2)).minusMillis(1));
    assertEquals(1, e.operators.get("mts_step"));
    assertEquals(T0.plus(STEP), e.operatorChangedAt.get("mts_step"));
  }

  @Test
  void leavesFinalStatusesAlone() {
    NameEntry e = entry(1, "shop");
    e.setOperator("mts_step", 3, T0);
    e.setOperator("bee_step", 8, T0);
    progress(1).advance(List.of(e), T0.plus(Duration.ofDays(1)));
    assertEquals(Map.of("mts_step", 3, "bee_step", 8), e.operators);
  }

  @Test
  void endsMostRegistrationsAllowedSomeRejectedSomeAskingForDocumentsTheSameWayEachRun() {
    Map<Integer, Integer> counts = new HashMap<>();
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      first.add(progress(42).outcome(entry(i, "name" + i), "mts_step"));
      counts.merge(first.get(i), 1, Integer::sum);
    }
    for (int i = 0; i < 500; i++) {
      assertEquals(
          first.get(i),
          progress(42).outcome(entry(i, "NAME" + i), "mts_step"),
          "the outcome depends on the seed and the name in any case, nothing else");
    }
    assertEquals(3, counts.size(), counts.toString());
    assertTrue(counts.get(2) > 350 && counts.get(3) > 20 && counts.get(8) > 20, counts.toString());
  }

  @Test
  void allowsAnOperatorThatGotTheDocumentsItAskedFor() {
    NameEntry e = entry(1, "shop");
    e.resubmitted.add("mega_step");
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(2, progress(seed).outcome(e, "mega_step"));
    }
  }

  @Test
  void seesAChangeMadeBetweenLooksOnlyOnceRescheduled() {
    NameEntry e = entry(1, "shop");
    e.setModeration(1, T0);
    AutoProgress p = progress(1);
    p.advance(List.of(e), T0); // nothing pending: nothing is due before the end of time
    e.setOperator("mts_step", 0, T0);
    p.advance(List.of(e), T0.plus(STEP));
    assertEquals(0, e.operators.get("mts_step"), "callers must reschedule after a change");
    p.reschedule();
    p.advance(List.of(e), T0.plus(STEP));
    assertEquals(1, e.operators.get("mts_step"));
  }
}
