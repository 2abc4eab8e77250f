package dev.sendersbot.watch;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Issue 11's figure: chats pressing 🔄 on the sender list every few seconds for minutes while
 * statuses change in the SMSC sandbox (one in each {@code --change-every}, at a random moment of
 * it). Does every change still reach the chats within {@code watch.interval} + 5 s, with no alert
 * to the owners and no error 9?
 *
 * <p>The bot's own parts run as {@code run} wires them (the chat core, the caching gateway with the
 * watcher's share, the real HTTP client, the SMSC sandbox on 127.0.0.1, SQLite, the watcher's
 * poller and dispatcher) on one virtual clock, which the timeline below moves: a press, a poll (one
 * interval after the previous poll ended, as the watcher's schedule does), a drain of the outbox
 * right after it, a status change. A wait for budget moves the clock. Telegram is a recording
 * messenger: a notification counts as delivered when the dispatcher hands it over.
 *
 * <p>The storm begins one interval before the watcher's periodic full list is due (the very
 * question the button asks), or with {@code --restart} right after a restart (the first poll of a
 * process reads the full list). It runs for {@code --minutes}; polling goes on one interval and 10
 * s longer, so that the last changes are read. Not a test: run it by hand, for example
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.sendersbot.watch.RefreshStormBenchmark
 * </pre>
 *
 * <p>Flags: {@code --chats 3 --press-every 2s --minutes 5 --change-every 15s --names 200 --interval
 * 60s --lists-per-minute 2 --seed 1 --restart}. Every figure is a line starting with {@code
 * BENCH:}.
 */
public final class RefreshStormBenchmark {
  static final Duration SLACK = Duration.ofSeconds(5);

  private RefreshStormBenchmark() {}

  record Options(
      int chats,
      Duration pressEvery,
      int minutes,
      Duration changeEvery,
      int names,
      Duration interval,
      int listsPerMinute,
      boolean restart,
      long seed) {}

  private enum What {
    PRESS,
    POLL,
    CHANGE
  }

  private record Event(Instant at, long seq, What what, int index) {}

  private record Change(String name, Instant at) {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Path dir = Files.createTempDirectory("refresh-storm");
    long started = System.nanoTime();
    try (StormRig rig =
        new StormRig(
            dir,
            new Config.Gateway(o.listsPerMinute(), 4, 4, Duration.ofSeconds(5)),
            o.interval())) {
      run(o, rig, started);
    } finally {
      delete(dir);
    }
  }

  private static void run(Options o, StormRig rig, long started) {
    List<Long> ids = rig.sandbox.bulkSeed(o.names());
    List<String> names = new ArrayList<>();
    for (long id : ids) {
      rig.sandbox.name(id).filter(n -> n.moderation() == 1).ifPresent(n -> names.add(n.name()));
    }
    List<Long> chats = new ArrayList<>();
    for (int c = 0; c < o.chats(); c++) {
      chats.add(-1_000_000_001L - c);
      rig.viewerGroup(chats.get(c));
    }
    if (rig.poll().outcome() != Poller.Outcome.BASELINE) {
      throw new IllegalStateException("the baseline poll failed");
    }
    rig.pollUntilTheNextPollIsFull();
    List<ChatScreen.Shown> lists = new ArrayList<>();
    for (long chat : chats) {
      ChatScreen.Shown list = rig.say(chat, "/senders");
      if (!list.text().contains("Sender names")) {
        throw new IllegalStateException("/senders did not answer with the list: " + list.text());
      }
      lists.add(list);
    }
    if (o.restart()) {
      rig.clock.advance(o.interval());
      rig.restart();
    }
    long requestsBefore = rig.sandbox.requests().size();
    Instant start = rig.clock.instant();
    Instant stormEnd = start.plus(Duration.ofMinutes(o.minutes()));
    Instant end = stormEnd.plus(o.interval()).plusSeconds(10);

    PriorityQueue<Event> timeline =
        new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    long seq = 0;
    for (int c = 0; c < o.chats(); c++) {
      // The chats press out of step with each other, as people do.
      Duration offset = o.pressEvery().multipliedBy(c).dividedBy(o.chats());
      for (Instant t = start.plus(offset); t.isBefore(stormEnd); t = t.plus(o.pressEvery())) {
        timeline.add(new Event(t, seq++, What.PRESS, c));
      }
    }
    // One change in each period, at a random moment of it: against polls every interval, the
    // changes fall at every phase of the poll cycle.
    Random random = new Random(o.seed());
    int k = 0;
    for (Instant t = start; t.isBefore(stormEnd); t = t.plus(o.changeEvery())) {
      Instant at = t.plusMillis(random.nextInt((int) o.changeEvery().toMillis()));
      if (at.isBefore(stormEnd)) {
        timeline.add(new Event(at, seq++, What.CHANGE, k++));
      }
    }
    timeline.add(
        new Event(
            o.restart() ? start.plusSeconds(1) : start.plus(o.interval()), seq++, What.POLL, 0));

    List<Change> changes = new ArrayList<>();
    Map<String, Integer> toasts = new TreeMap<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Instant> pollTimes = new ArrayList<>();
    int presses = 0;
    while (!timeline.isEmpty()) {
      Event e = timeline.poll();
      if (e.at().isAfter(end)) {
        break;
      }
      rig.moveTo(e.at());
      switch (e.what()) {
        case PRESS -> {
          presses++;
          toasts.merge(kind(rig.press(lists.get(e.index()), "🔄")), 1, Integer::sum);
        }
        case CHANGE -> {
          // Distinct names, so that each change is one notification per chat.
          String name = names.get((e.index() * 37) % names.size());
          rig.sandbox.setOperatorStatus(name, null, "mts_step", e.index() % 2 == 0 ? 3 : 8);
          changes.add(new Change(name, rig.clock.instant()));
        }
        case POLL -> {
          pollTimes.add(rig.clock.instant());
          Poller.Result r = rig.poll();
          outcomes.merge(r.outcome().name(), 1, Integer::sum);
          rig.drain();
          timeline.add(new Event(rig.clock.instant().plus(o.interval()), seq++, What.POLL, 0));
        }
        default -> throw new IllegalStateException();
      }
    }

    List<Duration> delays = new ArrayList<>();
    int missing = 0;
    for (Change ch : changes) {
      Pattern word = Pattern.compile("\\b" + Pattern.quote(ch.name()) + "\\b");
      for (long chat : chats) {
        Duration d =
            rig.notified(chat).stream()
                .filter(n -> !n.at().isBefore(ch.at()) && word.matcher(n.text()).find())
                .map(n -> Duration.between(ch.at(), n.at()))
                .findFirst()
                .orElse(null);
        if (d == null) {
          missing++;
        } else {
          delays.add(d);
        }
      }
    }
    delays.sort(null);
    List<RecordedRequest> all = rig.sandbox.requests();
    List<RecordedRequest> during = all.subList((int) requestsBefore, all.size());
    long errorNine =
        during.stream().filter(r -> r.errorCode() != null && r.errorCode() == 9).count();
    long listRequests = during.stream().filter(r -> r.operation().equals("get")).count();
    Duration maxGap = Duration.ZERO;
    for (int i = 1; i < pollTimes.size(); i++) {
      Duration gap = Duration.between(pollTimes.get(i - 1), pollTimes.get(i));
      maxGap = gap.compareTo(maxGap) > 0 ? gap : maxGap;
    }
    Duration limit = o.interval().plus(SLACK);
    Duration worst = delays.isEmpty() ? Duration.ZERO : delays.get(delays.size() - 1);
    List<StormRig.Notified> toOwner = rig.notified(StormRig.OWNER);
    long alerts = toOwner.stream().filter(n -> n.text().contains("cannot check")).count();

    System.out.printf(
        Locale.ROOT,
        "refresh storm: %d chats pressing 🔄 every %s for %d min%s;"
            + " %d status changes (one every %s) among %d names; watch.interval %s,"
            + " gateway.lists-per-minute %d; virtual clock, SMSC sandbox over HTTP%n",
        o.chats(),
        secs(o.pressEvery()),
        o.minutes(),
        o.restart() ? " right after a restart" : " across the watcher's periodic full list",
        changes.size(),
        secs(o.changeEvery()),
        o.names(),
        secs(o.interval()),
        o.listsPerMinute());
    System.out.printf(
        Locale.ROOT,
        "BENCH: notification delay: max %s, p50 %s over %d"
            + " notifications (%d changes x %d chats), %d never notified; limit"
            + " watch.interval + 5 s = %s: %s%n",
        secs(worst),
        delays.isEmpty() ? "-" : secs(delays.get(delays.size() / 2)),
        delays.size(),
        changes.size(),
        o.chats(),
        missing,
        secs(limit),
        missing == 0 && worst.compareTo(limit) <= 0 ? "within" : "EXCEEDED");
    System.out.printf(
        Locale.ROOT,
        "BENCH: false alerts to the owners: %d (messages to the owners" + " in all: %d)%n",
        alerts,
        toOwner.size());
    System.out.printf(Locale.ROOT, "BENCH: error 9 answers from the provider: %d%n", errorNine);
    System.out.printf(
        Locale.ROOT,
        "BENCH: watcher polls: %d %s; longest gap between polls %s%n",
        pollTimes.size(),
        outcomes,
        secs(maxGap));
    System.out.printf(Locale.ROOT, "BENCH: 🔄 presses: %d; answers %s%n", presses, toasts);
    System.out.printf(
        Locale.ROOT,
        "BENCH: list requests to the provider: %d (%.1f a minute);"
            + " most identical lists in any 60 s: %d%n",
        listRequests,
        listRequests / (Duration.between(start, end).toSeconds() / 60.0),
        maxIdenticalPerMinute(during));
    System.out.printf(
        Locale.ROOT,
        "BENCH: wall time %.1f s for %s of virtual time%n",
        (System.nanoTime() - started) / 1e9,
        secs(Duration.between(start, end)));
  }

  /** A toast by what it says: fresh, held by the chat's interval, the chats' share, or trouble. */
  private static String kind(String toast) {
    if (toast == null) {
      return "none";
    }
    if (toast.startsWith("Refreshed")) {
      return "fresh";
    }
    if (toast.startsWith("This chat refreshed")) {
      return "cached: this chat refreshed recently";
    }
    if (toast.contains("status watcher")) {
      return "cached: chats' share spent";
    }
    return "cached: " + toast.replaceAll("[0-9]+ (s|min)", "N $1");
  }

  /** The most list requests with the same parameters in any 60 s (ends included). */
  static int maxIdenticalPerMinute(List<RecordedRequest> log) {
    Map<String, List<Instant>> byQuery = new HashMap<>();
    for (RecordedRequest r : log) {
      if (r.operation().equals("get")) {
        Map<String, String> p = new TreeMap<>(r.params());
        p.keySet().removeAll(List.of("login", "psw", "apikey"));
        byQuery.computeIfAbsent(p.toString(), x -> new ArrayList<>()).add(r.time());
      }
    }
    int max = 0;
    for (List<Instant> times : byQuery.values()) {
      times.sort(null);
      int from = 0;
      for (int to = 0; to < times.size(); to++) {
        while (Duration.between(times.get(from), times.get(to)).toSeconds() > 60) {
          from++;
        }
        max = Math.max(max, to - from + 1);
      }
    }
    return max;
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static Options parse(String[] args) {
    Map<String, String> v = new HashMap<>();
    boolean restart = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--restart")) {
        restart = true;
      } else if (a.equals("--help")) {
        System.out.println(
            "flags: --chats 3 --press-every 2s --minutes 5 --change-every 15s"
                + " --names 200 --interval 60s --lists-per-minute 2 --seed 1 --restart");
        System.exit(0);
      } else if (a.startsWith("--") && i + 1 < args.length) {
        v.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument: " + a);
      }
    }
    Options o =
        new Options(
            Integer.parseInt(v.getOrDefault("chats", "3")),
            seconds(v.getOrDefault("press-every", "2s")),
            Integer.parseInt(v.getOrDefault("minutes", "5")),
            seconds(v.getOrDefault("change-every", "15s")),
            Integer.parseInt(v.getOrDefault("names", "200")),
            seconds(v.getOrDefault("interval", "60s")),
            Integer.parseInt(v.getOrDefault("lists-per-minute", "2")),
            restart,
            Long.parseLong(v.getOrDefault("seed", "1")));
    v.keySet()
        .removeAll(
            List.of(
                "chats",
                "press-every",
                "minutes",
                "change-every",
                "names",
                "interval",
                "lists-per-minute",
                "seed"));
    if (!v.isEmpty()) {
      throw new IllegalArgumentException("unknown flags: " + v.keySet());
    }
    return o;
  }

  private static Duration seconds(String s) {
    if (!s.endsWith("s")) {
      throw new IllegalArgumentException("give seconds, as 2s: " + s);
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
