package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.TestSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Prints figures for the watcher at scale: an account of 15,000 names in the SMSC sandbox, 1,000 of
 * them changing at once, 20 subscribed group chats, a fake Bot API that enforces Telegram's limits.
 * Not a test: run it by hand, for example
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.sendersbot.watch.WatchBenchmark
 * </pre>
 *
 * <p>It measures one poll + diff (wall time, bytes allocated on the polling thread, heap retained
 * and peak) for the usual list of recent changes and for the worst case, a full list; the outbox
 * rows written; the number of Telegram messages; the time until the last was accepted; and the
 * least time Telegram's limits (1 message a second per chat, 20 a minute per group, 30 a second in
 * all) allow for those messages.
 */
public final class WatchBenchmark {
  static final int NAMES = 15_000;
  static final int CHANGING = 1_000;
  static final int CHATS = 20;
  static final long OWNER = 111;

  private WatchBenchmark() {}

  record Measured(Poller.Result result, long nanos, long allocated, long retained, long peak) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("watch-benchmark");
    OkHttpClient http = new OkHttpClient();
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults());
        FakeBotApi api = FakeBotApi.start()) {
      api.enforceLimits();
      List<Long> ids = sandbox.bulkSeed(NAMES);
      SendersApi smsc =
          SmscClients.http(
              new SmscSettings(
                  sandbox.baseUrl(),
                  Credentials.password(sandbox.login(), sandbox.password()),
                  Duration.ofSeconds(30)),
              http);
      CachingGateway gateway =
          CachingGateway.create(
              smsc,
              TestSettings.gateway(
                  new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60)));
      TelegramSettings telegram = new TelegramSettings(api.token(), api.apiUrl());
      Clock clock = Clock.systemUTC();
      Path file = dir.resolve("bench.db");
      try (TelegramMessenger messenger = new TelegramMessenger(telegram, http);
          Database db = Database.open(file)) {
        SqliteChatRegistry chats = new SqliteChatRegistry(db);
        Watcher watcher =
            Watcher.builder(
                    db,
                    gateway,
                    chats,
                    new SqliteButtonActions(db, clock),
                    messenger,
                    Set.of(OWNER),
                    Duration.ofSeconds(60),
                    clock)
                .build();
        for (int c = 0; c < CHATS; c++) {
          long chatId = -1_000_000_001L - c;
          chats.grant(
              new ChatGrant(chatId, Role.VIEWER, null, "team " + c, OWNER, clock.instant()));
          watcher.subscriptions().subscribe(chatId, null, Set.of());
        }

        Measured baseline = measure(() -> watcher.poller().pollOnce());
        int actionable = 0;
        for (int i = 0; i < CHANGING; i++) {
          int code = i % 5 == 0 ? new int[] {3, 4, 5, 8}[(i / 5) % 4] : 1;
          actionable += code == 1 ? 0 : 1;
          sandbox.setOperatorStatus(ids.get(i * (NAMES / CHANGING)), "mts_step", code);
        }
        Path copy = dir.resolve("full.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            Statement s = c.createStatement()) {
          s.execute("VACUUM INTO '" + copy + "'");
        }

        Measured recent = measure(() -> watcher.poller().pollOnce());
        Measured full;
        try (Database other = Database.open(copy)) {
          SqliteChatRegistry otherChats = new SqliteChatRegistry(other);
          Poller fresh =
              new Poller(
                  new WatchStore(other),
                  gateway,
                  otherChats,
                  Set.of(OWNER),
                  clock,
                  Duration.ofSeconds(60),
                  () -> {});
          full = measure(fresh::pollOnce);
        }

        // The watcher's own share of a full poll: reading the snapshot and diffing 15,000 names,
        // without the HTTP request and JSON parsing (the gateway serves its cached list).
        List<dev.sendersbot.smsc.Sender> cached =
            gateway
                .list(new dev.sendersbot.smsc.ListQuery(true, true, null, null, Poller.PAGE, null))
                .value();
        Measured diffOnly =
            measure(
                () -> {
                  Map<String, NameState> before =
                      db.read(c -> WatchStore.load(c, WatchStore.ACCOUNT));
                  Diff.Result d = Diff.of(before, cached, true);
                  return new Poller.Result(
                      Poller.Outcome.POLLED, d.changes().size(), 0, Set.of(), null);
                });

        // And the client's share: one request for the whole list, parsed (no cache, no diff).
        Measured listOnly =
            measure(
                () -> {
                  int n =
                      smsc.list(
                              new dev.sendersbot.smsc.ListQuery(
                                  true, true, null, null, Poller.PAGE, null))
                          .size();
                  return new Poller.Result(Poller.Outcome.POLLED, 0, n, Set.of(), null);
                });

        long depth = watcher.status().outboxDepth();
        long start = System.nanoTime();
        int sent = watcher.dispatcher().drainOnce();
        double drainSeconds = (System.nanoTime() - start) / 1e9;

        Map<Long, Integer> perChat = new HashMap<>();
        api.sent().forEach(m -> perChat.merge(m.chatId(), 1, Integer::sum));
        double minimum = minimumSeconds(new ArrayList<>(perChat.values()));

        System.out.printf(
            "watch benchmark: %,d names, %,d changing (%d actionable), %d group"
                + " chats, interval 60s%n",
            NAMES, CHANGING, actionable, CHATS);
        print("baseline poll (full list, silent)", baseline);
        print("poll + diff, recent changes (from_date)", recent);
        print("poll + diff, full list (worst case)", full);
        print("  of which snapshot read + diff alone", diffOnly);
        System.out.printf(
            "%-42s %7.0f ms, %,6.1f MB allocated, heap peak %,6.1f MB; %,d names%n",
            "  of which one list request (HTTP + JSON):",
            listOnly.nanos() / 1e6,
            listOnly.allocated() / 1e6,
            listOnly.peak() / 1e6,
            listOnly.result().messages());
        System.out.printf("outbox rows written: %,d%n", depth);
        System.out.printf(
            "Telegram messages sent: %d (%s per chat), 429s from the fake Bot API:"
                + " %d, messenger stats: %s%n",
            sent,
            perChat.values().stream().distinct().toList(),
            api.violations(),
            messenger.stats());
        System.out.printf(
            "time until the last message was accepted: %.1f s; least Telegram's"
                + " limits allow: %.1f s (%.0f%% of the measured time is the limits' minimum)%n",
            drainSeconds, minimum, 100 * minimum / drainSeconds);
        watcher.close();
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static void print(String what, Measured m) {
    System.out.printf(
        "%-42s %7.0f ms, %,6.1f MB allocated, %,6.1f MB retained, heap peak"
            + " %,6.1f MB; %s: %,d changes, %,d rows%n",
        what + ":",
        m.nanos() / 1e6,
        m.allocated() / 1e6,
        m.retained() / 1e6,
        m.peak() / 1e6,
        m.result().outcome(),
        m.result().changes(),
        m.result().messages());
  }

  private static Measured measure(Supplier<Poller.Result> poll) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    System.gc();
    long usedBefore = used();
    List<MemoryPoolMXBean> pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long allocatedBefore = threads.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    Poller.Result r = poll.get();
    long nanos = System.nanoTime() - t0;
    long allocated = threads.getThreadAllocatedBytes(tid) - allocatedBefore;
    long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.gc();
    long retained = used() - usedBefore;
    if (r.error() != null) {
      throw new IllegalStateException("poll failed: " + r.error());
    }
    return new Measured(r, nanos, allocated, retained, peak);
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * The least time, from the first message to the last, that Telegram's limits allow for these
   * per-chat message counts, all chats being groups: a chat's k-th message goes no sooner than a
   * second after its (k-1)-th and a minute after its (k-20)-th; all together at most 30 a second.
   */
  static double minimumSeconds(List<Integer> perChat) {
    double worst = 0;
    int total = 0;
    for (int n : perChat) {
      total += n;
      double[] t = new double[n];
      for (int k = 1; k < n; k++) {
        t[k] = Math.max(t[k - 1] + 1, k >= 20 ? t[k - 20] + 60 : 0);
      }
      worst = Math.max(worst, n == 0 ? 0 : t[n - 1]);
    }
    double overall = total <= 30 ? 0 : (total - 1) / 30;
    return Math.max(worst, overall);
  }
}
