package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Fan-out with live cards: how close the watcher's sending comes to Telegram's limits when edits
 * count as messages. Not a test: a benchmark printing {@code BENCH:} lines, run by hand:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sendersbot.watch.CardFanOutBenchmark   # -Dexec.args="--cards 150"
 * </pre>
 *
 * <p>{@code --cards} private chats each follow one name (its live card) and {@code --digests}
 * private chats follow every name (digests). Round 1 moves every name: each card chat gets its
 * first card (sendMessage), each digest chat a few digest messages. Round 2 moves every name again,
 * routinely: each card chat's card is edited (editMessageText), the digest chats get digests again.
 * The real dispatcher sends through the real Telegram messenger (its {@code SendLimiter} counts an
 * edit like a message) to the fake Bot API, which enforces Telegram's limits (1 a second per chat,
 * 30 a second in all) on sends and edits alike and answers 429 past them.
 *
 * <p>{@code --no-limits} lifts the limits on both sides, to show what the dispatcher itself can
 * send on this machine (its work per message: the card's read and write, the outbox's commit).
 *
 * <p>For each round: n requests accepted (sends + edits), at most k to one chat; the limits let
 * them go within no less than max(⌊(n−1)/30⌋, k−1) s, so the best rate is n / (that + 1 s); the
 * achieved rate is n / (the round's sending time + 1 s), and its share of the best is printed.
 */
public final class CardFanOutBenchmark {
  static final long OWNER = 111;

  private CardFanOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int cards = 300;
    int digests = 20;
    boolean unlimited = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--no-limits" -> unlimited = true;
        case "--cards" -> cards = Integer.parseInt(args[++i]);
        case "--digests" -> digests = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("card-fan-out");
    FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    FakeGateway gateway = new FakeGateway(clock);
    OkHttpClient http = new OkHttpClient();
    try (FakeBotApi api = FakeBotApi.start();
        Database db = Database.open(dir.resolve("bot.db"))) {
      if (!unlimited) {
        api.enforceLimits();
      }
      SqliteChatRegistry chats = new SqliteChatRegistry(db);
      SqliteSubscriptions subs = new SqliteSubscriptions(db, clock);
      for (int c = 0; c < cards; c++) {
        gateway.add(null, name(c), 1, Map.of("mts_step", 0));
        chats.grant(new ChatGrant(10_001 + c, Role.VIEWER, null, null, OWNER, clock.instant()));
        subs.subscribe(10_001 + c, null, Set.of(name(c)));
      }
      for (int c = 0; c < digests; c++) {
        chats.grant(new ChatGrant(20_001 + c, Role.VIEWER, null, null, OWNER, clock.instant()));
        subs.subscribe(20_001 + c, null, Set.of());
      }
      Clock sending = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);
      try (TelegramMessenger messenger =
          new TelegramMessenger(
              new TelegramSettings(api.token(), api.apiUrl()),
              http,
              sending,
              Sleeper.system(),
              unlimited
                  ? TelegramMessenger.Options.defaults().withoutRateLimit()
                  : TelegramMessenger.Options.defaults())) {
        Poller poller =
            new Poller(
                new WatchStore(db),
                gateway,
                chats,
                Set.of(OWNER),
                clock,
                Duration.ofSeconds(60),
                () -> {});
        Dispatcher dispatcher =
            new Dispatcher(
                new WatchStore(db),
                messenger,
                chats,
                new SqliteButtonActions(db, clock),
                Set.of(OWNER),
                clock,
                Sleeper.system());
        clock.advance(Duration.ofSeconds(60));
        poller.pollOnce(); // the silent baseline
        System.out.printf(
            "BENCH: card fan-out: %d card chats (one name each), %d digest chats (every name), %s%n",
            cards,
            digests,
            unlimited
                ? "NO LIMITS (the dispatcher's own capacity on this machine; the %% figures below"
                    + " are then meaningless)"
                : "limits 1/s per chat and 30/s in all, edits counted as messages");
        int[] codes = {1, 2};
        for (int round = 1; round <= codes.length; round++) {
          for (int c = 0; c < cards; c++) {
            gateway.setOperator(null, name(c), "mts_step", codes[round - 1]);
          }
          clock.advance(Duration.ofSeconds(60));
          poller.pollOnce();
          int before = api.delivered().size();
          int violations = api.violations();
          long start = System.nanoTime();
          dispatcher.drainOnce();
          double seconds = (System.nanoTime() - start) / 1e9;
          List<FakeBotApi.Sent> got = api.delivered().subList(before, api.delivered().size());
          report(round, got, seconds, api.violations() - violations);
        }
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static String name(int c) {
    return String.format("CARD%04d", c);
  }

  private static void report(int round, List<FakeBotApi.Sent> got, double seconds, int refused) {
    int n = got.size();
    long edits = got.stream().filter(s -> s.method().equals("editMessageText")).count();
    Map<Long, Integer> perChat = new HashMap<>();
    got.forEach(s -> perChat.merge(s.chatId(), 1, Integer::sum));
    int k = perChat.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    double least = Math.max((n - 1) / 30, k - 1);
    double best = n / (least + 1);
    double achieved = n / (seconds + 1);
    System.out.printf(
        "BENCH: round %d: %d requests (%d sendMessage, %d editMessageText), at most %d to one"
            + " chat, in %.2f s; %.1f/s against %.1f/s allowed = %.1f%% of the limits; 429"
            + " answers %d%n",
        round, n, n - edits, edits, k, seconds, achieved, best, 100 * achieved / best, refused);
  }
}
