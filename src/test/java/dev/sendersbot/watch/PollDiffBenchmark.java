package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.bench.AnswerServer;
import dev.sendersbot.bench.Floor;
import dev.sendersbot.bench.ProviderAnswers;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The watcher's poll at 15,000 names, end to end but for the provider: the real client over HTTP on
 * 127.0.0.1, the caching gateway, the poller and a real SQLite file. The provider's answers are
 * bytes in memory ({@link AnswerServer}), rendered once by the sandbox, so its rendering is not
 * counted. The floor in the same run: the same bytes over the same HTTP, parsed by Jackson's
 * streaming parser into a small record. Run by {@link dev.sendersbot.bench.PollFloorBenchmark}.
 *
 * <p>Each poll is one interval (90 s of the rigs' clock, past the gateway's rolling minute) after
 * the previous one; a per-invocation setup, not timed, says whether the next poll reads the full
 * list ({@code last_full_at} set back) or only recent changes, and flips the answer for the poll
 * that finds 1,000 changes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PollDiffBenchmark {
  static final int NAMES = 15_000;
  static final int CHANGED = 1_000;
  static final long OWNER = 111;
  static final Duration STEP = Duration.ofSeconds(90);

  /** The provider: its answers in memory, and what the next full list is. */
  @State(Scope.Benchmark)
  public static class Provider {
    ProviderAnswers answers;
    volatile byte[] full;
    AnswerServer server;
    OkHttpClient http;

    @Setup(Level.Trial)
    public void start() {
      answers = ProviderAnswers.render(NAMES, CHANGED);
      full = answers.before();
      server =
          AnswerServer.start(
              form ->
                  form.contains("prev_id=")
                      ? ProviderAnswers.EMPTY
                      : form.contains("from_date=") ? answers.recent() : full);
      http = new OkHttpClient();
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** A watcher's database after its silent baseline, with its gateway and poller. */
  public abstract static class Rig {
    final FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    Provider provider;
    Path dir;
    Database db;
    SqliteChatRegistry chats;
    CachingGateway gateway;
    Poller poller;

    int chatCount() {
      return 1;
    }

    byte[] baseline(Provider p) {
      return p.answers.before();
    }

    @Setup(Level.Trial)
    public void open(Provider p) throws IOException {
      provider = p;
      p.full = baseline(p);
      dir = Files.createTempDirectory("poll-benchmark");
      db = Database.open(dir.resolve("bot.db"));
      chats = new SqliteChatRegistry(db);
      SqliteSubscriptions subscriptions = new SqliteSubscriptions(db, clock);
      for (int c = 0; c < chatCount(); c++) {
        long chatId = -1_000_000_001L - c;
        chats.grant(new ChatGrant(chatId, Role.VIEWER, null, "team " + c, OWNER, clock.instant()));
        subscriptions.subscribe(chatId, null, Set.of());
      }
      SendersApi api =
          SmscClients.http(
              new SmscSettings(
                  p.server.baseUrl(),
                  Credentials.password("bench", "bench-password"),
                  Duration.ofSeconds(30)),
              p.http);
      gateway =
          CachingGateway.builder(
                  api,
                  TestSettings.gateway(
                      new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60)))
              .clock(clock)
              .watchInterval(Duration.ofSeconds(60))
              .build();
      poller = newPoller();
      expect(poller.pollOnce(), Poller.Outcome.BASELINE, 0);
    }

    Poller newPoller() {
      return new Poller(
          new WatchStore(db),
          gateway,
          chats,
          Set.of(OWNER),
          clock,
          Duration.ofSeconds(60),
          () -> {});
    }

    /** The next poll one step on, reading the full list ({@code full}) or recent changes. */
    void next(boolean full) {
      clock.advance(STEP);
      long lastFull = full ? 0 : clock.instant().toEpochMilli();
      db.write(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE watch_scopes SET last_full_at = ?")) {
              ps.setLong(1, lastFull);
              ps.executeUpdate();
            }
            // Both tables of the outbox, so a poll's purge has nothing of the last poll to drop
            // (it had none before the payloads were kept apart either).
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox")) {
              ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_payloads")) {
              ps.executeUpdate();
            }
            return null;
          });
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      db.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @State(Scope.Benchmark)
  public static class FullRig extends Rig {
    @Setup(Level.Invocation)
    public void nextFull() {
      next(true);
    }
  }

  @State(Scope.Benchmark)
  public static class RecentRig extends Rig {
    @Override
    byte[] baseline(Provider p) {
      return p.answers.after(); // so that the recent changes hold nothing new
    }

    @Setup(Level.Invocation)
    public void nextRecent() {
      next(false);
    }
  }

  @State(Scope.Benchmark)
  public static class ChangedRig extends Rig {
    @Param({"1", "20"})
    int chats;

    @Override
    int chatCount() {
      return chats;
    }

    @Setup(Level.Invocation)
    public void nextChanged() {
      provider.full =
          provider.full == provider.answers.before()
              ? provider.answers.after()
              : provider.answers.before();
      next(true);
    }
  }

  @State(Scope.Benchmark)
  public static class RestartRig extends Rig {
    @Setup(Level.Invocation)
    public void restart() {
      next(true);
      poller = newPoller(); // a new process: nothing in memory, no full list read yet
    }
  }

  @Benchmark
  public List<Floor.Row> floorOverHttp(Provider p) throws IOException {
    Request request =
        new Request.Builder()
            .url(p.server.baseUrl().resolve("/sys/senders.php").toString())
            .post(new FormBody.Builder().add("get", "1").add("fmt", "3").build())
            .build();
    try (Response r = p.http.newCall(request).execute()) {
      return Floor.read(r.body().byteStream());
    }
  }

  @Benchmark
  public Poller.Result pollFullUnchanged(FullRig r) {
    return expect(r.poller.pollOnce(), Poller.Outcome.POLLED, 0);
  }

  @Benchmark
  public Poller.Result pollFromDateUnchanged(RecentRig r) {
    Poller.Result result = expect(r.poller.pollOnce(), Poller.Outcome.POLLED, 0);
    if (!result.fullScopes().isEmpty()) {
      throw new IllegalStateException("expected a poll of recent changes, got a full list");
    }
    return result;
  }

  @Benchmark
  public Poller.Result pollFull1000Changed(ChangedRig r) {
    return expect(r.poller.pollOnce(), Poller.Outcome.POLLED, CHANGED);
  }

  @Benchmark
  public Poller.Result pollFirstAfterStartUp(RestartRig r) {
    return expect(r.poller.pollOnce(), Poller.Outcome.POLLED, 0);
  }

  static Poller.Result expect(Poller.Result r, Poller.Outcome outcome, int changes) {
    if (r.outcome() != outcome || r.changes() != changes) {
      throw new IllegalStateException(
          "expected " + outcome + " with " + changes + " change(s), got " + r);
    }
    return r;
  }
}
