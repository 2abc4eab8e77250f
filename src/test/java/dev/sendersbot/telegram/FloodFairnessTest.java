package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteBotState;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 1: one chat's backlog must not stall the others. Real HTTP against the fake Bot
 * API (which enforces Telegram's limits on the test's clock), the real messenger and its limiter, a
 * real SQLite file. The pacing clock stands still unless a test moves it: a reply that needs no
 * pacing wait goes out, one that needs a wait does not.
 */
class FloodFairnessTest {
  private static final long OWNER = 1;

  /** Another owner's chat, where the bot writes on other chats' behalf. */
  private static final long DESK = 2;

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final FakeClock clock = FakeClock.atEpochMilli(1_800_000_000_000L);
  private final FakeSleeper sleeper = FakeSleeper.blocking(clock);
  private final Set<Long> known = new HashSet<>();
  private final Map<Long, Integer> answered = new ConcurrentHashMap<>();
  private FakeBotApi api;
  private TelegramMessenger messenger;
  private Database db;
  private SqliteBotState state;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start();
    api.enforceLimits(clock, Duration.ZERO);
    messenger =
        new TelegramMessenger(config(), http, clock, sleeper, TelegramMessenger.Options.defaults());
    open.add(messenger);
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

  /** The bot's wiring: the messenger's pacing, and the owner and {@link #known} as known chats. */
  private TelegramTransport.Options options(int workers) {
    return new TelegramTransport.Options(
            Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(400), clock)
        .withHandling(workers, 100, Duration.ofMillis(20))
        .withFairness(
            Fairness.defaults()
                .with(messenger.pacing(), chat -> chat == OWNER || known.contains(chat)));
  }

  private TelegramTransport started(UpdateSink sink, TelegramTransport.Options options) {
    if (db == null) {
      db = Database.open(dir.resolve("bot.db"));
      open.add(db);
      state = new SqliteBotState(db);
    }
    TelegramTransport t = new TelegramTransport(config(), state, sink, http, options);
    open.add(t);
    t.start();
    return t;
  }

  /**
   * Moves the pacing clock one chat slot at a time (a second and the limiter's 50 ms margin) until
   * the chat has {@code n} replies.
   */
  private void advanceUntil(long chat, int n) {
    // A send's slot counts from the moment the bot has Telegram's answer, by the pacing clock: the
    // clock moves only once every send that reached the fake Bot API has had its answer, or the
    // next slot would count from the moved clock.
    await().atMost(WAIT).until(() -> answered(chat) == repliesTo(chat).size());
    while (repliesTo(chat).size() < n) {
      int before = answered(chat);
      clock.advance(Duration.ofMillis(1050));
      await()
          .atMost(WAIT)
          .until(() -> answered(chat) > before && answered(chat) == repliesTo(chat).size());
    }
  }

  /** The sends to {@code chat} that {@link #echo()} made and had answered. */
  private int answered(long chat) {
    return answered.getOrDefault(chat, 0);
  }

  private void send(long chat, String html) {
    messenger.send(chat, null, Reply.html(html));
    answered.merge(chat, 1, Integer::sum);
  }

  /** A bot that answers every message, as one that answers strangers and /help does. */
  private UpdateSink echo() {
    return new UpdateSink() {
      @Override
      public void handle(Incoming in) {
        String text = ((Incoming.Message) in).text();
        send(in.chat().id(), "re: " + text);
        if (text.startsWith("twice")) {
          send(in.chat().id(), "again: " + text);
        }
        if (text.startsWith("desk")) {
          send(DESK, "note from " + in.chat().id());
        }
        if (text.startsWith("ask")) {
          // As an unknown chat's access request goes to the owner.
          send(OWNER, "request from " + in.chat().id());
        }
      }

      @Override
      public void chatMigrated(long oldChatId, long newChatId) {}
    };
  }

  private List<String> repliesTo(long chat) {
    return api.sentTo(chat).stream().map(FakeBotApi.Sent::text).toList();
  }

  // The first figure: 140 messages of one unknown private chat delayed an owner's /id by
  // 42 s. The owner's update comes after all of them, beyond the first 100 Telegram hands out.
  @Test
  void strangerFloodDoesNotDelayOwnersCommand() {
    long stranger = 9_001;
    for (int i = 1; i <= 140; i++) {
      api.enqueueText(stranger, stranger, "s" + i);
    }
    long owners = api.enqueueText(OWNER, OWNER, "/id");
    TelegramTransport t = started(echo(), options(8));

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    assertEquals(List.of("re: /id"), repliesTo(OWNER));
    assertEquals(
        List.of("re: s1"),
        repliesTo(stranger),
        "the clock has not moved: the stranger's second reply still waits for its slot");
    // A stranger keeps 10 updates waiting; the other 129 are dropped and counted, not queued.
    await().atMost(WAIT).until(() -> state.lastUpdateId().orElse(0) == owners);
    assertEquals(10, t.backlog());
    assertEquals(129, t.updatesDropped());
    assertEquals(Map.of(stranger, 10), state.backlog().counts());

    // As the stranger's slots come, its parked messages are answered in their order.
    advanceUntil(stranger, 11);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      expected.add("re: s" + i);
    }
    assertEquals(expected, repliesTo(stranger));
    await().atMost(WAIT).until(() -> t.backlog() == 0 && state.backlog().counts().isEmpty());
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  // The second figure: 112 /help from one group delayed the owner by 13 s (a group gets
  // 20 messages a minute).
  @Test
  void chattyGroupDoesNotHoldTheWindow() {
    long group = -100_777;
    known.add(group);
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 112; i++) {
      ids.add(
          api.enqueue(
              FakeBotApi.Msg.text(group, 500 + i % 7, "/help " + i).chat("group", "chatty")));
    }
    long owners = api.enqueueText(OWNER, OWNER, "/id");
    TelegramTransport t = started(echo(), options(8));

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    assertEquals(List.of("re: /help 1"), repliesTo(group));
    // A known chat's commands are all kept, in order, and Telegram was told to forget them.
    await().atMost(WAIT).until(() -> api.highestOffset() == owners + 1);
    assertEquals(111, t.backlog());
    assertEquals(ids.get(0), t.lastHandledUpdateId(), "parked is not handled");
    assertEquals(0, t.updatesDropped());
    advanceUntil(group, 3);
    assertEquals(List.of("re: /help 1", "re: /help 2", "re: /help 3"), repliesTo(group));
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  // Eight workers and nine chats whose second message waits for their slot: before, every worker
  // slept in a chat's pacing and the owner's update, received, waited for one.
  @Test
  void chatsWaitingForTheirSlotHoldNoWorker() {
    for (long chat = 101; chat <= 109; chat++) {
      api.enqueueText(chat, chat, chat + "/1");
      api.enqueueText(chat, chat, chat + "/2");
    }
    started(echo(), options(8));
    await().atMost(WAIT).until(() -> api.sent().size() == 9);
    // Every chat's second message now needs the chat's next slot; the owner writes now.
    api.enqueueText(OWNER, OWNER, "/id");

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    for (long chat = 101; chat <= 109; chat++) {
      assertEquals(List.of("re: " + chat + "/1"), repliesTo(chat));
    }
  }

  // A handler that sends twice to its chat waits for the second slot in the middle of its work.
  @Test
  void aHandlerWaitingForItsChatsNextSlotGivesItsWorkerUp() {
    api.enqueueText(201, 201, "twice a");
    api.enqueueText(202, 202, "twice b");
    api.enqueueText(OWNER, OWNER, "/id");
    started(echo(), options(2));

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    assertEquals(List.of("re: twice a"), repliesTo(201));
    assertEquals(List.of("re: twice b"), repliesTo(202));
  }

  // Telegram answered 429 with retry_after 30: the reply waits it out, not holding a worker.
  @Test
  void aReplyWaitingOutA429HoldsNoWorker() {
    api.failNext("sendMessage", 1, FakeBotApi.Failure.tooManyRequests(30));
    api.enqueueText(301, 301, "hello");
    api.enqueueText(OWNER, OWNER, "/id");
    started(echo(), options(1));

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    assertEquals(List.of(), repliesTo(301));
  }

  // Several strangers together cannot fill the disk either: past the shared bound, dropped.
  @Test
  void strangersTogetherKeepABoundedBacklog() {
    for (long chat = 501; chat <= 503; chat++) {
      for (int i = 1; i <= 12; i++) {
        api.enqueueText(chat, chat, chat + "/" + i);
      }
    }
    long owners = api.enqueueText(OWNER, OWNER, "/id");
    TelegramTransport t =
        started(echo(), options(8).withFairness(options(8).fairness().withBacklogs(10, 15, 1000)));

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    await().atMost(WAIT).until(() -> state.lastUpdateId().orElse(0) == owners);
    // Each ran its first; 501 parked 10 (its own bound), 502 the 5 left of the shared 15.
    assertEquals(Map.of(501L, 10, 502L, 5), state.backlog().counts());
    assertEquals(15, t.backlog());
    assertEquals(1 + 6 + 11, t.updatesDropped());
  }

  // Parking confirms an update to Telegram: after a crash it must come from the backlog, once,
  // in its chat's order, and the update that had finished must not run again.
  @Test
  void parkedUpdatesSurviveACrashAndRunOnceInOrder() throws Exception {
    long chat = 601;
    known.add(chat);
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(api.enqueueText(chat, chat, "x" + i));
    }
    TelegramTransport first = started(echo(), options(8));
    await().atMost(WAIT).until(() -> api.highestOffset() == ids.get(4) + 1);
    assertEquals(List.of("re: x1"), repliesTo(chat));
    assertEquals(Map.of(chat, 4), state.backlog().counts());

    // The process dies: the database first, then the threads.
    db.close();
    first.close();
    db = Database.open(dir.resolve("bot.db"));
    open.add(db);
    state = new SqliteBotState(db);
    List<Long> handled = Collections.synchronizedList(new ArrayList<>());
    UpdateSink recording =
        new UpdateSink() {
          @Override
          public void handle(Incoming in) {
            handled.add(in.updateId());
          }

          @Override
          public void chatMigrated(long oldChatId, long newChatId) {}
        };
    // A new process: its limiter has sent nothing yet.
    TelegramTransport second =
        started(
            recording,
            options(8).withFairness(Fairness.defaults().with(ChatPacing.NONE, c -> true)));
    await().atMost(WAIT).until(() -> handled.size() == 4 && second.backlog() == 0);
    assertEquals(ids.subList(1, 5), List.copyOf(handled));
    await().atMost(WAIT).until(() -> state.backlog().counts().isEmpty());
    assertEquals(ids.get(4), state.lastUpdateId().orElseThrow());
  }

  // The old group's parked commands are answered in the supergroup, after the migration and
  // before what was written there since.
  @Test
  void aGroupsParkedUpdatesFollowItToTheSupergroup() {
    long group = -4_001;
    long supergroup = -1_004_001;
    known.add(group);
    known.add(supergroup);
    for (int i = 1; i <= 3; i++) {
      api.enqueue(FakeBotApi.Msg.text(group, 7, "g" + i).chat("group", "Team"));
    }
    api.enqueueMigration(group, supergroup, 7);
    api.enqueue(FakeBotApi.Msg.text(supergroup, 7, "s1").chat("supergroup", "Team"));
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    UpdateSink sink =
        new UpdateSink() {
          @Override
          public void handle(Incoming in) {
            events.add(
                in.chat().id() + " " + in.chat().type() + " " + ((Incoming.Message) in).text());
            echo().handle(in);
          }

          @Override
          public void chatMigrated(long oldChatId, long newChatId) {
            events.add("migrate");
          }
        };
    started(sink, options(8));

    await().atMost(WAIT).until(() -> repliesTo(supergroup).size() == 1);
    advanceUntil(supergroup, 3);
    assertEquals(
        List.of(
            group + " GROUP g1",
            "migrate",
            supergroup + " SUPERGROUP g2",
            supergroup + " SUPERGROUP g3",
            supergroup + " SUPERGROUP s1"),
        List.copyOf(events));
    assertEquals(List.of("re: g2", "re: g3", "re: s1"), repliesTo(supergroup));
  }

  // The benchmark's finding: ten strangers' access requests, each sent the moment the owner's
  // slot came, kept the owner's own /id waiting 10 s.
  @Test
  void ownersReplyGoesBeforeMessagesSentToTheOwnerForOtherChats() {
    for (long chat = 701; chat <= 704; chat++) {
      api.enqueueText(chat, chat, "ask " + chat);
    }
    TelegramTransport t = started(echo(), options(8));
    // The first request took the owner's slot; the other three wait for the next ones.
    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1 && sleeper.sleeping() == 3);
    api.enqueueText(OWNER, OWNER, "/id");
    await().atMost(WAIT).until(() -> t.backlog() == 1);

    clock.advance(Duration.ofMillis(1050));
    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 2);
    assertEquals(
        "re: /id", repliesTo(OWNER).get(1), "order in the owner's chat: " + repliesTo(OWNER));
    advanceUntil(OWNER, 5);
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  // The benchmark's second finding: strangers' updates whose handlers waited for the owners'
  // chat (their access requests) stayed unconfirmed, held the offset, and with it every update
  // more than 100 behind.
  @Test
  void aHandlerWaitingMidwayDoesNotHoldTheOffset() {
    for (long chat = 801; chat <= 803; chat++) {
      api.enqueueText(chat, chat, "desk " + chat);
    }
    long chatty = 810;
    known.add(chatty);
    TelegramTransport t = started(echo(), options(8));
    // One note went to the desk; two handlers wait for the desk's next slots.
    await().atMost(WAIT).until(() -> repliesTo(DESK).size() == 1 && sleeper.sleeping() == 2);
    for (int i = 1; i <= 120; i++) {
      api.enqueueText(chatty, chatty, "c" + i);
    }
    long owners = api.enqueueText(OWNER, OWNER, "/id");

    await().atMost(WAIT).until(() -> repliesTo(OWNER).size() == 1);
    assertEquals(2, sleeper.sleeping(), "the two handlers still wait: the clock has not moved");
    await().atMost(WAIT).until(() -> api.highestOffset() == owners + 1);
    // They finish once the desk's slots come, and then leave the backlog.
    advanceUntil(DESK, 3);
    await()
        .atMost(WAIT)
        .until(
            () ->
                !state.backlog().counts().containsKey(802L)
                    && !state.backlog().counts().containsKey(803L));
    assertEquals(0, api.violations(), "Telegram's limits kept");
  }

  // Parked as it waited: a crash then must not lose it. It runs again from the start, as before
  // parking Telegram would have given it again; the update that had finished does not.
  @Test
  void anUpdateParkedWhileItsHandlerWaitsRunsAgainAfterACrash() throws Exception {
    Map<Long, Long> updates =
        Map.of(
            901L, api.enqueueText(901, 901, "desk a"), 902L, api.enqueueText(902, 902, "desk b"));
    TelegramTransport first = started(echo(), options(8));
    // Whichever wrote to the desk second waits for the desk's next slot.
    await().atMost(WAIT).until(() -> sleeper.sleeping() == 1);
    await().atMost(WAIT).until(() -> api.highestOffset() == updates.get(902L) + 1);
    Map<Long, Integer> parked = state.backlog().counts();
    assertEquals(1, parked.size(), "parked: " + parked);
    long waitingChat = parked.keySet().iterator().next();
    long waiting = updates.get(waitingChat);
    long done = updates.get(waitingChat == 901 ? 902L : 901L);

    db.close();
    first.close();
    db = Database.open(dir.resolve("bot.db"));
    open.add(db);
    state = new SqliteBotState(db);
    List<Long> handled = Collections.synchronizedList(new ArrayList<>());
    UpdateSink recording =
        new UpdateSink() {
          @Override
          public void handle(Incoming in) {
            handled.add(in.updateId());
          }

          @Override
          public void chatMigrated(long oldChatId, long newChatId) {}
        };
    TelegramTransport second = started(recording, options(8).withFairness(Fairness.defaults()));
    await().atMost(WAIT).until(() -> handled.size() == 1 && second.backlog() == 0);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> handled.size() == 1);
    assertEquals(List.of(waiting), List.copyOf(handled), "not " + done);
  }
}
