package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repeat counting of {@link CardsCrashIT}, on the interleaving its random kills rarely hit: a
 * kill right after Telegram accepted an edit of a card (the change stays pending), then a mute of
 * that name, whose summary lists the change again. That summary is the one repeat of that kill, and
 * nothing else is. A card name's moves cycle, so the summary's lines (which carry no time) read
 * like other changes of the name, earlier and later ones.
 *
 * <p>The real dispatcher sends over HTTP to the fake Bot API; the kill is the sending thread dying
 * right after the edit was accepted, before anything was written, as a {@code kill -9} there would.
 */
class CardLedgerTest {
  static final long CHAT = 4002;
  static final String NAME = "C001";
  static final long OWNER = 111;

  /** The moves of the name: routine, and each line comes again in later moves. */
  static final int[] CYCLE = {1, 2, 0, 1, 2, 0, 1, 2};

  /** The sending thread dies here, as the process would at a {@code kill -9}. */
  static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
  private final FakeGateway gateway = new FakeGateway(clock);
  private final FakeBotApi api = FakeBotApi.start();
  private final OkHttpClient http = new OkHttpClient();
  private final CardLedger.Polls polls = new CardLedger.Polls();
  private Path file;
  private int step;

  @AfterEach
  void close() {
    api.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void anEditInFlightAtAKillThatAMuteThenSummarisesIsThatKillsOneRepeat() {
    // Held by the mute: the edit in flight (1 → 2) and the next three moves, whose last is 1 → 2
    // again: the summary shows that line twice.
    List<Integer> inFlight = run(3);
    CardLedger.Tally t = CardLedger.tally(api.delivered(), CardLedger.expected(file), polls);
    assertEquals(0, t.lost(), "lost " + t.missing());
    assertEquals(1, t.summaries());
    int summary = summaryIndex();
    assertEquals(Map.of(summary, inFlight.get(0)), t.repeats(), "delivered " + methods());
  }

  @Test
  void aSummaryRepeatingTheEditInFlightTakesNoLaterChangeOfTheSameLine() {
    // Held by the mute: the edit in flight (1 → 2) and one more move (2 → 0). The next 1 → 2 comes
    // after the mute, on the card.
    List<Integer> inFlight = run(1);
    CardLedger.Tally t = CardLedger.tally(api.delivered(), CardLedger.expected(file), polls);
    assertEquals(0, t.lost(), "lost " + t.missing());
    assertEquals(1, t.summaries());
    assertEquals(Map.of(summaryIndex(), inFlight.get(0)), t.repeats(), "delivered " + methods());
  }

  /**
   * The first card, an edit killed in flight, a mute of the name over {@code mutedPolls} more
   * polls, its summary, then the card's next moves; returns the index of the request in flight.
   */
  private List<Integer> run(int mutedPolls) {
    file = dir.resolve("bot.db");
    seed();
    move();
    drain(false); // the first card
    move();
    assertThrows(Killed.class, () -> drain(true), "the edit was sent, then the kill");
    List<Integer> inFlight = List.of(api.delivered().size() - 1);
    assertEquals("editMessageText", api.delivered().get(inFlight.get(0)).method());
    try (Database db = Database.open(file)) {
      new SqliteChatAlerts(db, clock)
          .mute(CHAT, Set.of(NAME), clock.instant().plusSeconds(60L * mutedPolls + 30), 7, false);
    }
    drain(false); // the edit's change, held now
    for (int i = 0; i < mutedPolls; i++) {
      move();
      drain(false);
    }
    clock.advance(Duration.ofSeconds(45));
    drain(false); // the mute's summary
    while (step < CYCLE.length) {
      move();
      drain(false);
    }
    return inFlight;
  }

  private void seed() {
    gateway.add(null, NAME, 1, Map.of("mts_step", 0));
    try (Database db = Database.open(file)) {
      new SqliteChatRegistry(db)
          .grant(new ChatGrant(CHAT, Role.VIEWER, null, null, OWNER, clock.instant()));
      new SqliteSubscriptions(db, clock).subscribe(CHAT, null, Set.of(NAME));
    }
    poll(); // the silent baseline
  }

  private void move() {
    gateway.setOperator(null, NAME, "mts_step", CYCLE[step++]);
    poll();
  }

  private void poll() {
    FilePoll.aMinuteLater(file, gateway, clock, OWNER);
    polls.polled(clock.instant(), api.delivered().size());
  }

  /** One run of the sending side over the file, as a fresh process would: a new dispatcher. */
  private void drain(boolean killAfterAnEdit) {
    FakeSleeper sleeper = FakeSleeper.advancing(clock);
    try (Database db = Database.open(file);
        TelegramMessenger telegram =
            new TelegramMessenger(
                new TelegramSettings(api.token(), api.apiUrl()),
                http,
                clock,
                sleeper,
                TelegramMessenger.Options.defaults())) {
      Messenger messenger = killAfterAnEdit ? new KilledAfterAnEdit(telegram) : telegram;
      new Dispatcher(
              new WatchStore(db),
              messenger,
              new SqliteChatRegistry(db),
              new SqliteButtonActions(db, clock),
              Set.of(OWNER),
              clock,
              sleeper,
              WatchEvents.NONE)
          .drainOnce();
    }
  }

  private int summaryIndex() {
    List<FakeBotApi.Sent> d = api.delivered();
    for (int i = 0; i < d.size(); i++) {
      if (d.get(i).text().contains("Mute ended")) {
        return i;
      }
    }
    throw new AssertionError("no summary in " + methods());
  }

  private List<String> methods() {
    return api.delivered().stream().map(s -> s.method() + ": " + s.text()).toList();
  }

  /** Telegram's messenger that dies right after an edit was accepted. */
  private static final class KilledAfterAnEdit implements Messenger {
    private final Messenger telegram;

    KilledAfterAnEdit(Messenger telegram) {
      this.telegram = telegram;
    }

    @Override
    public int send(long chatId, Integer topicId, Reply reply) {
      return telegram.send(chatId, topicId, reply);
    }

    @Override
    public void edit(long chatId, int messageId, Reply reply) {
      telegram.edit(chatId, messageId, reply);
      throw new Killed();
    }

    @Override
    public boolean replace(long chatId, int messageId, Reply reply) {
      if (telegram.replace(chatId, messageId, reply)) {
        throw new Killed();
      }
      return false;
    }

    @Override
    public boolean delete(long chatId, int messageId) {
      return telegram.delete(chatId, messageId);
    }

    @Override
    public void answerCallback(String callbackId, String toast) {
      telegram.answerCallback(callbackId, toast);
    }

    @Override
    public byte[] download(Attachment file, long maxBytes) {
      return telegram.download(file, maxBytes);
    }
  }
}
