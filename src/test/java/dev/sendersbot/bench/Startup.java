package dev.sendersbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a launch cost the bot's process by the time it first polled, in figures the machine's load
 * does not change: the CPU time it used (user + sys) and how many classes it had loaded. Wall time
 * on a shared machine varies with the other work; these do not, or far less.
 */
final class Startup {
  private Startup() {}

  /**
   * @param cpuMillis user + sys CPU time of the whole process so far, -1 when unknown
   * @param classes classes loaded so far (from the JVM's own counters), -1 when unknown
   */
  record Probe(double cpuMillis, long classes) {
    String describe() {
      return String.format(Locale.ROOT, "%.0f ms CPU, %d classes loaded", cpuMillis, classes);
    }
  }

  static Probe probe(long pid) {
    double cpu =
        ProcessHandle.of(pid)
            .flatMap(p -> p.info().totalCpuDuration())
            .map(d -> d.toNanos() / 1e6)
            .orElse(-1.0);
    return new Probe(cpu, loadedClasses(pid));
  }

  /**
   * {@code jstat -class}: it reads the JVM's performance counters from their shared-memory file
   * instead of attaching, so it loads nothing into the bot.
   */
  static long loadedClasses(long pid) {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    if (!Files.isExecutable(jstat)) {
      return -1;
    }
    try {
      Process p =
          new ProcessBuilder(jstat.toString(), "-class", Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        return -1;
      }
      String[] lines = out.strip().split("\\R");
      return Long.parseLong(lines[lines.length - 1].strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
