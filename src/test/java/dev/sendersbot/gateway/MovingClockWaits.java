package dev.sendersbot.gateway;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * For tests and benchmarks outside this package that run the gateway on a moved clock: a wait for
 * budget moves that clock instead of sleeping, so a request goes out at its slot's time.
 */
public final class MovingClockWaits {
  private MovingClockWaits() {}

  public static CachingGatewayBuilder on(
      CachingGatewayBuilder builder, Consumer<Duration> advance) {
    return builder.sleeper(advance::accept);
  }
}
