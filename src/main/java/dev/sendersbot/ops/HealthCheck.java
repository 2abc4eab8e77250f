package dev.sendersbot.ops;

import java.util.Objects;

/**
 * One thing {@code /healthz} looks at. {@link OpsServer} calls {@link #check()} on every request,
 * so a check must be quick (a clock comparison, one tiny write) and should not throw; one that
 * throws counts as failed, with the exception named in the detail.
 */
public interface HealthCheck {

  /** Short and stable, for the JSON body: {@code telegram}, {@code provider}, {@code database}. */
  String name();

  Result check();

  /**
   * @param ok whether this part is healthy
   * @param detail what a person reading {@code /healthz} needs: how long since the last poll, the
   *     last error in words; never a secret (it is masked all the same)
   */
  record Result(boolean ok, String detail) {
    public Result {
      Objects.requireNonNull(detail, "detail");
    }

    public static Result ok(String detail) {
      return new Result(true, detail);
    }

    public static Result fail(String detail) {
      return new Result(false, detail);
    }
  }
}
