package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.BotState;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteBotState;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.time.Sleeper;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport handling chats in parallel: real HTTP against the fake Bot API, a real SQLite file
 * for the progress, and the messenger's real send limiter where replies are sent.
 */
class ParallelHandlingTest {
  private static final long OWNER = 1;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();

  /** The Bot API's, the transport's and the send limiter's time: it runs from a chosen instant. */
  private final TestClocks.Ticking clock = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);

  private FakeBotApi api;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start(clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    api.close();
  }

  private TelegramSettings config() {
    return new TelegramSettings(api.token(), api.apiUrl());
  }

  private TelegramTransport.Options options() {
    return new TelegramTransport.Options(
        Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(400), clock);
  }

  private Database database() {
    Database db = Database.open(dir.resolve("bot.db"));
    open.add(db);
    return db;
  }

  private TelegramTransport started(
      BotState state, UpdateSink sink, TelegramTransport.Options options) {
    TelegramTransport t = new TelegramTransport(config(), state, sink, http, options);
    open.add(t);
    t.start();
    return t;
  }

  /** Answers every text with "re: text", through the messenger and its limiter. */
  private UpdateSink echo(TelegramMessenger messenger) {
    return new Sink(
        in ->
            messenger.send(
                in.chat().id(), null, Reply.html("re: " + ((Incoming.Message) in).text())));
  }

  private List<String> repliesTo(long chat) {
    return api.sentTo(chat).stream().map(FakeBotApi.Sent::text).toList();
  }

  // Why: before, each reply waited for its chat's slot on the poll thread, holding every chat.
  @Test
  void oneChatsCommandsInARowDoNotHoldBackAnotherChatsReply() {
    api.enforceLimits();
    TelegramMessenger messenger =
        new TelegramMessenger(
            config(), http, clock, Sleeper.system(), TelegramMessenger.Options.defaults());
    open.add(messenger);
    long a = 1001;
    long b = 1002;
    api.enqueueText(a, a, "a1");
    api.enqueueText(a, a, "a2");
    api.enqueueText(a, a, "a3");
    api.enqueueText(b, b, "b1");
    started(new SqliteBotState(database()), echo(messenger), options());

    await().atMost(WAIT).until(() -> api.sent().size() == 4);
    assertEquals(List.of("re: a1", "re: a2", "re: a3"), repliesTo(a));
    List<String> order = api.sent().stream().map(FakeBotApi.Sent::text).toList();
    // a2 cannot leave before a1 + 1 s; b1, enqueued after a3, needs no wait of its own.
    assertTrue(order.indexOf("re: b1") < order.indexOf("re: a2"), "order on the wire: " + order);
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  @Test
  void tenChatsWithThreeCommandsEachFinishWellUnderTheSerialTime() {
    api.enforceLimits();
    TelegramMessenger messenger =
        new TelegramMessenger(
            config(), http, clock, Sleeper.system(), TelegramMessenger.Options.defaults());
    open.add(messenger);
    started(new SqliteBotState(database()), echo(messenger), options());
    await().atMost(WAIT).until(() -> api.waitingPolls() == 1);

    long t0 = System.nanoTime();
    for (long chat = 2001; chat <= 2010; chat++) {
      for (int i = 1; i <= 3; i++) {
        api.enqueueText(chat, chat, chat + "/" + i);
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> api.sent().size() == 30);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    // One at a time, each chat's 2nd and 3rd reply wait a second each: 20 s at least. The
    // limits allow about 2 s.
    assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "30 replies took " + took);
    for (long chat = 2001; chat <= 2010; chat++) {
      assertEquals(
          List.of("re: " + chat + "/1", "re: " + chat + "/2", "re: " + chat + "/3"),
          repliesTo(chat));
    }
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  @Test
  void eachChatsUpdatesAreHandledOneAtATimeInTheirOrder() {
    Map<Long, List<Long>> expected = new HashMap<>();
    Map<Long, List<Long>> seen = new ConcurrentHashMap<>();
    Map<Long, AtomicInteger> active = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    Random random = new Random(7);
    Sink sink =
        new Sink(
            in -> {
              long chat = in.chat().id();
              if (active.computeIfAbsent(chat, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              seen.computeIfAbsent(chat, k -> Collections.synchronizedList(new ArrayList<>()))
                  .add(in.updateId());
              busy(in.updateId() % 3);
              active.get(chat).decrementAndGet();
            });
    // Messages and button presses of six chats, interleaved at random.
    for (int i = 0; i < 60; i++) {
      long chat = -100 - random.nextInt(6);
      long id =
          i % 4 == 0
              ? api.enqueueCallback(chat, OWNER, 10, "p:" + i)
              : api.enqueueText(chat, OWNER, "m" + i);
      expected.computeIfAbsent(chat, k -> new ArrayList<>()).add(id);
    }
    SqliteBotState state = new SqliteBotState(database());
    started(state, sink, options());

    await().atMost(WAIT).until(() -> sink.ids().size() == 60);
    assertEquals(expected, Map.copyOf(seen));
    assertEquals(0, overlaps.get(), "a chat's updates never ran side by side");
    long last =
        expected.values().stream().flatMap(List::stream).mapToLong(x -> x).max().orElseThrow();
    await().atMost(WAIT).until(() -> state.lastUpdateId().orElse(0) == last);
  }

  /** A little CPU work, so handlers overlap without waiting for time. */
  private static void busy(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  // Why: the offset may only pass finished updates, and one finished out of order must not run
  // again after a crash.
  @Test
  void aCrashWithAnEarlierUpdateUnfinishedHandlesItOnceAfterTheRestartAndNotTheOthers()
      throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Sink first =
        new Sink(
            in -> {
              if (((Incoming.Message) in).text().equals("six")) {
                try {
                  never.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    long u5 = api.enqueueText(5, 5, "five");
    long u6 = api.enqueueText(6, 6, "six");
    long u7 = api.enqueueText(7, 7, "seven");
    Database db = database();
    SqliteBotState state = new SqliteBotState(db);
    TelegramTransport crashing = started(state, first, options());

    await()
        .atMost(WAIT)
        .until(() -> state.isHandled(u5) && state.isHandled(u7) && first.ids().contains(u6));
    int polls = api.calls("getUpdates").size();
    await().atMost(WAIT).until(() -> api.calls("getUpdates").size() >= polls + 2);
    assertEquals(u5, state.lastUpdateId().orElseThrow(), "the offset stops below 6");
    assertFalse(state.isHandled(u6));
    assertTrue(state.isHandled(u7), "7 is remembered on its own");
    assertEquals(u6, api.highestOffset(), "Telegram was never told to drop 6");

    // The process dies: nothing more reaches the database, and polling stops.
    db.close();
    crashing.close();

    Database reopened = Database.open(dir.resolve("bot.db"));
    open.add(reopened);
    SqliteBotState after = new SqliteBotState(reopened);
    Sink second = new Sink(in -> {});
    started(after, second, options());
    await().atMost(WAIT).until(() -> second.ids().contains(u6));
    long u8 = api.enqueueText(5, 5, "eight");
    await().atMost(WAIT).until(() -> after.lastUpdateId().orElse(0) == u8);

    assertEquals(Set.of(u6, u8), Set.copyOf(second.ids()), "6 once, 5 and 7 not again");
    assertEquals(2, second.ids().size());
    assertEquals(0, handledUpdatesRows(reopened), "rows below the offset are pruned");
  }

  private static long handledUpdatesRows(Database db) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM handled_updates");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void aFullWindowStopsPollingUntilAnUpdateFinishes() {
    CountDownLatch release = new CountDownLatch(1);
    Sink sink =
        new Sink(
            in -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    List<Long> ids = new ArrayList<>();
    for (long chat = 301; chat <= 308; chat++) {
      ids.add(api.enqueueText(chat, chat, "hold"));
    }
    MemoryBotState state = new MemoryBotState();
    started(state, sink, options().withHandling(8, 3, Duration.ofMillis(20)));

    await().atMost(WAIT).until(() -> sink.ids().size() == 3);
    int polls = api.calls("getUpdates").size();
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sink.ids().size() == 3);
    assertEquals(polls, api.calls("getUpdates").size(), "no poll while 3 are in flight");
    assertTrue(
        api.calls("getUpdates").stream().allMatch(c -> c.number("limit") == 3),
        "each poll asks for no more than the window");

    release.countDown();
    await().atMost(WAIT).until(() -> sink.ids().size() == 8);
    await().atMost(WAIT).until(() -> state.lastUpdateId().orElse(0) == ids.get(7));
    assertEquals(ids, sink.ids().stream().sorted().toList());
  }

  // Why: a migration moves one chat's rows to another; it must not interleave with either chat.
  @Test
  void aMigrationWaitsForTheOldGroupsUpdatesAndPrecedesTheNewOnes() {
    long oldGroup = -4_001;
    long supergroup = -1_004_001;
    CountDownLatch release = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    UpdateSink sink =
        new UpdateSink() {
          @Override
          public void handle(Incoming in) {
            String text = ((Incoming.Message) in).text();
            events.add("start " + text);
            if (text.equals("slow")) {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            events.add("end " + text);
          }

          @Override
          public void chatMigrated(long oldChatId, long newChatId) {
            events.add("migrate " + oldChatId + " " + newChatId);
          }
        };
    api.enqueueText(oldGroup, OWNER, "slow");
    api.enqueueMigration(oldGroup, supergroup, OWNER);
    api.enqueueText(supergroup, OWNER, "after");
    started(new MemoryBotState(), sink, options());

    await().atMost(WAIT).until(() -> events.contains("start slow"));
    await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> events.size() == 1);
    release.countDown();
    await().atMost(WAIT).until(() -> events.size() == 5);
    assertEquals(
        List.of(
            "start slow",
            "end slow",
            "migrate " + oldGroup + " " + supergroup,
            "start after",
            "end after"),
        events);
  }

  // Why: Telegram's own server answers a getUpdates that repeats the last offset within 0.5 s
  // with one update, the oldest unconfirmed, which the bot already has. Polling every 100 ms
  // while one chat's command ran, the bot heard no other chat until it ended.
  @Test
  void otherChatsAreHeardWhileOneChatsCommandRunsOnAServerThatCutsRepeatedPolls() {
    api.answerRepeatedOffsetsWithOne();
    CountDownLatch release = new CountDownLatch(1);
    Sink sink =
        new Sink(
            in -> {
              if (in.chat().id() == 1001) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    long slow = api.enqueueText(1001, 1001, "slow");
    started(new MemoryBotState(), sink, options());
    await().atMost(WAIT).until(() -> sink.ids().contains(slow));

    List<Long> others = new ArrayList<>();
    for (long chat = 2001; chat <= 2003; chat++) {
      others.add(api.enqueueText(chat, chat, "meanwhile"));
    }

    try {
      await().atMost(WAIT).until(() -> sink.ids().containsAll(others));
    } finally {
      release.countDown();
    }
  }

  // Why: while updates are under way every poll is answered at once with them all again.
  @Test
  void pollsWhileBusyArePacedByWhatTheyWouldBeGivenAgainAndByQuietPolls() {
    TelegramTransport t =
        new TelegramTransport(config(), new MemoryBotState(), new Sink(in -> {}), http, options());
    open.add(t);
    assertEquals(ms(100), t.busyPollNanos(1, 0), "one chat busy: the shortest pause");
    assertEquals(ms(300), t.busyPollNanos(30, 0), "30 would come again: 300 ms");
    assertEquals(ms(1000), t.busyPollNanos(100, 0), "a full window: once a second");
    assertEquals(ms(200), t.busyPollNanos(1, 1), "nothing new last time: twice as long");
    assertEquals(ms(1000), t.busyPollNanos(1, 10), "never over a second");
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void closeLetsARunningHandlerFinishAndLeavesQueuedUpdatesForTheNextRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Sink first =
        new Sink(
            in -> {
              if (((Incoming.Message) in).text().equals("running")) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    long running = api.enqueueText(OWNER, OWNER, "running");
    long queued = api.enqueueText(OWNER, OWNER, "queued");
    SqliteBotState state = new SqliteBotState(database());
    TelegramTransport t = started(state, first, options());
    await().atMost(WAIT).until(() -> first.ids().contains(running));

    long t0 = System.nanoTime();
    Thread closer = new Thread(t::close, "test-closer");
    closer.start();
    await().atMost(WAIT).until(() -> !t.isPolling());
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(6));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "close took " + took);
    assertEquals(List.of(running), first.ids(), "the queued update was not started");
    // Its chat was busy, so it was parked: confirmed to Telegram and kept in the backlog. The
    // offset passes both, the running one because it finished.
    assertEquals(queued, state.lastUpdateId().orElseThrow(), "the running one finished");
    assertEquals(Map.of(OWNER, 1), state.backlog().counts(), "the queued one waits, parked");

    Sink second = new Sink(in -> {});
    started(state, second, options());
    await().atMost(WAIT).until(() -> state.lastUpdateId().orElse(0) == queued);
    assertEquals(List.of(queued), second.ids());
  }

  @Test
  void closeReturnsWithinFiveSecondsEvenWhenAHandlerIgnoresInterrupts() {
    AtomicBoolean stop = new AtomicBoolean();
    Sink sink =
        new Sink(
            in -> {
              while (!stop.get()) {
                Thread.onSpinWait();
              }
            });
    api.enqueueText(OWNER, OWNER, "stuck");
    MemoryBotState state = new MemoryBotState();
    try {
      TelegramTransport t = started(state, sink, options());
      await().atMost(WAIT).until(() -> sink.ids().size() == 1);
      long t0 = System.nanoTime();
      t.close();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "close took " + took);
      assertTrue(state.lastUpdateId().isEmpty(), "the stuck update is not counted as handled");
    } finally {
      stop.set(true);
    }
  }

  /** Records update ids in the order handled; runs a behaviour on each. */
  private static final class Sink implements UpdateSink {
    private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<Incoming> behaviour;

    Sink(Consumer<Incoming> behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public void handle(Incoming in) {
      ids.add(in.updateId());
      behaviour.accept(in);
    }

    @Override
    public void chatMigrated(long oldChatId, long newChatId) {}

    List<Long> ids() {
      synchronized (ids) {
        return List.copyOf(ids);
      }
    }
  }
}
