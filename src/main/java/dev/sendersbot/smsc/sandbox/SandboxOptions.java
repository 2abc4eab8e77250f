package dev.sendersbot.smsc.sandbox;

import dev.sendersbot.time.SystemTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a {@link SmscSandbox} starts.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param login the account login the sandbox accepts
 * @param password the password it accepts ({@code psw} may also be its lower-case MD5)
 * @param apiKey the {@code apikey} it accepts instead of login and password; null disables it
 * @param clock the time every time-based rule reads; tests pass a {@link MovableClock}
 * @param autoProgress move statuses along by themselves (for the demo), see {@code docs/sandbox.md}
 * @param seedDemoNames start with a few plausible names
 * @param seed makes confirmation codes and auto-progression outcomes repeatable; null: random codes
 * @param progressStep with {@code autoProgress}, how long each status step takes
 */
public record SandboxOptions(
    int port,
    String login,
    String password,
    String apiKey,
    Clock clock,
    boolean autoProgress,
    boolean seedDemoNames,
    Long seed,
    Duration progressStep) {

  public static final String DEFAULT_LOGIN = "demo";
  public static final String DEFAULT_PASSWORD = "demo-password";
  public static final String DEFAULT_API_KEY = "demo-api-key-5f1c0a3e9b7d";
  public static final Duration DEFAULT_PROGRESS_STEP = Duration.ofSeconds(30);

  public SandboxOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (login == null || login.isBlank()) {
      throw new IllegalArgumentException("sandbox login must not be blank");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("sandbox password must not be empty");
    }
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("sandbox api key must be null or non-blank");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(progressStep, "progressStep");
    if (progressStep.isNegative() || progressStep.isZero()) {
      throw new IllegalArgumentException("progressStep must be positive: " + progressStep);
    }
  }

  /** The seven settings most callers need; no seed, the default progress step. */
  public SandboxOptions(
      int port,
      String login,
      String password,
      String apiKey,
      Clock clock,
      boolean autoProgress,
      boolean seedDemoNames) {
    this(
        port,
        login,
        password,
        apiKey,
        clock,
        autoProgress,
        seedDemoNames,
        null,
        DEFAULT_PROGRESS_STEP);
  }

  /**
   * Port 0, login {@code demo}, password {@code demo-password}, an API key, the system clock in
   * Moscow time (the provider's), no auto-progression, no seeded names, random codes.
   */
  public static SandboxOptions defaults() {
    return new SandboxOptions(
        0,
        DEFAULT_LOGIN,
        DEFAULT_PASSWORD,
        DEFAULT_API_KEY,
        SystemTime.clock().withZone(ZoneId.of("Europe/Moscow")),
        false,
        false);
  }

  public SandboxOptions withPort(int p) {
    return new SandboxOptions(
        p, login, password, apiKey, clock, autoProgress, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withLogin(String l) {
    return new SandboxOptions(
        port, l, password, apiKey, clock, autoProgress, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withPassword(String p) {
    return new SandboxOptions(
        port, login, p, apiKey, clock, autoProgress, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withApiKey(String k) {
    return new SandboxOptions(
        port, login, password, k, clock, autoProgress, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withClock(Clock c) {
    return new SandboxOptions(
        port, login, password, apiKey, c, autoProgress, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withAutoProgress(boolean on) {
    return new SandboxOptions(
        port, login, password, apiKey, clock, on, seedDemoNames, seed, progressStep);
  }

  public SandboxOptions withSeedDemoNames(boolean on) {
    return new SandboxOptions(
        port, login, password, apiKey, clock, autoProgress, on, seed, progressStep);
  }

  public SandboxOptions withSeed(Long s) {
    return new SandboxOptions(
        port, login, password, apiKey, clock, autoProgress, seedDemoNames, s, progressStep);
  }

  public SandboxOptions withProgressStep(Duration step) {
    return new SandboxOptions(
        port, login, password, apiKey, clock, autoProgress, seedDemoNames, seed, step);
  }

  /** Never prints the password or the API key. */
  @Override
  public String toString() {
    return "SandboxOptions[port="
        + port
        + ", login="
        + login
        + ", password=***, apiKey="
        + (apiKey == null ? "none" : "***")
        + ", clock="
        + clock
        + ", autoProgress="
        + autoProgress
        + ", seedDemoNames="
        + seedDemoNames
        + ", seed="
        + seed
        + ", progressStep="
        + progressStep
        + "]";
  }
}
