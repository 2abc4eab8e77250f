package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The two promises the election's timing must keep, whoever builds it. */
class PostgresTimeoutsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void theServerFreesASilentLeadersLockAfterElevenSeconds() {
    assertEquals(11, PostgresTimeouts.SERVER_FREES_SECONDS);
  }

  @Test
  void aCheckIntervalThatWouldPushATakeoverPastFifteenSecondsIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PostgresTimeouts(TEN, Duration.ofMillis(4001), Duration.ofSeconds(2)));
    assertTrue(e.getMessage().contains("15 s takeover"), e.getMessage());
    new PostgresTimeouts(TEN, Duration.ofSeconds(3), Duration.ofSeconds(7)); // 11 + 3 <= 15
  }

  @Test
  void aCheckAndTimeoutReachingTheServersElevenSecondsAreRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PostgresTimeouts(TEN, Duration.ofSeconds(3), Duration.ofSeconds(8)));
    assertTrue(e.getMessage().contains("could still act"), e.getMessage());
    // The driver takes whole seconds: 7.2 s waits 8 s.
    assertThrows(
        IllegalArgumentException.class,
        () -> new PostgresTimeouts(TEN, Duration.ofSeconds(3), Duration.ofMillis(7200)));
    assertEquals(
        8,
        new PostgresTimeouts(TEN, Duration.ofSeconds(2), Duration.ofMillis(7200))
            .leaderTimeoutSeconds());
  }

  @Test
  void theDefaultsAreTheOldConstants() {
    assertEquals(
        new PostgresTimeouts(TEN, Duration.ofSeconds(1), Duration.ofSeconds(5)),
        PostgresTimeouts.DEFAULTS);
    assertEquals(5, PostgresTimeouts.DEFAULTS.leaderTimeoutSeconds());
  }
}
