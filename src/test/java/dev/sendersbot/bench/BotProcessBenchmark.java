package dev.sendersbot.bench;

import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxName;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The packaged bot ({@code target/senders-bot.jar run}) as a child process against the SMSC sandbox
 * and the fake Bot API, both in this JVM: start-up time to the first getUpdates, resident memory
 * idle and under load, command latency with a warm cache, outgoing messages per second in a burst
 * against Telegram's limits, provider requests, and how long SIGTERM takes. Prints its figures as
 * lines starting with {@code BENCH:}. Run it as docs/bench.md says; {@code --help} lists the flags.
 *
 * <p>Not a test: it measures and reports. It stops with an exception when the bot misbehaves (no
 * start, wrong replies), since its figures would then measure something else.
 */
public final class BotProcessBenchmark {
  /** Telegram's limits the bot keeps (design §4). */
  private static final int OVERALL_PER_SECOND = 30;

  /** The first owner; the others follow. Each owner's private chat has the owner's id. */
  private static final long FIRST_OWNER = 4242;

  /** The first benchmark chat (private chats: positive ids, so the group limit stays out). */
  private static final long FIRST_CHAT = 300_001;

  /**
   * Between a reply and the next command in the same chat: past the bot's per-chat window (1 s plus
   * its 50 ms margin), so the latency phase measures the bot, not its limiter.
   */
  private static final Duration CHAT_GAP = Duration.ofMillis(1200);

  static final Pattern OPS_ADDRESS =
      Pattern.compile("health and metrics on http://([0-9.]+:[0-9]+)");

  private final Options options;
  private final Path dir;
  private final SmscSandbox sandbox;
  private final FakeBotApi telegram;
  private final Wire wire;
  private final List<String> names;
  private final List<Long> owners;
  private final List<Long> chats;
  private final Random random = new Random(20_251_125L);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
          });

  private BotProcessBenchmark(
      Options options, Path dir, SmscSandbox sandbox, FakeBotApi telegram, Wire wire) {
    this.options = options;
    this.dir = dir;
    this.sandbox = sandbox;
    this.telegram = telegram;
    this.wire = wire;
    this.names = sandbox.names().stream().map(SandboxName::name).sorted().toList();
    List<Long> o = new ArrayList<>();
    for (int i = 0; i < options.owners(); i++) {
      o.add(FIRST_OWNER + i);
    }
    this.owners = List.copyOf(o);
    List<Long> c = new ArrayList<>();
    int n = Math.max(options.chats(), Math.max(options.latencyChats(), options.groupedChats()));
    for (int i = 0; i < n; i++) {
      c.add(FIRST_CHAT + i);
    }
    this.chats = List.copyOf(c);
  }

  /**
   * What every process benchmark needs before its servers start: TCP_NODELAY for the JDK HTTP
   * servers (they answer in two writes, so without it each answer waits for a delayed ACK, ~40 ms;
   * read once, when the first server starts) and the packaged jar it runs.
   */
  static void prepare(Path jar) {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first with mvn -B -q package -DskipTests");
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (options == null) {
      return;
    }
    prepare(options.jar());
    Path dir = Files.createTempDirectory("senders-bench-");
    out("run", "flags", options.describe());
    out("machine", "host", Machine.describe(options.java()));
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults());
        FakeBotApi telegram = FakeBotApi.start()) {
      sandbox.bulkSeed(options.names());
      Wire wire = new Wire();
      telegram.onCall(wire);
      // A send past Telegram's limits is answered 429 and counted: the run reports them.
      telegram.enforceLimits();
      new BotProcessBenchmark(options, dir, sandbox, telegram, wire).run();
    } finally {
      if (options.keep()) {
        System.out.println("BENCH: kept " + dir);
      } else {
        deleteTree(dir);
      }
    }
  }

  private void run() throws Exception {
    Child child = null;
    try {
      // 1. Start-up, a fresh database on the first launch, the same one after.
      List<Double> startups = new ArrayList<>();
      List<Child.Stop> stops = new ArrayList<>();
      List<Double> cpus = new ArrayList<>();
      List<Double> classes = new ArrayList<>();
      for (int i = 1; i <= options.launches(); i++) {
        if (i == options.launches() && !options.startupOnly()) {
          awaitListBudget();
        }
        child = launch(i);
        double ms =
            millis(
                wire.awaitGetUpdates(child.startedNanos, Duration.ofSeconds(90), child)
                    - child.startedNanos);
        startups.add(ms);
        // Read at once: the bot then waits in its long poll, so little CPU or class loading
        // follows. CPU time and the count of classes do not depend on the machine's load.
        Startup.Probe probe = Startup.probe(child.pid());
        cpus.add(probe.cpuMillis());
        classes.add((double) probe.classes());
        out(
            "startup",
            "launch " + i,
            fmt(ms)
                + " ms to the first getUpdates; "
                + probe.describe()
                + "; load average "
                + Startup.loadAverage());
        if (i < options.launches()) {
          stops.add(child.stop());
          child = null;
        }
      }
      out(
          "startup",
          "median",
          fmt(Stats.of(startups).median())
              + " ms over "
              + startups.size()
              + " launches "
              + fmtList(startups));
      out(
          "startup",
          "cpu",
          fmt(Stats.of(cpus).median())
              + " ms user+sys CPU at the first getUpdates, median "
              + fmtList(cpus));
      out(
          "startup",
          "classes",
          String.format(Locale.ROOT, "%.0f", Stats.of(classes).median())
              + " classes loaded at the first getUpdates, median (jstat -class)");

      // 2. Resident memory once start-up has settled.
      Thread.sleep(options.settle().toMillis());
      long idle = Memory.rss(child.pid()).orElseThrow();
      out("rss", "idle", mib(idle) + " MiB VmRSS after " + options.settle().toSeconds() + " s");
      if (options.startupOnly()) {
        stops.add(child.stop());
        child = null;
        return;
      }
      int providerBeforeLoad = sandbox.requests().size();
      long sendsBeforeLoad = wire.totalSends();

      Memory.Sampler sampler = Memory.sample(child.pid(), Duration.ofMillis(50));
      long loadStart = System.nanoTime();
      grant();

      // 3. Command latency with a warm cache: a warm-up round, then the measured one.
      List<Long> latencyChats = chats.subList(0, options.latencyChats());
      closedLoop(latencyChats, latencyChats.size() * Kind.values().length);
      Optional<CommandHistogram> before = CommandHistogram.scrape(child);
      List<Sample> samples = closedLoop(latencyChats, options.samples());
      Optional<CommandHistogram> after = CommandHistogram.scrape(child);
      reportLatency("latency", samples);
      CommandHistogram.report(before, after);
      Sample slowest = samples.stream().max(Comparator.comparingLong(Sample::nanos)).orElseThrow();
      long phaseStart =
          samples.stream().mapToLong(x -> x.sentNanos() - x.nanos()).min().orElseThrow();
      out(
          "latency",
          "slowest",
          slowest.kind().label
              + " in chat "
              + slowest.chat()
              + ", "
              + fmt(millis(slowest.nanos()))
              + " ms, enqueued "
              + fmt(millis(slowest.sentNanos() - slowest.nanos() - phaseStart))
              + " ms into the phase");
      long slow = samples.stream().filter(s -> s.nanos() >= 900_000_000L).count();
      out(
          "latency",
          "limiter",
          slow
              + " of "
              + samples.size()
              + " samples took >= 900 ms (a per-chat limiter wait); each chat waited "
              + CHAT_GAP.toMillis()
              + " ms after a reply before its next command");
      pause();

      // 4. Bursts: interleaved chats (as a backlog of many users), then each chat's commands in
      // a row (one user typing several), where a chat's 1-a-second slot shows.
      burst("burst", chats.subList(0, options.chats()), options.commands(), false);
      pause();
      burst(
          "burst-grouped",
          chats.subList(0, options.groupedChats()),
          options.groupedChats() * options.groupedPerChat(),
          true);

      long loadEnd = System.nanoTime();
      sampler.stop();
      int polls = wire.getUpdatesBetween(loadStart, loadEnd);
      double loadSeconds = (loadEnd - loadStart) / 1e9;
      out(
          "telegram",
          "polls",
          polls
              + " getUpdates during the load ("
              + String.format(Locale.ROOT, "%.1f", polls / loadSeconds)
              + " a second over "
              + String.format(Locale.ROOT, "%.0f", loadSeconds)
              + " s, pauses included)");
      out(
          "rss",
          "load-peak",
          mib(sampler.peak())
              + " MiB VmRSS, highest of "
              + sampler.count()
              + " samples every 50 ms while handling the load");
      Memory.hwm(child.pid())
          .ifPresent(
              h ->
                  out(
                      "rss",
                      "lifetime-peak",
                      mib(h) + " MiB VmHWM of the last launch, start-up included"));
      metrics(child);

      // 5. Provider requests.
      List<RecordedRequest> requests = sandbox.requests();
      long handled = wire.totalSends() - sendsBeforeLoad;
      out(
          "provider",
          "whole-run",
          requests.size()
              + " requests "
              + byOperation(requests)
              + " over "
              + options.launches()
              + " launches and the whole run");
      List<RecordedRequest> load = requests.subList(providerBeforeLoad, requests.size());
      out(
          "provider",
          "during-load",
          load.size()
              + " requests "
              + byOperation(load)
              + " while the bot sent "
              + handled
              + " messages; error 9 answers: "
              + requests.stream().filter(r -> Integer.valueOf(9).equals(r.errorCode())).count());
      out(
          "telegram",
          "429",
          telegram.violations()
              + " sends answered 429 by the fake Bot API"
              + " enforcing the limits (30/s overall, 1/s per chat), whole run");

      // 6. SIGTERM.
      Child last = child;
      child = null;
      stops.add(last.stop());
      for (int i = 0; i < stops.size(); i++) {
        Child.Stop s = stops.get(i);
        out(
            "shutdown",
            "launch " + (i + 1),
            fmt(s.millis())
                + " ms from SIGTERM to exit, code "
                + s.exitCode()
                + (s.killed() ? ", KILLED after 5 s" : ""));
      }
      out(
          "shutdown",
          "max",
          fmt(stops.stream().mapToDouble(Child.Stop::millis).max().orElse(0))
              + " ms; killed: "
              + stops.stream().filter(Child.Stop::killed).count());
      logSummary();
    } finally {
      timer.shutdownNow();
      if (child != null) {
        child.kill();
      }
    }
  }

  // ---------------------------------------------------------------- phases

  private Child launch(int n) throws IOException {
    Map<String, String> env =
        FakesEnvironment.of(
            telegram, sandbox, owners.stream().mapToLong(Long::longValue).toArray());
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    Path config = dir.resolve("senders-bot.yml");
    // An ephemeral port for health and metrics, so a bot on this machine does not collide.
    // English: the benchmark reads the grant replies (the bot ships speaking Russian).
    Files.writeString(config, "http:\n  port: 0\nui:\n  language: en\n");
    return Child.launch(options, env, config, dir.resolve("child-" + n + ".log"));
  }

  /** Owners grant every benchmark chat viewer with /allow, spread over the owners' chats. */
  private void grant() throws InterruptedException {
    long t0 = System.nanoTime();
    Map<Long, Integer> ownerReplies = new HashMap<>();
    for (long o : owners) {
      ownerReplies.put(o, wire.count(o));
    }
    for (int i = 0; i < chats.size(); i++) {
      long owner = owners.get(i % owners.size());
      telegram.enqueueText(owner, owner, "/allow " + chats.get(i) + " viewer");
      ownerReplies.merge(owner, 1, Integer::sum);
    }
    Duration limit = Duration.ofSeconds(60 + 2L * chats.size() / owners.size());
    wire.await(
        limit,
        "the grants",
        () ->
            chats.stream().allMatch(c -> wire.count(c) >= 1)
                && owners.stream().allMatch(o -> wire.count(o) >= ownerReplies.get(o)));
    for (long c : chats) {
      String text = wire.texts(c).get(0);
      if (!text.contains("may now use the bot")) {
        throw new IllegalStateException("chat " + c + " was not granted: " + text);
      }
    }
    out(
        "setup",
        "grants",
        chats.size()
            + " chats granted viewer by "
            + owners.size()
            + " owners in "
            + fmt(millis(System.nanoTime() - t0))
            + " ms");
    pause();
  }

  /**
   * Every chat sends a command, waits for its reply, waits {@link #CHAT_GAP}, sends the next, until
   * {@code total} replies came. Chats start staggered, so the bot sees a steady stream.
   */
  private List<Sample> closedLoop(List<Long> loopChats, int total) throws InterruptedException {
    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicInteger issued = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    Map<Long, Pending> pending = new ConcurrentHashMap<>();
    AtomicInteger turn = new AtomicInteger();
    Consumer<Long> issue =
        new Consumer<>() {
          @Override
          public void accept(Long chat) {
            if (issued.incrementAndGet() > total) {
              return;
            }
            Kind kind = Kind.values()[Math.floorMod(turn.getAndIncrement(), Kind.values().length)];
            String command = command(kind);
            int index = wire.count(chat);
            pending.put(chat, new Pending(kind, command, index, System.nanoTime()));
            telegram.enqueueText(chat, chat, command);
          }
        };
    BiConsumer<Long, Wire.Msg> onSend =
        (chat, msg) -> {
          Pending p = pending.get(chat);
          if (p == null || msg.index() != p.index()) {
            return;
          }
          pending.remove(chat);
          samples.add(
              new Sample(
                  p.kind(),
                  chat,
                  msg.nanos() - p.nanos(),
                  msg.nanos(),
                  p.kind().answers(p.command(), chat, msg.text()),
                  msg.text()));
          done.countDown();
          timer.schedule(() -> issue.accept(chat), CHAT_GAP.toMillis(), TimeUnit.MILLISECONDS);
        };
    wire.subscribe(onSend);
    try {
      long stagger = CHAT_GAP.toMillis() / loopChats.size();
      for (int i = 0; i < loopChats.size(); i++) {
        long chat = loopChats.get(i);
        timer.schedule(() -> issue.accept(chat), i * stagger, TimeUnit.MILLISECONDS);
      }
      long limit = 60 + 3L * total / loopChats.size();
      if (!done.await(limit, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "only " + samples.size() + " of " + total + " replies within " + limit + " s");
      }
    } finally {
      wire.unsubscribe(onSend);
    }
    checkAnswers(samples);
    return new ArrayList<>(samples);
  }

  /**
   * {@code total} commands from {@code burstChats} enqueued at once, as a backlog after downtime:
   * round-robin over the chats, or each chat's commands one after another ({@code grouped}).
   */
  private void burst(String key, List<Long> burstChats, int total, boolean grouped)
      throws InterruptedException {
    Map<Long, Integer> before = new HashMap<>();
    for (long c : burstChats) {
      before.put(c, wire.count(c));
    }
    int perChat = (total + burstChats.size() - 1) / burstChats.size();
    Map<Long, List<Pending>> commands = new HashMap<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long chat = grouped ? burstChats.get(i / perChat) : burstChats.get(i % burstChats.size());
      Kind kind = Kind.values()[i % Kind.values().length];
      String command = command(kind);
      List<Pending> list = commands.computeIfAbsent(chat, k -> new ArrayList<>());
      list.add(new Pending(kind, command, before.get(chat) + list.size(), System.nanoTime()));
      telegram.enqueueText(chat, chat, command);
    }
    Duration limit = Duration.ofSeconds(60 + 3L * total);
    wire.await(
        limit,
        key,
        () ->
            burstChats.stream()
                .allMatch(
                    c ->
                        wire.count(c)
                            >= before.get(c) + commands.getOrDefault(c, List.of()).size()));
    List<Sample> samples = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Map.Entry<Long, List<Pending>> e : commands.entrySet()) {
      List<Wire.Msg> msgs = wire.messages(e.getKey());
      for (Pending p : e.getValue()) {
        Wire.Msg m = msgs.get(p.index());
        times.add(m.nanos());
        samples.add(
            new Sample(
                p.kind(),
                e.getKey(),
                m.nanos() - p.nanos(),
                m.nanos(),
                p.kind().answers(p.command(), e.getKey(), m.text()),
                m.text()));
      }
    }
    checkAnswers(samples);
    times.sort(Comparator.naturalOrder());
    int n = times.size();
    int mostPerChat = commands.values().stream().mapToInt(List::size).max().orElse(0);
    double span = millis(times.get(n - 1) - times.get(0));
    double completion = millis(times.get(n - 1) - t0);
    // The limits let n replies, at most `mostPerChat` to one chat, go out within no less than
    // this: 30 in the first second, 30 in the next, ...; a chat's j-th at least j - 1 s after its
    // first. Counting each second of the limits' window, the best rate is n / (minSpan + 1 s):
    // 30/s for a large burst, one a second per chat for a few chats.
    double minSpan = 1000.0 * Math.max((n - 1) / OVERALL_PER_SECOND, mostPerChat - 1);
    double rate = n * 1000.0 / (span + 1000.0);
    double allowed = n * 1000.0 / (minSpan + 1000.0);
    out(
        key,
        "size",
        n
            + " commands from "
            + burstChats.size()
            + " chats ("
            + (grouped ? "each chat's " + perChat + " in a row" : "round-robin")
            + "), one reply each");
    out(
        key,
        "completion",
        fmt(completion)
            + " ms from enqueueing the first command to the last"
            + " reply; "
            + fmt(span)
            + " ms from the first reply to the last");
    out(
        key,
        "rate",
        String.format(
            Locale.ROOT,
            "%.1f msg/s (replies / (span + 1 s)); the limits"
                + " allow %.1f msg/s for this burst (30/s overall, 1/s per chat); busiest 1-s window at"
                + " the fake Bot API: %d (limit %d)",
            rate,
            allowed,
            peakPerSecond(times),
            OVERALL_PER_SECOND));
    out(key, "fraction-of-limits", String.format(Locale.ROOT, "%.2f", rate / allowed));
    reportLatency(key, samples);
    // What the limits alone impose on each reply, by the order the replies left in.
    List<Long> bounds = new ArrayList<>();
    Map<Long, Integer> nth = new HashMap<>();
    List<Sample> byTime = new ArrayList<>(samples);
    byTime.sort(Comparator.comparingLong(x -> x.sentNanos()));
    for (int k = 0; k < byTime.size(); k++) {
      int j = nth.merge(byTime.get(k).chat(), 1, Integer::sum);
      bounds.add(1_000_000_000L * Math.max(k / OVERALL_PER_SECOND, j - 1));
    }
    out(
        key,
        "limits-share",
        "the limits alone hold a reply back p50 "
            + fmt(Stats.ofNanos(bounds).median())
            + " ms of the p50 "
            + fmt(Stats.ofNanos(samples.stream().map(Sample::nanos).toList()).median())
            + " ms latency; the rest is the bot");
  }

  private void reportLatency(String key, List<Sample> samples) {
    Stats all = Stats.ofNanos(samples.stream().map(Sample::nanos).toList());
    out(key, "all", all.line() + " (enqueue to sendMessage at the fake Bot API)");
    for (Kind k : Kind.values()) {
      List<Long> ns = samples.stream().filter(s -> s.kind() == k).map(Sample::nanos).toList();
      if (!ns.isEmpty()) {
        out(key, k.label, Stats.ofNanos(ns).line());
      }
    }
  }

  private static void checkAnswers(List<Sample> samples) {
    List<Sample> wrong = samples.stream().filter(s -> !s.answered()).toList();
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(
          wrong.size()
              + " replies did not answer their command, e.g. "
              + wrong.get(0).kind().label
              + " in chat "
              + wrong.get(0).chat()
              + " answered: "
              + wrong.get(0).reply());
    }
  }

  private String command(Kind kind) {
    return switch (kind) {
      case SENDERS -> "/senders";
      case SENDER -> "/sender " + names.get(random.nextInt(names.size()));
      case ID -> "/id";
    };
  }

  /** The largest number of sends within any 1-second window. */
  private static int peakPerSecond(List<Long> sorted) {
    int best = 0;
    int from = 0;
    for (int i = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(from) >= 1_000_000_000L) {
        from++;
      }
      best = Math.max(best, i - from + 1);
    }
    return best;
  }

  /** Lets every chat's 1-a-second window pass before the next phase. */
  private static void pause() throws InterruptedException {
    Thread.sleep(CHAT_GAP.toMillis());
  }

  /** The bot's own view, from its /metrics: cache use and heap. */
  private void metrics(Child child) {
    Optional<String> address = child.logMatch(OPS_ADDRESS);
    if (address.isEmpty()) {
      out("metrics", "skipped", "no health and metrics address in the bot's log");
      return;
    }
    try {
      HttpClient client = HttpClient.newHttpClient();
      String body =
          client
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + address.get() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      out(
          "metrics",
          "cache",
          "hits "
              + fmt(metric(body, "sendersbot_cache_hits_total"))
              + ", misses "
              + fmt(metric(body, "sendersbot_cache_misses_total"))
              + ", updates handled "
              + fmt(metric(body, "sendersbot_updates_handled_total")));
      out(
          "metrics",
          "heap-used",
          mib((long) metric(body, "jvm_memory_used_bytes{area=\"heap\""))
              + " MiB after the load ("
              + String.join(" ", options.jvmArgs())
              + ")");
    } catch (IOException e) {
      out("metrics", "skipped", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The sum of the samples whose name (with labels) starts with {@code prefix}. */
  private static double metric(String body, String prefix) {
    return body.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private void logSummary() throws IOException {
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> problems =
            lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
        out(
            "child-log",
            log.getFileName().toString(),
            lines.size()
                + " lines, "
                + problems.size()
                + " WARN/ERROR"
                + (problems.isEmpty() ? "" : "; first: " + problems.get(0)));
      }
    }
  }

  /** The provider's limit: at most three identical list requests a minute (the reference). */
  private static final int PROVIDER_IDENTICAL_LISTS = 3;

  /**
   * Waits, when need be, until the provider would answer one more identical list: every launch's
   * start lists the names, and the fourth identical list within a minute is answered error 9 (as
   * the real provider does), which would leave the measured launch's cache cold and its {@code
   * /senders} answering "slow down" instead of the list.
   */
  private void awaitListBudget() throws InterruptedException {
    List<Instant> lists =
        sandbox.requests().stream()
            .filter(r -> r.operation().equals("get"))
            .map(RecordedRequest::time)
            .sorted(Comparator.reverseOrder())
            .toList();
    if (lists.size() < PROVIDER_IDENTICAL_LISTS) {
      return;
    }
    // One more is answered once the oldest of the last three is a minute old.
    Instant free = lists.get(PROVIDER_IDENTICAL_LISTS - 1).plusSeconds(61);
    long waitMillis = Duration.between(Instant.now(), free).toMillis();
    if (waitMillis > 0) {
      out(
          "setup",
          "provider",
          "waiting "
              + (waitMillis + 999) / 1000
              + " s before the last launch: the provider answers a fourth identical list within a"
              + " minute with error 9");
      Thread.sleep(waitMillis);
    }
  }

  private static String byOperation(List<RecordedRequest> requests) {
    return new TreeMap<>(
            requests.stream()
                .collect(Collectors.groupingBy(RecordedRequest::operation, Collectors.counting())))
        .toString();
  }

  // ---------------------------------------------------------------- output

  private static void out(String group, String key, String value) {
    System.out.println("BENCH: " + group + " | " + key + " | " + value);
    System.out.flush();
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmtList(List<Double> vs) {
    return vs.stream().map(BotProcessBenchmark::fmt).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---------------------------------------------------------------- parts

  /** The commands measured: all read-only, all answered from the warm cache. */
  enum Kind {
    SENDERS("/senders"),
    SENDER("/sender NAME"),
    ID("/id");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Whether a reply is this command's answer (so the figures time the real work). */
    boolean answers(String command, long chat, String text) {
      return switch (this) {
        case SENDERS -> text.contains("BULK");
        case SENDER ->
            text.contains(command.substring("/sender ".length())) && !text.contains("not among");
        case ID -> text.contains(Long.toString(chat));
      };
    }
  }

  private record Pending(Kind kind, String command, int index, long nanos) {}

  private record Sample(
      Kind kind, long chat, long nanos, long sentNanos, boolean answered, String reply) {}

  /** Percentiles by nearest rank. */
  record Stats(double[] sorted) {
    static Stats of(List<Double> values) {
      double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Stats(a);
    }

    static Stats ofNanos(List<Long> nanos) {
      return new Stats(nanos.stream().mapToDouble(BotProcessBenchmark::millis).sorted().toArray());
    }

    double at(double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
      return at(0.5);
    }

    String line() {
      return "p50 "
          + fmt(at(0.5))
          + " ms, p99 "
          + fmt(at(0.99))
          + " ms, max "
          + fmt(at(1.0))
          + " ms, n="
          + sorted.length;
    }
  }

  /**
   * Every Bot API request the bot makes, timed as the fake server receives it: getUpdates for
   * start-up, sendMessage per chat for latency and rates.
   */
  static final class Wire implements Consumer<FakeBotApi.Call> {
    record Msg(int index, long nanos, String text) {}

    private final List<Long> getUpdates = new ArrayList<>();
    private final Map<Long, List<Msg>> sends = new HashMap<>();
    private final List<BiConsumer<Long, Msg>> subscribers = new CopyOnWriteArrayList<>();
    private long total;

    @Override
    public void accept(FakeBotApi.Call call) {
      long now = System.nanoTime();
      String method = call.method().toLowerCase(Locale.ROOT);
      if (method.equals("getupdates")) {
        synchronized (this) {
          getUpdates.add(now);
          notifyAll();
        }
        return;
      }
      if (!method.equals("sendmessage") || call.number("chat_id") == null) {
        return;
      }
      long chat = call.number("chat_id");
      Msg msg;
      synchronized (this) {
        List<Msg> list = sends.computeIfAbsent(chat, k -> new ArrayList<>());
        String text = call.text("text");
        msg = new Msg(list.size(), now, text == null ? "" : text);
        list.add(msg);
        total++;
        notifyAll();
      }
      subscribers.forEach(s -> s.accept(chat, msg));
    }

    void subscribe(BiConsumer<Long, Msg> s) {
      subscribers.add(s);
    }

    void unsubscribe(BiConsumer<Long, Msg> s) {
      subscribers.remove(s);
    }

    /** getUpdates requests received between two System.nanoTime values. */
    synchronized int getUpdatesBetween(long from, long to) {
      return (int) getUpdates.stream().filter(t -> t >= from && t <= to).count();
    }

    synchronized int count(long chat) {
      return sends.getOrDefault(chat, List.of()).size();
    }

    synchronized long totalSends() {
      return total;
    }

    synchronized List<Msg> messages(long chat) {
      return List.copyOf(sends.getOrDefault(chat, List.of()));
    }

    synchronized List<String> texts(long chat) {
      return messages(chat).stream().map(Msg::text).toList();
    }

    /** The first getUpdates after {@code after} (System.nanoTime), while the child lives. */
    synchronized long awaitGetUpdates(long after, Duration limit, Child child)
        throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (true) {
        for (long t : getUpdates) {
          if (t > after) {
            return t;
          }
        }
        if (!child.alive()) {
          throw new IllegalStateException("the bot exited before polling: " + child.tail());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no getUpdates within " + limit + ": " + child.tail());
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 200_000_000L));
      }
    }

    interface Condition {
      boolean holds();
    }

    /** Waits for sends until {@code done} holds; {@code what} names it in the timeout error. */
    void await(Duration limit, String what, Condition done) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      synchronized (this) {
        while (!done.holds()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IllegalStateException("no end to " + what + " within " + limit);
          }
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 200_000_000L));
        }
      }
    }
  }

  /** The bot as a child process. */
  static final class Child {
    record Stop(double millis, int exitCode, boolean killed) {}

    private final Process process;
    private final long startedNanos;
    private final Path log;

    private Child(Process process, long startedNanos, Path log) {
      this.process = process;
      this.startedNanos = startedNanos;
      this.log = log;
    }

    static Child launch(Options o, Map<String, String> env, Path config, Path log)
        throws IOException {
      List<String> command = new ArrayList<>();
      command.add(o.java().toString());
      command.addAll(o.jvmArgs());
      command.addAll(List.of("-jar", o.jar().toString(), "run", "--config", config.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // Nothing from this shell (an SMSC_API_KEY, a LOG_LEVEL) may change what is measured.
      pb.environment().keySet().retainAll(Set.of("PATH", "HOME", "LANG", "TMPDIR"));
      pb.environment().putAll(env);
      // What the image's ENV sets for the JVM (MALLOC_ARENA_MAX), as docs/docker.md lists it.
      pb.environment().putAll(o.env());
      long t0 = System.nanoTime();
      Process p = pb.start();
      Child c = new Child(p, t0, log);
      // If this JVM is stopped half-way, the bot must not outlive it.
      Runtime.getRuntime().addShutdownHook(new Thread(c::kill, "bench-child-" + p.pid()));
      return c;
    }

    long pid() {
      return process.pid();
    }

    boolean alive() {
      return process.isAlive();
    }

    /** SIGTERM, as a service manager stops it; killed when not gone within 5 s. */
    Stop stop() throws InterruptedException {
      long t0 = System.nanoTime();
      process.destroy();
      boolean exited = process.waitFor(5, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return new Stop(
          millis(System.nanoTime() - t0), process.isAlive() ? -1 : process.exitValue(), !exited);
    }

    void kill() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }

    Optional<String> logMatch(Pattern p) {
      try {
        Matcher m = p.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Resident memory from /proc (Linux). */
  static final class Memory {
    static Optional<Long> rss(long pid) {
      return field(pid, "VmRSS:");
    }

    static Optional<Long> hwm(long pid) {
      return field(pid, "VmHWM:");
    }

    private static Optional<Long> field(long pid, String name) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith(name)) {
            String[] parts = line.substring(name.length()).trim().split("\\s+");
            return Optional.of(Long.parseLong(parts[0]) * 1024);
          }
        }
        return Optional.empty();
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    static Sampler sample(long pid, Duration every) {
      Sampler s = new Sampler(pid, every);
      s.thread.start();
      return s;
    }

    /** Reads VmRSS on its own thread and keeps the highest value. */
    static final class Sampler {
      private final AtomicLong peak = new AtomicLong();
      private final AtomicInteger count = new AtomicInteger();
      private final AtomicBoolean running = new AtomicBoolean(true);
      private final Thread thread;

      private Sampler(long pid, Duration every) {
        this.thread =
            new Thread(
                () -> {
                  while (running.get()) {
                    rss(pid)
                        .ifPresent(
                            v -> {
                              peak.accumulateAndGet(v, Math::max);
                              count.incrementAndGet();
                            });
                    try {
                      Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                },
                "bench-rss");
        thread.setDaemon(true);
      }

      void stop() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join();
      }

      long peak() {
        return peak.get();
      }

      int count() {
        return count.get();
      }
    }
  }

  /** What the figures were measured on. */
  static final class Machine {
    static String describe(Path java) {
      String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("?");
      String mem =
          firstValue(Path.of("/proc/meminfo"), "MemTotal")
              .map(
                  v -> {
                    long kb = Long.parseLong(v.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / (1024.0 * 1024.0));
                  })
              .orElse("?");
      String load =
          firstLine(Path.of("/proc/loadavg"))
              .map(l -> String.join(" ", Arrays.asList(l.split(" ")).subList(0, 3)))
              .orElse("?");
      return Runtime.getRuntime().availableProcessors()
          + " cores ("
          + cpu
          + "), load average "
          + load
          + " at the start, "
          + mem
          + " RAM, "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
          + ", bot JVM "
          + java
          + " ("
          + System.getProperty("java.vm.name")
          + " "
          + System.getProperty("java.runtime.version")
          + ")";
    }

    private static Optional<String> firstLine(Path file) {
      try {
        return Files.readAllLines(file).stream().findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    private static Optional<String> firstValue(Path file, String key) {
      try {
        return Files.readAllLines(file).stream()
            .filter(l -> l.startsWith(key))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  /** The flags. */
  record Options(
      int launches,
      int chats,
      int commands,
      int latencyChats,
      int samples,
      int names,
      int owners,
      Duration settle,
      int groupedChats,
      int groupedPerChat,
      Path jar,
      Path java,
      String xmx,
      List<String> jvmFlags,
      Map<String, String> env,
      boolean quick,
      boolean keep,
      boolean startupOnly) {

    Options {
      env = Map.copyOf(env);
      if (launches < 1
          || chats < 1
          || commands < 1
          || latencyChats < 1
          || samples < 1
          || names < 1
          || owners < 1
          || groupedChats < 1
          || groupedPerChat < 1) {
        throw new IllegalArgumentException("every count must be at least 1");
      }
      if (latencyChats > chats || groupedChats > chats) {
        throw new IllegalArgumentException(
            "--latency-chats and --grouped-chats must not exceed" + " --chats (" + chats + ")");
      }
    }

    static final String USAGE =
        String.join(
            "\n",
            "BotProcessBenchmark [flags]: the packaged bot as a child process; figures as BENCH: lines",
            "  --launches N        start-up launches, median reported (3; quick 2)",
            "  --chats N           chats of the burst, all granted viewer (100; quick 30)",
            "  --commands N        commands of the burst, round-robin over the chats (300; quick 90)",
            "  --latency-chats N   chats of the latency phase (20; quick 10)",
            "  --samples N         measured latency samples (300; quick 90)",
            "  --grouped-chats N   chats of the grouped burst (10; quick 5)",
            "  --grouped-per-chat N  commands per chat in a row in the grouped burst (3; quick 2)",
            "  --names N           sender names in the sandbox (200)",
            "  --owners N          owners granting the chats in parallel (10)",
            "  --settle SECONDS    wait before the idle memory reading (5; quick 3)",
            "  --jar PATH          the bot (target/senders-bot.jar)",
            "  --xmx SIZE          the bot's -Xmx (256m)",
            "  --jvm-flags A,B,..  the bot's JVM flags instead of -Xmx, comma-separated (e.g. the",
            "                      image's: -XX:SharedArchiveFile=app.jsa,-Xss256k,...); none: plain",
            "                      java -jar; \\, is a comma inside one flag",
            "  --env K=V,K=V       environment the image sets for the bot (docs/docker.md), e.g.",
            "                      MALLOC_ARENA_MAX=2; none by default",
            "  --quick             a run of about a minute",
            "  --startup-only      launches and idle memory only, no load",
            "  --keep              keep the temporary folder (database, the bot's logs)");

    /** Null when only help was asked for. */
    static Options parse(String[] args) {
      List<String> list = new ArrayList<>();
      for (String a : args) {
        // exec.args arrives as one string when quoted oddly: split it here too.
        list.addAll(Arrays.asList(a.trim().split("\\s+")));
      }
      list.removeIf(String::isEmpty);
      if (list.contains("--help") || list.contains("-h")) {
        System.out.println(USAGE);
        return null;
      }
      boolean quick = list.contains("--quick");
      Map<String, String> v = new HashMap<>();
      boolean keep = false;
      for (int i = 0; i < list.size(); i++) {
        String a = list.get(i);
        if (a.equals("--quick")) {
          continue;
        }
        if (a.equals("--keep")) {
          keep = true;
          continue;
        }
        if (a.equals("--startup-only")) {
          continue;
        }
        if (!a.startsWith("--") || i + 1 >= list.size()) {
          throw new IllegalArgumentException("unknown or incomplete flag '" + a + "'\n" + USAGE);
        }
        v.put(a.substring(2), list.get(++i));
      }
      Options o =
          new Options(
              number(v, "launches", quick ? 2 : 3),
              number(v, "chats", quick ? 30 : 100),
              number(v, "commands", quick ? 90 : 300),
              number(v, "latency-chats", quick ? 10 : 20),
              number(v, "samples", quick ? 90 : 300),
              number(v, "names", 200),
              number(v, "owners", 10),
              Duration.ofSeconds(number(v, "settle", quick ? 3 : 5)),
              number(v, "grouped-chats", quick ? 5 : 10),
              number(v, "grouped-per-chat", quick ? 2 : 3),
              Path.of(v.getOrDefault("jar", "target/senders-bot.jar")).toAbsolutePath(),
              Path.of(System.getProperty("java.home"), "bin", "java"),
              v.getOrDefault("xmx", "256m"),
              jvmFlags(v.get("jvm-flags")),
              environment(v.get("env")),
              quick,
              keep,
              list.contains("--startup-only"));
      v.keySet()
          .removeAll(
              Set.of(
                  "launches",
                  "chats",
                  "commands",
                  "latency-chats",
                  "samples",
                  "names",
                  "owners",
                  "settle",
                  "grouped-chats",
                  "grouped-per-chat",
                  "jar",
                  "xmx",
                  "jvm-flags",
                  "env"));
      if (!v.isEmpty()) {
        throw new IllegalArgumentException("unknown flags " + v.keySet() + "\n" + USAGE);
      }
      return o;
    }

    /** Null: the default {@code -Xmx}; empty: none at all. */
    private static List<String> jvmFlags(String s) {
      if (s == null) {
        return null;
      }
      if (s.equals("none")) {
        return List.of();
      }
      // "\," keeps a comma inside one flag (-XX:StartFlightRecording:settings=profile\,filename=…).
      return Arrays.stream(s.split("(?<!\\\\),"))
          .map(f -> f.replace("\\,", ",").strip())
          .filter(f -> !f.isEmpty())
          .toList();
    }

    /** {@code --env NAME=VALUE,NAME=VALUE}: what the image's {@code ENV} gives the JVM. */
    private static Map<String, String> environment(String s) {
      Map<String, String> env = new java.util.LinkedHashMap<>();
      if (s == null || s.equals("none")) {
        return env;
      }
      for (String pair : s.split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--env takes NAME=VALUE pairs, not '" + pair + "'");
        }
        env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return env;
    }

    /** The flags the bot's JVM starts with. */
    List<String> jvmArgs() {
      return jvmFlags == null ? List.of("-Xmx" + xmx) : jvmFlags;
    }

    private static int number(Map<String, String> v, String key, int fallback) {
      String s = v.get(key);
      if (s == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + key + " takes a number, not '" + s + "'");
      }
    }

    String describe() {
      return (quick ? "--quick " : "")
          + (startupOnly ? "--startup-only " : "")
          + "launches="
          + launches
          + " chats="
          + chats
          + " commands="
          + commands
          + " latency-chats="
          + latencyChats
          + " samples="
          + samples
          + " grouped="
          + groupedChats
          + "x"
          + groupedPerChat
          + " names="
          + names
          + " owners="
          + owners
          + " settle="
          + settle.toSeconds()
          + "s jvm="
          + (jvmArgs().isEmpty() ? "(no flags)" : String.join(" ", jvmArgs()))
          + (env.isEmpty() ? "" : " env=" + env)
          + " jar="
          + jar;
    }
  }
}
