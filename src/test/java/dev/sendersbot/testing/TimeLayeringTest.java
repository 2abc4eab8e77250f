package dev.sendersbot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code reads the real time and waits on it in one place, the time package, and the wiring (the
 * root package, and {@code cli} that it becomes) picks it; everything else takes the clock and
 * sleeper it is given, so that a test can hand it its own. And the time package stands on nothing
 * of the project's, so that every layer may use it.
 */
class TimeLayeringTest {
  static final Path MAIN = Path.of("src", "main", "java");
  private static final String TIME = "dev/sendersbot/time/";

  private static final Pattern REAL_TIME =
      Pattern.compile(
          "\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\("
              + "|\\bThread\\s*\\.\\s*sleep\\s*\\("
              + "|\\bTimeUnit\\s*\\.\\s*[A-Z]+\\s*\\.\\s*sleep\\s*\\("
              + "|\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime)"
              + "\\s*\\.\\s*now\\s*\\(\\s*\\)"
              + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\(");

  private static final Pattern PROJECT_IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?dev\\.sendersbot\\.(?!time\\.)", Pattern.MULTILINE);

  @Test
  void onlyTheTimePackageAndTheWiringReadTheRealTimeOrSleep() {
    List<String> offending = new ArrayList<>();
    for (Path p : sources()) {
      String name = MAIN.relativize(p).toString().replace('\\', '/');
      if (mayReadRealTime(name)) {
        continue;
      }
      offending.addAll(realTimeCalls(name, read(p)));
    }
    assertTrue(
        offending.isEmpty(),
        offending.size()
            + " reads of the real time or real sleeps in"
            + " main code outside dev.sendersbot.time and the wiring; take a Clock and a"
            + " dev.sendersbot.time.Sleeper instead:\n"
            + String.join("\n", offending));
  }

  @Test
  void theTimePackageImportsNothingOfTheProject() {
    List<String> offending = new ArrayList<>();
    for (Path p : sources()) {
      String name = MAIN.relativize(p).toString().replace('\\', '/');
      if (name.startsWith(TIME) && PROJECT_IMPORT.matcher(read(p)).find()) {
        offending.add(name);
      }
    }
    assertTrue(offending.isEmpty(), "the time package is the bottom layer: " + offending);
  }

  /** The scanner itself: it finds a call where it runs, and only there. */
  @Test
  void theScannerFindsCallsInCodeAndNotInComments() {
    String source =
        String.join(
            "\n",
            "class A {",
            "  // Thread.sleep(1) in a comment",
            "  void f() throws Exception { Thread.sleep(5); TimeUnit.SECONDS.sleep(1);",
            "    String s = \"Clock.systemUTC()\"; Clock c = Clock.systemDefaultZone();",
            "    sleeper.sleep(d); Instant.now(clock); Instant.now(); }",
            "}");
    assertEquals(
        List.of(
            "A.java:3: Thread.sleep(",
            "A.java:3: TimeUnit.SECONDS.sleep(",
            "A.java:4: Clock.systemDefaultZone(",
            "A.java:5: Instant.now()"),
        realTimeCalls("A.java", source));
  }

  /** The time package, and the wiring: the root package and {@code cli}. */
  private static boolean mayReadRealTime(String name) {
    String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
    return name.startsWith(TIME)
        || dir.equals("dev/sendersbot/")
        || name.startsWith("dev/sendersbot/cli/");
  }

  private static List<String> realTimeCalls(String name, String source) {
    String code = WallClockCalls.codeOnly(source);
    List<String> found = new ArrayList<>();
    Matcher m = REAL_TIME.matcher(code);
    while (m.find()) {
      int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      found.add(name + ":" + line + ": " + m.group().replaceAll("\\s+", ""));
    }
    return found;
  }

  private static List<Path> sources() {
    assertTrue(Files.isDirectory(MAIN), "run from the project folder: " + MAIN.toAbsolutePath());
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
