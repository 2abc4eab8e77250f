package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Html;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the sending process with {@code kill -9} ({@link Process#destroyForcibly}) at random
 * moments while it sends the outbox over HTTP to a fake Bot API that outlives it, restarts it each
 * time, and checks what the Bot API received: every change reached every subscribed chat, and
 * nothing arrived twice but the message in flight at a kill. Between kills, new polls add changes,
 * as they would while a bot restarts.
 */
class OutboxCrashTest {
  static final int KILLS = 10;
  static final int CHATS = 20;
  static final int NAMES = 150;
  static final int CHANGED_BETWEEN_KILLS = 30;
  static final long OWNER = 111;

  @TempDir Path dir;

  /** The parent's side: the provider's names and the polls that fill the outbox. */
  private final class Provider {
    // Polls a minute apart from just before a new year; each child's clock starts at this time.
    final FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    final FakeGateway gateway = new FakeGateway(clock);
    final Map<String, Integer> codes = new LinkedHashMap<>();
    int next;

    void seed(Path file) {
      for (int i = 0; i < NAMES; i++) {
        String name = String.format("N%04d", i);
        gateway.add(null, name, 1, Map.of("mts_step", 0));
        codes.put(name, 0);
      }
      try (Database db = Database.open(file)) {
        SqliteChatRegistry chats = new SqliteChatRegistry(db);
        SqliteSubscriptions subs = new SqliteSubscriptions(db, clock);
        for (int c = 0; c < CHATS; c++) {
          chats.grant(new ChatGrant(chatId(c), Role.VIEWER, null, null, OWNER, clock.instant()));
          subs.subscribe(chatId(c), null, Set.of());
        }
      }
      poll(file); // the silent baseline
    }

    /**
     * Moves {@code n} names one status on. Codes only grow, so no change line ever repeats and a
     * line received twice can only be a message sent twice.
     */
    void change(int n) {
      List<String> names = new ArrayList<>(codes.keySet());
      for (int i = 0; i < n; i++) {
        String name = names.get(next++ % names.size());
        int code = codes.merge(name, 1, Integer::sum);
        gateway.setOperator(null, name, "mts_step", code);
      }
    }

    void poll(Path file) {
      clock.advance(Duration.ofSeconds(60));
      try (Database db = Database.open(file)) {
        Poller p =
            new Poller(
                new WatchStore(db),
                gateway,
                new SqliteChatRegistry(db),
                Set.of(OWNER),
                clock,
                Duration.ofSeconds(60),
                () -> {});
        Poller.Result r = p.pollOnce();
        if (r.error() != null) {
          fail("poll failed: " + r.error());
        }
      }
    }
  }

  static long chatId(int c) {
    return 5001 + c; // private chats: one message a second each, no group limit
  }

  @Test
  void killedAtRandomWhileSendingEveryChangeArrivesOnceButTheMessageInFlight() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path file = dir.resolve("bot.db");
    Provider provider = new Provider();
    provider.seed(file);
    provider.change(NAMES);
    provider.poll(file);

    try (FakeBotApi api = FakeBotApi.start()) {
      CrashChildren children = new CrashChildren(dir, api, file, OWNER);
      CrashChildren.Killed k =
          children.killAtRandom(
              KILLS,
              random,
              () -> api.sent().size(),
              provider.clock::instant,
              killed -> {},
              () -> {
                provider.change(CHANGED_BETWEEN_KILLS);
                provider.poll(file);
              });
      List<Integer> inFlight = k.inFlight();
      children.finishes(k.runs(), provider.clock.instant(), Duration.ofSeconds(45));

      check(api.sent(), expected(file), inFlight, seed);
      try (Database db = Database.open(file)) {
        assertEquals(0, count(db, "pending"));
        assertEquals(0, count(db, "failed"));
      }
    }
  }

  private void check(
      List<FakeBotApi.Sent> sent,
      Map<Long, Set<String>> expected,
      List<Integer> inFlight,
      long seed) {
    Set<String> headers = new HashSet<>();
    dev.sendersbot.i18n.Texts english = Readers.ENGLISH_UTC.of(0);
    for (boolean loud : new boolean[] {true, false}) {
      for (int names = 1; names <= NAMES; names++) {
        headers.add(Html.visibleText(Texts.digestHeader(english, loud, false, names)));
        headers.add(Html.visibleText(Texts.digestHeader(english, loud, true, names)));
      }
    }
    Map<Long, Map<String, Integer>> firstSeenIn = new HashMap<>();
    Set<Integer> repeatedMessages = new TreeSet<>();
    int lines = 0;
    for (int i = 0; i < sent.size(); i++) {
      FakeBotApi.Sent s = sent.get(i);
      for (String line : Html.visibleText(s.text()).split("\n")) {
        if (headers.contains(line)) {
          continue;
        }
        lines++;
        assertTrue(
            expected.getOrDefault(s.chatId(), Set.of()).contains(line),
            "chat "
                + s.chatId()
                + " got a line nobody wrote for it: "
                + line
                + " (seed "
                + seed
                + ")");
        Integer first =
            firstSeenIn.computeIfAbsent(s.chatId(), k -> new HashMap<>()).putIfAbsent(line, i);
        if (first != null) {
          repeatedMessages.add(first);
        }
      }
    }
    int expectedLines = 0;
    for (Map.Entry<Long, Set<String>> e : expected.entrySet()) {
      expectedLines += e.getValue().size();
      Map<String, Integer> got = firstSeenIn.getOrDefault(e.getKey(), Map.of());
      for (String line : e.getValue()) {
        assertTrue(
            got.containsKey(line),
            "chat " + e.getKey() + " never got: " + line + " (seed " + seed + ")");
      }
    }
    assertEquals(CHATS, expected.size());
    assertTrue(
        Set.copyOf(inFlight).containsAll(repeatedMessages),
        "only a message in flight at a kill may arrive twice; repeated: "
            + repeatedMessages
            + ", in flight at the kills: "
            + inFlight
            + " (seed "
            + seed
            + ")");
    System.out.printf(
        "crash test: %d kills, %d messages, %d change lines (%d expected),"
            + " %d message(s) in flight at a kill arrived twice (seed %d)%n",
        inFlight.size(), sent.size(), lines, expectedLines, repeatedMessages.size(), seed);
  }

  /** Every change line the polls wrote, per chat: what must arrive. */
  private static Map<Long, Set<String>> expected(Path file) {
    try (Database db = Database.open(file)) {
      return db.read(
          c -> {
            Map<Long, Set<String>> m = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT o.chat_id, p.html FROM outbox o JOIN outbox_payloads p"
                            + " ON p.id = o.payload_id WHERE p.kind = 'change'");
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                boolean fresh =
                    m.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                        .add(Html.visibleText(rs.getString(2)));
                assertTrue(fresh, "each change is one row per chat");
              }
            }
            return m;
          });
    }
  }

  private static long count(Database db, String state) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
