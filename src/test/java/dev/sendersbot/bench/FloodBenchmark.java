package dev.sendersbot.bench;

import static dev.sendersbot.bench.BotProcessBenchmark.fmt;
import static dev.sendersbot.bench.BotProcessBenchmark.millis;

import dev.sendersbot.bench.BotProcessBenchmark.Child;
import dev.sendersbot.bench.BotProcessBenchmark.Stats;
import dev.sendersbot.bench.BotProcessBenchmark.Wire;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Issue 11, hole 1, measured: the packaged bot ({@code target/senders-bot.jar run}) as a child
 * process, with the fake Bot API enforcing Telegram's limits and the SMSC sandbox in this JVM.
 * While strangers (unknown private chats, alternating {@code /senders} and plain text) and one
 * allowed, chatty group ({@code /help}) flood it, an owner sends {@code /id} in a closed loop:
 * enqueue, wait for the answer, wait 1.2 s (past the owner chat's own 1-a-second slot), again.
 * Latency runs from enqueueing the update at the fake Bot API to that server receiving the answer.
 * Prints figures as {@code BENCH:} lines; {@code --help} lists the flags.
 *
 * <pre>
 * mvn -B -q package -DskipTests &amp;&amp; mvn -B -q test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.sendersbot.bench.FloodBenchmark
 * </pre>
 */
public final class FloodBenchmark {
  private static final long OWNER = 4242;
  private static final long FIRST_STRANGER = 700_001;
  private static final long GROUP = -1_001_777_000_001L;
  private static final Duration OWNER_GAP = Duration.ofMillis(1200);
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(120);
  private static final Pattern OPS_ADDRESS =
      Pattern.compile("health and metrics on http://([0-9.]+:[0-9]+)");

  private final Options options;
  private final Path dir;
  private final SmscSandbox sandbox;
  private final FakeBotApi telegram;
  private final Wire wire;

  /** When the flood's last update was enqueued (System.nanoTime); 0 before. */
  private volatile long floodDone;

  private FloodBenchmark(
      Options options, Path dir, SmscSandbox sandbox, FakeBotApi telegram, Wire wire) {
    this.options = options;
    this.dir = dir;
    this.sandbox = sandbox;
    this.telegram = telegram;
    this.wire = wire;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (options == null) {
      return;
    }
    BotProcessBenchmark.prepare(options.jar());
    Path dir = Files.createTempDirectory("senders-flood-");
    out("run", "flags", options.describe());
    out("machine", "host", BotProcessBenchmark.Machine.describe(options.java()));
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults());
        FakeBotApi telegram = FakeBotApi.start()) {
      sandbox.bulkSeed(50);
      Wire wire = new Wire();
      telegram.onCall(wire);
      telegram.enforceLimits();
      new FloodBenchmark(options, dir, sandbox, telegram, wire).run();
    } finally {
      if (options.keep()) {
        System.out.println("BENCH: kept " + dir);
      } else {
        BotProcessBenchmark.deleteTree(dir);
      }
    }
  }

  private void run() throws Exception {
    long launched = System.nanoTime();
    Child child = launch();
    try {
      wire.awaitGetUpdates(launched, Duration.ofSeconds(90), child);
      // The owner lets the group in, as an owner would have before.
      long before = System.nanoTime();
      telegram.enqueueText(OWNER, OWNER, "/allow " + GROUP + " viewer");
      wire.await(ANSWER_LIMIT, "the /allow answer", () -> wire.count(OWNER) >= 1);
      out(
          "setup",
          "allow",
          fmt(millis(System.nanoTime() - before)) + " ms for /allow " + GROUP + " viewer");
      Thread.sleep(OWNER_GAP.toMillis());

      long sendsBefore = wire.totalSends();
      Thread flood = new Thread(this::flood, "flood");
      long floodStart = System.nanoTime();
      flood.start();
      List<Long> latencies = new ArrayList<>();
      List<Long> sentAt = new ArrayList<>();
      for (int i = 0; i < options.samples(); i++) {
        int answered = idAnswers();
        long t0 = System.nanoTime();
        telegram.enqueueText(OWNER, OWNER, "/id");
        try {
          wire.await(ANSWER_LIMIT, "the owner's /id answer", () -> idAnswers() > answered);
        } catch (IllegalStateException e) {
          // A bot that stalls is a figure too (the code before issue 11): stop sampling there.
          out(
              "owner-id",
              "unanswered",
              "/id #"
                  + (i + 1)
                  + ", sent "
                  + fmt(millis(t0 - floodStart))
                  + " ms into the flood, had no answer within "
                  + ANSWER_LIMIT);
          break;
        }
        long took = idAnswerNanos(answered) - t0;
        latencies.add(took);
        sentAt.add(t0 - floodStart);
        Thread.sleep(OWNER_GAP.toMillis());
      }
      flood.join();
      double window = (System.nanoTime() - floodStart) / 1e9;

      Stats owner = Stats.ofNanos(latencies);
      out(
          "owner-id",
          "latency",
          owner.line()
              + " ("
              + latencies.size()
              + " /id answered, one"
              + " after another, over "
              + fmt(window)
              + " s from the flood's start)");
      List<String> slow = new ArrayList<>();
      for (int i = 0; i < latencies.size(); i++) {
        if (latencies.get(i) >= 1_000_000_000L) {
          slow.add(
              "#"
                  + (i + 1)
                  + " "
                  + fmt(millis(latencies.get(i)))
                  + " ms, sent "
                  + fmt(millis(sentAt.get(i)))
                  + " ms into the flood");
        }
      }
      out(
          "owner-id",
          "over-1s",
          slow.size()
              + " of "
              + latencies.size()
              + (slow.isEmpty() ? "" : ": " + String.join("; ", slow)));
      long paced = latencies.stream().filter(n -> n >= 500_000_000L).count();
      out(
          "owner-id",
          "over-500ms",
          paced
              + " of "
              + latencies.size()
              + " (an /id arriving"
              + " within a second of another message to the owner, an access request say, waits for"
              + " the owner chat's next 1-a-second slot)");
      List<Long> during = new ArrayList<>();
      for (int i = 0; i < latencies.size(); i++) {
        if (sentAt.get(i) <= Math.max(floodDone - floodStart, 0)) {
          during.add(latencies.get(i));
        }
      }
      out(
          "owner-id",
          "during-arrival",
          Stats.ofNanos(during).line()
              + " (the /id sent before"
              + " the flood's last update was; with --flood-seconds 0 only the first, at once)");
      report(child, sendsBefore, window);
    } finally {
      Child.Stop stop = child.stop();
      out(
          "shutdown",
          "sigterm",
          fmt(stop.millis())
              + " ms, exit code "
              + stop.exitCode()
              + (stop.killed() ? ", KILLED" : ""));
    }
  }

  /** Strangers' and the group's updates, interleaved, spread evenly over the flood's seconds. */
  private void flood() {
    List<FakeBotApi.Msg> all = new ArrayList<>();
    int strangers = options.strangers();
    int perStranger = options.strangerUpdates() / strangers;
    int groupLeft = options.groupUpdates();
    for (int i = 0; i < perStranger || groupLeft > 0; i++) {
      for (int s = 0; s < strangers && i < perStranger; s++) {
        long chat = FIRST_STRANGER + s;
        all.add(FakeBotApi.Msg.text(chat, chat, i % 2 == 0 ? "/senders" : "hello " + i));
        if (groupLeft > 0 && all.size() % 3 == 0) {
          all.add(
              FakeBotApi.Msg.text(GROUP, 900 + groupLeft % 7, "/help")
                  .chat("supergroup", "Chatty"));
          groupLeft--;
        }
      }
      if (i >= perStranger && groupLeft > 0) {
        all.add(
            FakeBotApi.Msg.text(GROUP, 900 + groupLeft % 7, "/help").chat("supergroup", "Chatty"));
        groupLeft--;
      }
    }
    long spread = options.floodSeconds() * 1_000_000_000L;
    long start = System.nanoTime();
    for (int i = 0; i < all.size(); i++) {
      long due = start + spread * i / Math.max(1, all.size());
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      telegram.enqueue(all.get(i));
    }
    floodDone = System.nanoTime();
    out("flood", "enqueued", all.size() + " updates in " + fmt(millis(floodDone - start)) + " ms");
  }

  private int idAnswers() {
    return (int) wire.texts(OWNER).stream().filter(t -> t.startsWith("Chat id:")).count();
  }

  /** When the fake Bot API received the /id answer after the first {@code answered}. */
  private long idAnswerNanos(int answered) {
    int seen = 0;
    for (Wire.Msg m : wire.messages(OWNER)) {
      if (m.text().startsWith("Chat id:") && seen++ == answered) {
        return m.nanos();
      }
    }
    throw new IllegalStateException("no /id answer number " + (answered + 1));
  }

  private void report(Child child, long sendsBefore, double window) {
    long strangerReplies = 0;
    int answeredStrangers = 0;
    for (int s = 0; s < options.strangers(); s++) {
      int n = wire.count(FIRST_STRANGER + s);
      strangerReplies += n;
      answeredStrangers += n > 0 ? 1 : 0;
    }
    long ownerOther = wire.texts(OWNER).stream().filter(t -> !t.startsWith("Chat id:")).count();
    out(
        "replies",
        "strangers",
        strangerReplies
            + " messages to "
            + answeredStrangers
            + " of "
            + options.strangers()
            + " strangers, for their "
            + options.strangerUpdates()
            + " updates, by the end of the owner's samples ("
            + fmt(window)
            + " s)");
    out(
        "replies",
        "group",
        wire.count(GROUP)
            + " answers for its "
            + options.groupUpdates()
            + " /help (Telegram allows a group 20 a minute)");
    out(
        "replies",
        "owner",
        idAnswers()
            + " /id answers and "
            + ownerOther
            + " other messages (the /allow answer, access requests)");
    out(
        "replies",
        "total",
        (wire.totalSends() - sendsBefore)
            + " messages sent since the flood"
            + " began; "
            + telegram.violations()
            + " answered 429 by the fake Bot API");
    Optional<String> address = child.logMatch(OPS_ADDRESS);
    if (address.isEmpty()) {
      out("metrics", "skipped", "no health and metrics address in the bot's log");
      return;
    }
    try {
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + address.get() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      out(
          "metrics",
          "backlog",
          "parked "
              + metric(body, "sendersbot_backlog_parked_total")
              + ", dropped (backlog full) "
              + metric(body, "sendersbot_backlog_dropped_total")
              + ", waiting now "
              + metric(body, "sendersbot_backlog_updates"));
      out(
          "metrics",
          "handled",
          "updates handled " + metric(body, "sendersbot_updates_handled_total"));
      // Whatever else counts updates or answers left out (a stranger throttle, say).
      body.lines()
          .filter(
              l ->
                  !l.startsWith("#")
                      && (l.contains("dropped") || l.contains("throttl") || l.contains("unknown"))
                      && !l.startsWith("sendersbot_backlog"))
          .forEach(l -> out("metrics", "other", l));
    } catch (IOException e) {
      out("metrics", "skipped", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String metric(String body, String name) {
    return body.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("absent");
  }

  private Child launch() throws IOException {
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, OWNER);
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    Path config = dir.resolve("senders-bot.yml");
    // English: the benchmark reads the replies (the bot ships speaking Russian).
    Files.writeString(config, "http:\n  port: 0\nui:\n  language: en\n");
    BotProcessBenchmark.Options launch =
        BotProcessBenchmark.Options.parse(
            new String[] {"--jar", options.jar().toString(), "--xmx", options.xmx()});
    return Child.launch(launch, env, config, dir.resolve("bot.log"));
  }

  private static void out(String group, String key, String value) {
    System.out.println("BENCH: flood " + group + " | " + key + " | " + value);
    System.out.flush();
  }

  /** The flags. */
  record Options(
      int strangers,
      int strangerUpdates,
      int groupUpdates,
      int floodSeconds,
      int samples,
      Path jar,
      Path java,
      String xmx,
      boolean keep) {
    static final String USAGE =
        String.join(
            "\n",
            "FloodBenchmark [flags]: an owner's /id while strangers and a chatty group flood the bot",
            "  --strangers N         unknown private chats (10)",
            "  --stranger-updates N  their updates together (1000)",
            "  --group-updates N     /help from the allowed group (500)",
            "  --flood-seconds N     the flood arrives spread over this many seconds (10; 0: at once)",
            "  --samples N           the owner's /id, one after another (40)",
            "  --jar PATH            the bot (target/senders-bot.jar)",
            "  --xmx SIZE            the bot's -Xmx (256m)",
            "  --keep                keep the temporary folder (database, the bot's log)");

    Options {
      if (strangers < 1
          || strangerUpdates < strangers
          || groupUpdates < 0
          || floodSeconds < 0
          || samples < 1) {
        throw new IllegalArgumentException(
            "counts must be positive, at least one update per" + " stranger\n" + USAGE);
      }
    }

    static Options parse(String[] args) {
      List<String> list = new ArrayList<>();
      for (String a : args) {
        list.addAll(Arrays.asList(a.trim().split("\\s+")));
      }
      list.removeIf(String::isEmpty);
      if (list.contains("--help") || list.contains("-h")) {
        System.out.println(USAGE);
        return null;
      }
      Map<String, String> v = new HashMap<>();
      boolean keep = false;
      for (int i = 0; i < list.size(); i++) {
        String a = list.get(i);
        if (a.equals("--keep")) {
          keep = true;
        } else if (a.startsWith("--") && i + 1 < list.size()) {
          v.put(a.substring(2), list.get(++i));
        } else {
          throw new IllegalArgumentException("unknown or incomplete flag '" + a + "'\n" + USAGE);
        }
      }
      Options o =
          new Options(
              number(v, "strangers", 10),
              number(v, "stranger-updates", 1000),
              number(v, "group-updates", 500),
              number(v, "flood-seconds", 10),
              number(v, "samples", 40),
              Path.of(v.getOrDefault("jar", "target/senders-bot.jar")).toAbsolutePath(),
              Path.of(System.getProperty("java.home"), "bin", "java"),
              v.getOrDefault("xmx", "256m"),
              keep);
      v.keySet()
          .removeAll(
              Set.of(
                  "strangers",
                  "stranger-updates",
                  "group-updates",
                  "flood-seconds",
                  "samples",
                  "jar",
                  "xmx"));
      if (!v.isEmpty()) {
        throw new IllegalArgumentException("unknown flags " + v.keySet() + "\n" + USAGE);
      }
      return o;
    }

    private static int number(Map<String, String> v, String key, int fallback) {
      String s = v.get(key);
      try {
        return s == null ? fallback : Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + key + " takes a number, not '" + s + "'");
      }
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "strangers=%d stranger-updates=%d group-updates=%d"
              + " flood-seconds=%d samples=%d xmx=%s jar=%s",
          strangers,
          strangerUpdates,
          groupUpdates,
          floodSeconds,
          samples,
          xmx,
          jar);
    }
  }
}
