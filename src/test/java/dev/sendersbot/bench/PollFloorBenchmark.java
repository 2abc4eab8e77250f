package dev.sendersbot.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of the watcher's poll ({@code dev.sendersbot.watch.PollDiffBenchmark})
 * and of the list parse ({@code dev.sendersbot.smsc.ListParseBenchmark}) with the GC profiler, and
 * prints each figure as a {@code BENCH:} line beside its floor measured in the same run. See
 * docs/bench.md.
 *
 * <p>Flags: {@code --quick} (fewer, shorter iterations), {@code --only REGEX} (benchmarks to run),
 * {@code --xmx SIZE} (the forks' heap, 256m by default: the bot's own).
 */
public final class PollFloorBenchmark {
  private PollFloorBenchmark() {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = false;
    String only = "dev\\.sendersbot\\.(watch\\.PollDiffBenchmark|smsc\\.ListParseBenchmark)\\..*";
    String xmx = "256m";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = args[++i];
        case "--xmx" -> xmx = args[++i];
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    useCallersClassPath();
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(only)
            .addProfiler(GCProfiler.class)
            .forks(1)
            .warmupIterations(quick ? 3 : 5)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 3))
            .jvmArgs("-Xmx" + xmx, "-Xms" + xmx);
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, double[]> figures = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      String chats = r.getParams().getParam("chats");
      if (chats != null) {
        name += "[" + chats + " chats]";
      }
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      figures.put(
          name,
          new double[] {
            primary.getScore(),
            primary.getScoreError(),
            alloc == null ? Double.NaN : alloc.getScore()
          });
    }
    double[] floor = figures.get("floorOverHttp");
    double[] parseFloor = figures.get("parseFloor");
    for (Map.Entry<String, double[]> e : figures.entrySet()) {
      String name = e.getKey();
      double[] f = e.getValue();
      double[] against = name.startsWith("parse") ? parseFloor : floor;
      String ratio =
          against == null || against == f
              ? "the floor"
              : String.format(
                  Locale.ROOT,
                  "%.2fx the floor's time, %.1fx its allocation",
                  f[0] / against[0],
                  f[2] / against[2]);
      System.out.printf(
          Locale.ROOT,
          "BENCH: %-38s %8.2f ms ± %.2f, %8.2f MB allocated per op (%s)%n",
          name,
          f[0],
          f[1],
          f[2] / 1e6,
          ratio);
    }
  }

  /**
   * JMH forks its JVMs with {@code java.class.path}; under {@code mvn exec:java} that is Maven's
   * own, and the test classes are in the class loader instead.
   */
  private static void useCallersClassPath() {
    if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
      return;
    }
    List<String> paths = new ArrayList<>();
    for (URL url : loader.getURLs()) {
      try {
        paths.add(Path.of(url.toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalStateException("a class path entry that is not a file: " + url, e);
      }
    }
    System.setProperty("java.class.path", String.join(File.pathSeparator, paths));
  }
}
