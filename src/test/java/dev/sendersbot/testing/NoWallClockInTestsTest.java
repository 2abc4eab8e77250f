package dev.sendersbot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No test reads the machine's clock: a suite that does passes or fails with the time of day it runs
 * at. A test's time is its own: {@link TestClocks#ticking}, a {@link FakeClock}, {@code
 * Clock.fixed}.
 */
class NoWallClockInTestsTest {
  static final Path TESTS = Path.of("src", "test", "java");

  /** Files that may read it, and why. Benchmarks are programs, not tests: they time the machine. */
  static final Map<String, String> ALLOWED =
      Map.of(
          "dev/sendersbot/gateway/GatewayBenchmark.java",
          "a benchmark (main program), not a test",
          "dev/sendersbot/watch/WatchBenchmark.java",
          "a benchmark (main program), not a test",
          "dev/sendersbot/bench/BotProcessBenchmark.java",
          "a benchmark: its sandbox keeps the same time as the bot process it measures",
          "dev/sendersbot/bench/FloodBenchmark.java",
          "a benchmark: its sandbox keeps the same time as the bot process it measures");

  @Test
  void noTestReadsTheWallClock() {
    List<WallClockCalls.Finding> found = findings();
    List<String> offending =
        found.stream()
            .filter(f -> !ALLOWED.containsKey(f.file()))
            .map(WallClockCalls.Finding::toString)
            .toList();
    assertTrue(
        offending.isEmpty(),
        offending.size()
            + " wall-clock reads in src/test/java; take the"
            + " time from the test (TestClocks.ticking(start), a FakeClock, Clock.fixed):\n"
            + String.join("\n", offending));

    Set<String> used = found.stream().map(WallClockCalls.Finding::file).collect(Collectors.toSet());
    Set<String> stale = new TreeSet<>(ALLOWED.keySet());
    stale.removeAll(used);
    assertTrue(
        stale.isEmpty(), "allowed but reading no clock any more, drop them from ALLOWED: " + stale);
  }

  /** The scanner itself: it must find a call where it runs, and only there. */
  @Test
  void theScannerFindsCallsInCodeAndNotInCommentsOrStrings() {
    String source =
        String.join(
            "\n",
            "class A {",
            "  // Instant.now() in a comment",
            "  /* Clock.systemUTC() in a block",
            "     comment */ Instant a = Instant.now();",
            "  String s = \"System.currentTimeMillis() \\\" LocalDate.now()\";",
            "  String t = \"\"\"",
            "      new Date()",
            "      \"\"\";",
            "  Instant b = Instant.now(clock);",
            "  Clock c = Clock.system(ZoneId.of(\"UTC\")); long d = System.currentTimeMillis();",
            "  var o = SandboxOptions.defaults().withClock(clock);",
            "  var p = SandboxOptions.defaults();",
            "  var m = new TelegramMessenger(cfg, http, clock, sleeper, opts);",
            "  var n = new TelegramMessenger(cfg(\"x\", 1),",
            "      http);",
            "  LocalDate e = LocalDate.now();",
            "  Clock f = SystemTime.clock();",
            "}");
    List<String> found =
        WallClockCalls.in("A.java", source).stream().map(f -> f.line() + " " + f.call()).toList();
    assertEquals(
        List.of(
            "4 Instant.now()",
            "10 Clock.system(",
            "10 System.currentTimeMillis(",
            "12 SandboxOptions.defaults()",
            "14 new TelegramMessenger(config, http)",
            "16 LocalDate.now()",
            "17 SystemTime.clock("),
        found);
  }

  private static List<WallClockCalls.Finding> findings() {
    assertTrue(Files.isDirectory(TESTS), "run from the project folder: " + TESTS.toAbsolutePath());
    List<WallClockCalls.Finding> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TESTS)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String name = TESTS.relativize(p).toString().replace('\\', '/');
        all.addAll(WallClockCalls.in(name, Files.readString(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
