package dev.sendersbot.ops;

import dev.sendersbot.ops.HealthCheck.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Ready-made {@link HealthCheck}s over plain values, so the wiring can build the bot's checks from
 * what its parts already report, without this package knowing their types.
 */
public final class HealthChecks {
  private HealthChecks() {}

  /**
   * Healthy while something happened recently: Telegram polling is alive when its last {@code
   * getUpdates} returned within {@code maxAge}. Before the first time, healthy for {@code maxAge}
   * after {@code since} (start-up), then failing.
   *
   * @param what the event in words, for the detail ({@code "last getUpdates"})
   * @param last when it last happened; null if never
   */
  public static HealthCheck recent(
      String name,
      String what,
      Supplier<Instant> last,
      Duration maxAge,
      Instant since,
      Clock clock) {
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(clock, "clock");
    return of(
        name,
        () -> {
          Instant now = clock.instant();
          Instant at = last.get();
          if (at == null) {
            Duration up = Duration.between(since, now);
            return up.compareTo(maxAge) <= 0
                ? Result.ok(what + ": none yet, started " + ago(up))
                : Result.fail(
                    what + ": none since start " + ago(up) + " (limit " + seconds(maxAge) + ")");
          }
          Duration age = Duration.between(at, now);
          return age.compareTo(maxAge) <= 0
              ? Result.ok(what + " " + ago(age))
              : Result.fail(what + " " + ago(age) + " (limit " + seconds(maxAge) + ")");
        });
  }

  /**
   * Healthy unless the latest call failed: the provider is fine when its last success is newer than
   * its last error, or when there was no error at all (none yet counts as healthy: the bot need not
   * call the provider to be well).
   *
   * @param calls a snapshot of the last success and the last error; read on every check
   */
  public static HealthCheck lastCallSucceeded(String name, Supplier<Calls> calls, Clock clock) {
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(clock, "clock");
    return of(
        name,
        () -> {
          Calls c = calls.get();
          Instant now = clock.instant();
          String success =
              c.lastSuccess() == null
                  ? "no successful call yet"
                  : "last success " + ago(Duration.between(c.lastSuccess(), now));
          if (c.lastErrorAt() == null
              || (c.lastSuccess() != null && !c.lastSuccess().isBefore(c.lastErrorAt()))) {
            return Result.ok(success);
          }
          String error = c.lastError() == null ? "an error" : c.lastError();
          return Result.fail(
              "failing since "
                  + ago(Duration.between(c.lastErrorAt(), now))
                  + ": "
                  + error
                  + "; "
                  + success);
        });
  }

  /**
   * Runs {@code probe} on each check: healthy with its answer as the detail, failing with the
   * exception it throws. For the database: a tiny write that answers {@code "writable"}.
   */
  public static HealthCheck of(String name, Callable<?> probe) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result check() {
        try {
          Object answer = probe.call();
          if (answer instanceof Result r) {
            return r;
          }
          return Result.ok(answer == null ? "ok" : answer.toString());
        } catch (Exception e) {
          return Result.fail(describe(e));
        }
      }

      @Override
      public String toString() {
        return "HealthCheck[" + name + "]";
      }
    };
  }

  /**
   * The provider's last outcomes, as the gateway reports them.
   *
   * @param lastSuccess null if never
   * @param lastErrorAt null if never
   * @param lastError the last error in words; may be null
   */
  public record Calls(Instant lastSuccess, Instant lastErrorAt, String lastError) {}

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String ago(Duration d) {
    return seconds(d.isNegative() ? Duration.ZERO : d) + " ago";
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000
        ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0)
        : (ms / 1000) + "s";
  }
}
