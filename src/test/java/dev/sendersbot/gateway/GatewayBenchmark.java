package dev.sendersbot.gateway;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.testing.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The gateway against the naive client, in one run, each against its own SMSC sandbox on 127.0.0.1:
 * 50 chats send 1,000 list commands ({@code /senders}, some of them the refresh button) and 20
 * creations at random moments over 60 seconds, through the real HTTP client.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sendersbot.gateway.GatewayBenchmark [-Dexec.args="--duration 10s"]
 * </pre>
 *
 * Flags: {@code --duration 60s}, {@code --chats 50}, {@code --lists 1000}, {@code --creations 20},
 * {@code --seed 1}. The two runs go one after the other (so they do not share the CPU), each for
 * the whole duration, with the same plan of commands.
 */
public final class GatewayBenchmark {

  private record Options(Duration duration, int chats, int lists, int creations, long seed) {}

  /** One command of one chat, at an offset from the start. */
  private record Command(
      long atNanos, boolean creation, boolean refresh, String user, String name, int chat) {}

  private enum Outcome {
    FRESH,
    STALE,
    CREATED,
    REFUSED,
    PROVIDER_ERROR,
    TRANSPORT_ERROR
  }

  private record Done(Command command, Outcome outcome, long nanos, Integer errorCode) {}

  private record Result(
      String name,
      long providerRequests,
      long listRequests,
      long createRequests,
      long error9,
      long error4,
      int maxIdenticalListsPerMinute,
      Map<Outcome, Integer> outcomes,
      long[] listNanos,
      long[] createNanos) {}

  private GatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    System.out.printf(
        Locale.ROOT,
        "%d chats, %d list commands and %d creations over %d s, each client against its own"
            + " SMSC sandbox on 127.0.0.1%n",
        o.chats(),
        o.lists(),
        o.creations(),
        o.duration().toSeconds());
    List<List<Command>> plan = plan(o);
    Config.Gateway budgets = new Config.Gateway(2, 4, 4, Duration.ofSeconds(5));
    Config.Cache cache = new Config.Cache(Duration.ofSeconds(60));
    System.out.printf(
        Locale.ROOT, "gateway: %s, list-ttl %d s%n", budgets, cache.listTtl().toSeconds());

    warmUp();
    Result gateway =
        run(
            "gateway",
            o,
            plan,
            api -> CachingGateway.create(api, TestSettings.gateway(budgets, cache.listTtl())));
    Result naive = run("naive", o, plan, api -> new DirectGateway(api, Clock.systemUTC()));

    print(gateway, naive);
  }

  private static Result run(
      String name, Options o, List<List<Command>> plan, Function<SendersApi, SendersGateway> make)
      throws InterruptedException {
    System.out.printf(Locale.ROOT, "running %s for %d s ...%n", name, o.duration().toSeconds());
    OkHttpClient http = new OkHttpClient();
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults())) {
      seed(sandbox);
      SendersApi api =
          SmscClients.http(
              new SmscSettings(
                  sandbox.baseUrl(),
                  Credentials.password(sandbox.login(), sandbox.password()),
                  Duration.ofSeconds(20)),
              http);
      SendersGateway gateway = make.apply(api);
      sandbox.clearRequests();

      ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
      CountDownLatch finished = new CountDownLatch(plan.size());
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      for (int i = 0; i < plan.size(); i++) {
        List<Command> commands = plan.get(i);
        Thread chat =
            new Thread(
                () -> {
                  try {
                    for (Command c : commands) {
                      long delay = start + c.atNanos() - System.nanoTime();
                      if (delay > 0) {
                        TimeUnit.NANOSECONDS.sleep(delay);
                      }
                      done.add(execute(gateway, c));
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    finished.countDown();
                  }
                },
                name + "-chat-" + i);
        chat.setDaemon(true);
        chat.start();
      }
      if (!finished.await(o.duration().toSeconds() + 120, TimeUnit.SECONDS)) {
        System.out.println("  some chats did not finish in time");
      }
      return result(name, sandbox.requests(), new ArrayList<>(done));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * The client's classes loaded and compiled before either run, against a sandbox of its own: the
   * gateway runs first, and without this its first lists (and every list joining them) carried the
   * JVM's start, which the naive run after it did not.
   */
  private static void warmUp() {
    OkHttpClient http = new OkHttpClient();
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults())) {
      seed(sandbox);
      SendersApi api =
          SmscClients.http(
              new SmscSettings(
                  sandbox.baseUrl(),
                  Credentials.password(sandbox.login(), sandbox.password()),
                  Duration.ofSeconds(20)),
              http);
      SendersGateway direct = new DirectGateway(api, Clock.systemUTC());
      for (int i = 0; i < 200; i++) {
        try {
          direct.list(ListQuery.full(null));
        } catch (SmscError e) {
          // error 9 after the third identical list: the parse of the error is warmed up too
        }
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static Done execute(SendersGateway gateway, Command c) {
    long t0 = System.nanoTime();
    Outcome outcome;
    Integer code = null;
    try {
      if (c.creation()) {
        gateway.add(AddRequest.of(c.name(), "benchmark", c.user()));
        outcome = Outcome.CREATED;
      } else {
        ListQuery q = ListQuery.full(c.user());
        Answer<?> a = c.refresh() ? gateway.refresh(q, Caller.chat(c.chat())) : gateway.list(q);
        outcome = a.stale() ? Outcome.STALE : Outcome.FRESH;
      }
    } catch (GatewayRefusal r) {
      outcome = Outcome.REFUSED;
    } catch (SmscError e) {
      outcome = Outcome.PROVIDER_ERROR;
      code = e.rawCode();
    } catch (SmscTransportException e) {
      outcome = Outcome.TRANSPORT_ERROR;
    }
    return new Done(c, outcome, System.nanoTime() - t0, code);
  }

  /** Account names and two sub-clients' names, so the lists have something to carry. */
  private static void seed(SmscSandbox sandbox) {
    for (int i = 0; i < 40; i++) {
      sandbox.seed(
          String.format(Locale.ROOT, "SHOP%03d", i), null, "seeded", 1, Map.of("mts_step", 2));
    }
    for (String user : List.of("team-a", "team-b")) {
      for (int i = 0; i < 10; i++) {
        sandbox.seed(
            String.format(Locale.ROOT, "TEAM%03d", i), user, "seeded", 1, Map.of("mts_step", 2));
      }
    }
  }

  /**
   * Chats are bound to the account (most) or to one of two sub-clients; list commands fall at
   * random moments, one in ten is the refresh button; creations go to random chats.
   */
  private static List<List<Command>> plan(Options o) {
    Random random = new Random(o.seed());
    long span = o.duration().toNanos();
    List<List<Command>> chats = new ArrayList<>();
    for (int i = 0; i < o.chats(); i++) {
      chats.add(new ArrayList<>());
    }
    for (int n = 0; n < o.lists(); n++) {
      int chat = n % o.chats();
      chats
          .get(chat)
          .add(
              new Command(
                  (long) (random.nextDouble() * span),
                  false,
                  random.nextInt(10) == 0,
                  userOf(chat),
                  null,
                  chat));
    }
    for (int n = 0; n < o.creations(); n++) {
      int chat = random.nextInt(o.chats());
      chats
          .get(chat)
          .add(
              new Command(
                  (long) (random.nextDouble() * span),
                  true,
                  false,
                  userOf(chat),
                  String.format(Locale.ROOT, "BENCH%03d", n),
                  chat));
    }
    chats.forEach(c -> c.sort(Comparator.comparingLong(Command::atNanos)));
    return chats;
  }

  private static String userOf(int chat) {
    return switch (chat % 10) {
      case 0 -> "team-a";
      case 5 -> "team-b";
      default -> null;
    };
  }

  private static Result result(String name, List<RecordedRequest> requests, List<Done> done) {
    long lists = requests.stream().filter(r -> r.operation().equals("get")).count();
    long creates = requests.stream().filter(r -> r.operation().equals("add")).count();
    long error9 = requests.stream().filter(r -> Integer.valueOf(9).equals(r.errorCode())).count();
    long error4 = requests.stream().filter(r -> Integer.valueOf(4).equals(r.errorCode())).count();
    Map<Outcome, Integer> outcomes = new HashMap<>();
    for (Done d : done) {
      outcomes.merge(d.outcome(), 1, Integer::sum);
    }
    long[] listNanos =
        done.stream()
            .filter(d -> !d.command().creation())
            .mapToLong(Done::nanos)
            .sorted()
            .toArray();
    long[] createNanos =
        done.stream().filter(d -> d.command().creation()).mapToLong(Done::nanos).sorted().toArray();
    return new Result(
        name,
        requests.size(),
        lists,
        creates,
        error9,
        error4,
        maxIdenticalListsPerMinute(requests),
        outcomes,
        listNanos,
        createNanos);
  }

  /** The most list requests with the same parameters within any 60 s, by the sandbox's clock. */
  private static int maxIdenticalListsPerMinute(List<RecordedRequest> requests) {
    Map<String, List<Instant>> byQuery = new HashMap<>();
    for (RecordedRequest r : requests) {
      if (r.operation().equals("get")) {
        Map<String, String> p = new HashMap<>(r.params());
        p.keySet().removeAll(List.of("login", "psw", "apikey", "fmt", "charset"));
        byQuery
            .computeIfAbsent(new java.util.TreeMap<>(p).toString(), k -> new ArrayList<>())
            .add(r.time());
      }
    }
    int max = 0;
    for (List<Instant> times : byQuery.values()) {
      Collections.sort(times);
      int from = 0;
      for (int to = 0; to < times.size(); to++) {
        while (Duration.between(times.get(from), times.get(to)).compareTo(Duration.ofSeconds(60))
            > 0) {
          from++;
        }
        max = Math.max(max, to - from + 1);
      }
    }
    return max;
  }

  private static void print(Result g, Result n) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "", g.name(), n.name());
    row("provider requests", g.providerRequests(), n.providerRequests());
    row("  list requests", g.listRequests(), n.listRequests());
    row("  creation requests", g.createRequests(), n.createRequests());
    row("error 9 answers", g.error9(), n.error9());
    row("error 4 answers", g.error4(), n.error4());
    row(
        "most identical lists in any 60 s",
        g.maxIdenticalListsPerMinute(),
        n.maxIdenticalListsPerMinute());
    System.out.printf(
        Locale.ROOT,
        "%-44s %12s %12s%n",
        "list command latency p50 / p99 (ms)",
        latency(g.listNanos()),
        latency(n.listNanos()));
    System.out.printf(
        Locale.ROOT,
        "%-44s %12s %12s%n",
        "creation latency p50 / p99 (ms)",
        latency(g.createNanos()),
        latency(n.createNanos()));
    for (Outcome o : Outcome.values()) {
      row(
          "commands " + o.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          g.outcomes().getOrDefault(o, 0),
          n.outcomes().getOrDefault(o, 0));
    }
    System.out.printf(
        Locale.ROOT,
        "%nratio naive/gateway of provider requests: %.1f%n",
        (double) n.providerRequests() / Math.max(1, g.providerRequests()));
  }

  private static void row(String label, long gateway, long naive) {
    System.out.printf(Locale.ROOT, "%-44s %12d %12d%n", label, gateway, naive);
  }

  private static String latency(long[] sortedNanos) {
    if (sortedNanos.length == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.1f / %.1f",
        percentile(sortedNanos, 50) / 1e6,
        percentile(sortedNanos, 99) / 1e6);
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static Options parse(String[] args) {
    Duration duration = Duration.ofSeconds(60);
    int chats = 50;
    int lists = 1000;
    int creations = 20;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value =
          flag.contains("=")
              ? flag.substring(flag.indexOf('=') + 1)
              : i + 1 < args.length ? args[++i] : null;
      if (value == null) {
        throw new IllegalArgumentException("flag needs a value: " + flag);
      }
      switch (flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag) {
        case "--duration" -> duration = duration(value);
        case "--chats" -> chats = Integer.parseInt(value);
        case "--lists" -> lists = Integer.parseInt(value);
        case "--creations" -> creations = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default ->
            throw new IllegalArgumentException(
                "unknown flag " + flag + "; use --duration, --chats, --lists, --creations, --seed");
      }
    }
    if (chats < 1 || lists < 0 || creations < 0 || creations > 999 || duration.isZero()) {
      throw new IllegalArgumentException("chats >= 1, lists >= 0, creations 0..999, duration > 0");
    }
    return new Options(duration, chats, lists, creations, seed);
  }

  private static Duration duration(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    if (v.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    if (v.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(v));
  }
}
