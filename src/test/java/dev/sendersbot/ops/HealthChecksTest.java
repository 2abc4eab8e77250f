package dev.sendersbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.ops.HealthCheck.Result;
import dev.sendersbot.ops.HealthChecks.Calls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
  static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  final AtomicReference<Instant> now = new AtomicReference<>(START);
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void pollingIsAliveWhileTheLastGetUpdatesIsRecent() {
    AtomicReference<Instant> lastPoll = new AtomicReference<>();
    HealthCheck check =
        HealthChecks.recent(
            "telegram", "last getUpdates", lastPoll::get, Duration.ofSeconds(90), START, clock);

    now.set(START.plusSeconds(30));
    Result starting = check.check();
    assertTrue(starting.ok(), starting.detail());
    assertEquals("last getUpdates: none yet, started 30s ago", starting.detail());

    lastPoll.set(START.plusSeconds(40));
    now.set(START.plusSeconds(100));
    assertEquals(Result.ok("last getUpdates 60s ago"), check.check());

    now.set(START.plusSeconds(131));
    assertEquals(Result.fail("last getUpdates 91s ago (limit 90s)"), check.check());
  }

  @Test
  void pollingThatNeverAnsweredFailsAfterTheLimit() {
    HealthCheck check =
        HealthChecks.recent(
            "telegram", "last getUpdates", () -> null, Duration.ofSeconds(90), START, clock);
    now.set(START.plusSeconds(91));
    Result r = check.check();
    assertFalse(r.ok());
    assertEquals("last getUpdates: none since start 91s ago (limit 90s)", r.detail());
  }

  @Test
  void providerWithoutAnyCallYetIsHealthy() {
    HealthCheck check =
        HealthChecks.lastCallSucceeded("provider", () -> new Calls(null, null, null), clock);
    assertEquals(Result.ok("no successful call yet"), check.check());
  }

  @Test
  void providerFailsWhileItsLatestCallFailedAndRecoversOnSuccess() {
    AtomicReference<Calls> calls =
        new AtomicReference<>(
            new Calls(START, START.plusSeconds(10), "error 9: too many requests"));
    HealthCheck check = HealthChecks.lastCallSucceeded("provider", calls::get, clock);
    now.set(START.plusSeconds(20));

    assertEquals(
        Result.fail("failing since 10s ago: error 9: too many requests; last success 20s ago"),
        check.check());

    calls.set(
        new Calls(START.plusSeconds(15), START.plusSeconds(10), "error 9: too many requests"));
    assertEquals(Result.ok("last success 5.0s ago"), check.check());
  }

  @Test
  void aProbeAnswersItsDetailOrFailsWithItsException() {
    assertEquals(Result.ok("writable"), HealthChecks.of("database", () -> "writable").check());
    Result r =
        HealthChecks.of(
                "database",
                () -> {
                  throw new java.sql.SQLException(
                      "[SQLITE_READONLY] attempt to write a readonly database");
                })
            .check();
    assertEquals(
        Result.fail("SQLException: [SQLITE_READONLY] attempt to write a readonly database"), r);
  }
}
