package dev.sendersbot.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code sendersbot_command_seconds}: from an update's arrival to its first reply handed to
 * Telegram, with buckets fine enough to answer "under 5 ms?" and p50/p99.
 */
final class CommandLatency {
  // Fine below 10 ms, where the bot's own work lies (its target: p99 under 5 ms); coarse above,
  // where a wait for Telegram's per-chat limit or for the provider shows.
  private static final Duration[] BUCKETS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(3),
    Duration.ofMillis(4),
    Duration.ofMillis(5),
    Duration.ofNanos(7_500_000),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5)
  };

  private CommandLatency() {}

  // No tags: a command's name or chat is the user's input.
  static Timer register(MeterRegistry registry) {
    return Timer.builder("sendersbot.command")
        .description("from an update's arrival to its first reply handed to Telegram")
        .serviceLevelObjectives(BUCKETS)
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }
}
