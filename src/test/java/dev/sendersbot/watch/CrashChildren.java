package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.telegram.FakeBotApi;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The sending process the crash proofs kill: {@link OutboxChild} in a JVM of its own over one
 * database file and the fake Bot API, its output kept in a log per run, and the loop that kills it
 * with {@code kill -9} at random moments.
 */
final class CrashChildren {
  /**
   * @param inFlight for each killed run, the index (among the requests delivered) of its last one:
   *     the one request that may arrive again
   * @param runs how many children were started
   */
  record Killed(List<Integer> inFlight, int runs) {}

  private final Path dir;
  private final FakeBotApi api;
  private final Path file;
  private final long owner;
  private final List<String> extra;

  /**
   * @param extra arguments after the child's usual ones ({@code "mutes"}: it sends through the mute
   *     hold)
   */
  CrashChildren(Path dir, FakeBotApi api, Path file, long owner, String... extra) {
    this.dir = dir;
    this.api = api;
    this.file = file;
    this.owner = owner;
    this.extra = List.of(extra);
  }

  /** A child starting its clock at {@code start}, writing to the log of {@code run}. */
  Process start(int run, Instant start) throws IOException {
    return start(logFile(run), start);
  }

  Process start(Path log, Instant start) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // SQLite's driver unpacks its library at each start and deletes it at exit, which
                // a killed child never reaches: into the test's directory, not the machine's /tmp.
                "-Dorg.sqlite.tmpdir=" + dir,
                "-cp",
                classPath(),
                OutboxChild.class.getName(),
                file.toString(),
                api.apiUrl().toString(),
                api.token(),
                Long.toString(owner),
                start.toString()));
    cmd.addAll(extra);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Starts children until {@code kills} of them were killed, each after it delivered a random few
   * requests (or a little later); a child that finishes first must have succeeded.
   *
   * @param delivered how many requests the Bot API has accepted so far
   * @param startAt the instant the next child's clock starts at
   * @param beforeRun told how many kills there were, before each child starts
   * @param afterRun what happens between runs (the provider moves, the watcher polls); the killed
   *     run's last request is read after it, so one it wrote just before dying has been handled
   */
  Killed killAtRandom(
      int kills,
      Random random,
      IntSupplier delivered,
      Supplier<Instant> startAt,
      IntConsumer beforeRun,
      Runnable afterRun)
      throws IOException, InterruptedException {
    List<Integer> inFlight = new ArrayList<>();
    int killed = 0;
    int runs = 0;
    while (killed < kills) {
      assertTrue(runs < kills * 3, "children kept finishing before they could be killed");
      beforeRun.accept(killed);
      int target = delivered.getAsInt() + 1 + random.nextInt(12);
      Process child = start(runs++, startAt.get());
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(2))
            .until(() -> delivered.getAsInt() >= target || !child.isAlive());
      } catch (ConditionTimeoutException e) {
        // Nothing more to send for now (a mute holds the rest back): it is killed there.
      }
      if (child.isAlive()) {
        // A random moment: just after a request was accepted, or a little later.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(40)));
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
        killed++;
      } else {
        assertEquals(0, child.exitValue(), log(runs - 1));
      }
      afterRun.run();
      if (child.exitValue() != 0) {
        inFlight.add(delivered.getAsInt() - 1);
      }
    }
    return new Killed(List.copyOf(inFlight), runs);
  }

  /** One more child, run {@code run}, left alone: it must send what is left and end well. */
  void finishes(int run, Instant start, Duration within) throws IOException, InterruptedException {
    Process last = start(run, start);
    assertTrue(
        last.waitFor(within.toMillis(), TimeUnit.MILLISECONDS),
        "the last run did not finish: " + log(run));
    assertEquals(0, last.exitValue(), log(run));
  }

  String log(int run) {
    try {
      String s = Files.readString(logFile(run));
      return "child " + run + " said:\n" + s.substring(Math.max(0, s.length() - 4000));
    } catch (IOException e) {
      return "no log of child " + run;
    }
  }

  private Path logFile(int run) {
    return dir.resolve("child-" + run + ".log");
  }

  /** The test class path: surefire names it apart from its own booter jar. */
  static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return String.join(File.pathSeparator, cp.split(File.pathSeparator));
  }
}
