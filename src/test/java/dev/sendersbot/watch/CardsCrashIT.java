package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Html;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OutboxCrashTest} with live cards and mutes in play: the sending process is killed with
 * {@code kill -9} ten times while it sends digests, sends and edits live cards (each card chat
 * follows one name whose routine moves edit its card, and whose occasional actionable move sends a
 * new one), and holds back the changes of muted names, two mutes ending during the run. Every
 * change must reach its chat, in a message, a card or edit of a card, or a mute's summary; and only
 * the message or edit in flight at a kill may arrive again, once. Then, with no kill, one routine
 * move of each card name must edit the card its chat was last sent: the cards survived the kills.
 */
class CardsCrashIT {
  static final int KILLS = 10;
  static final int DIGEST_CHATS = 8;
  static final int CARD_CHATS = 8;
  static final int NAMES = 80;
  static final int CHANGED_BETWEEN_KILLS = 16;
  static final long OWNER = 111;

  /** A card name's codes: every move routine but the one into 3 (not accepted). */
  static final int[] CYCLE = {1, 2, 0, 1, 2, 0, 3, 2};

  @TempDir Path dir;

  static long digestChat(int c) {
    return 6001 + c; // private chats: one message a second each
  }

  /** Before the digest chats in the outbox's order: their cards go first in every run. */
  static long cardChat(int c) {
    return 4001 + c;
  }

  static String digestName(int i) {
    return String.format("N%04d", i);
  }

  static String cardName(int c) {
    return String.format("C%03d", c);
  }

  /** The parent's side: the provider's names, the polls that fill the outbox, the mutes. */
  private final class Provider {
    final FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    final FakeGateway gateway = new FakeGateway(clock);
    final Map<String, Integer> codes = new LinkedHashMap<>();
    final int[] cardStep = new int[CARD_CHATS];
    final CardLedger.Polls polls = new CardLedger.Polls();

    /** How many requests the Bot API has accepted (none before it starts). */
    IntSupplier delivered = () -> 0;

    int next;

    void seed(Path file) {
      for (int i = 0; i < NAMES; i++) {
        gateway.add(null, digestName(i), 1, Map.of("mts_step", 0));
        codes.put(digestName(i), 0);
      }
      Set<String> digestNames = Set.copyOf(codes.keySet());
      for (int c = 0; c < CARD_CHATS; c++) {
        gateway.add(null, cardName(c), 1, Map.of("mts_step", 0));
      }
      try (Database db = Database.open(file)) {
        SqliteChatRegistry chats = new SqliteChatRegistry(db);
        SqliteSubscriptions subs = new SqliteSubscriptions(db, clock);
        for (int c = 0; c < DIGEST_CHATS; c++) {
          chats.grant(
              new ChatGrant(digestChat(c), Role.VIEWER, null, null, OWNER, clock.instant()));
          subs.subscribe(digestChat(c), null, digestNames);
        }
        for (int c = 0; c < CARD_CHATS; c++) {
          chats.grant(new ChatGrant(cardChat(c), Role.VIEWER, null, null, OWNER, clock.instant()));
          subs.subscribe(cardChat(c), null, Set.of(cardName(c)));
        }
      }
      poll(file); // the silent baseline
    }

    /** Mutes {@code names} in {@code chat} for {@code minutes} of the provider's time. */
    Instant mute(Path file, long chat, Set<String> names, int minutes) {
      Instant until = clock.instant().plus(Duration.ofMinutes(minutes));
      try (Database db = Database.open(file)) {
        new SqliteChatAlerts(db, clock).mute(chat, names, until, 7, false);
      }
      return until;
    }

    /**
     * Moves {@code n} digest names one status on (codes only grow, so no digest line repeats) and
     * every card name one step of {@link #CYCLE} (its lines repeat, but a card's move carries its
     * time, one poll a minute).
     */
    void change(int n) {
      List<String> names = new ArrayList<>(codes.keySet());
      for (int i = 0; i < n; i++) {
        String name = names.get(next++ % names.size());
        gateway.setOperator(null, name, "mts_step", codes.merge(name, 1, Integer::sum));
      }
      for (int c = 0; c < CARD_CHATS; c++) {
        gateway.setOperator(null, cardName(c), "mts_step", CYCLE[cardStep[c]++ % CYCLE.length]);
      }
    }

    /** Every card name one routine move on (into 0, 1 or 2, never the actionable 3). */
    void routineCardMoves() {
      for (int c = 0; c < CARD_CHATS; c++) {
        int now = CYCLE[(cardStep[c] - 1) % CYCLE.length];
        gateway.setOperator(null, cardName(c), "mts_step", (now + 1) % 3);
      }
    }

    void poll(Path file) {
      FilePoll.aMinuteLater(file, gateway, clock, OWNER);
      polls.polled(clock.instant(), delivered.getAsInt());
    }
  }

  @Test
  void killedTenTimesWithCardsAndMutesNothingIsLostAndOnlyTheMessageInFlightRepeats()
      throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path file = dir.resolve("bot.db");
    Provider provider = new Provider();
    provider.seed(file);
    // Muted from the start, ending after about three polls: its summary goes during the run.
    provider.mute(file, digestChat(0), Set.of(digestName(0), digestName(1), digestName(2)), 3);
    provider.change(NAMES);
    provider.poll(file);
    boolean[] midRunMute = {false};

    try (FakeBotApi api = FakeBotApi.start()) {
      provider.delivered = () -> api.delivered().size();
      CrashChildren children = new CrashChildren(dir, api, file, OWNER, "mutes");
      CrashChildren.Killed k =
          children.killAtRandom(
              KILLS,
              random,
              () -> api.delivered().size(),
              provider.clock::instant,
              killed -> {
                if (killed == 3 && !midRunMute[0]) {
                  // A mute of a card's name set mid-run, ending a few polls later.
                  provider.mute(file, cardChat(1), Set.of(cardName(1)), 4);
                  midRunMute[0] = true;
                }
              },
              () -> {
                provider.change(CHANGED_BETWEEN_KILLS);
                provider.poll(file);
              });
      List<Integer> inFlight = k.inFlight();
      children.finishes(k.runs(), provider.clock.instant(), Duration.ofSeconds(90));

      // How many moves the kills left to edit depends on where they fell; this coda does not.
      int beforeCoda = api.delivered().size();
      provider.routineCardMoves();
      provider.poll(file);
      children.finishes(k.runs() + 1, provider.clock.instant(), Duration.ofSeconds(90));
      List<FakeBotApi.Sent> delivered = api.delivered();
      checkCoda(delivered.subList(0, beforeCoda), delivered.subList(beforeCoda, delivered.size()));

      check(delivered, CardLedger.expected(file), provider.polls, inFlight, seed);
      try (Database db = Database.open(file)) {
        assertEquals(
            0, TestDatabase.count(db, "SELECT count(*) FROM outbox WHERE state = 'pending'"));
        assertEquals(
            0, TestDatabase.count(db, "SELECT count(*) FROM outbox WHERE state = 'failed'"));
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM mutes"), "both mutes ended");
        assertEquals(
            0, TestDatabase.count(db, "SELECT count(*) FROM muted_moves"), "all summarised");
      }
    }
  }

  /**
   * After ten kills, a routine move of each card name edits the card that chat was last sent, and
   * nothing else goes: the card each kill left behind is the one the chat sees.
   */
  private static void checkCoda(List<FakeBotApi.Sent> before, List<FakeBotApi.Sent> coda) {
    for (int c = 0; c < CARD_CHATS; c++) {
      long chat = cardChat(c);
      int lastCard = -1;
      for (FakeBotApi.Sent s : before) {
        if (s.chatId() == chat
            && s.method().equalsIgnoreCase("sendMessage")
            && Html.visibleText(s.text()).startsWith("🪪")) {
          lastCard = s.messageId();
        }
      }
      List<String> mine =
          coda.stream()
              .filter(s -> s.chatId() == chat)
              .map(s -> s.method().toLowerCase(Locale.ROOT) + " " + s.messageId())
              .toList();
      assertEquals(
          List.of("editmessagetext " + lastCard),
          mine,
          "chat " + chat + ": the routine move after the kills edits its last card");
    }
  }

  private void check(
      List<FakeBotApi.Sent> delivered,
      Map<Long, List<CardLedger.Expected>> expected,
      CardLedger.Polls polls,
      List<Integer> inFlight,
      long seed) {
    CardLedger.Tally t = CardLedger.tally(delivered, expected, polls);
    Map<Integer, Integer> repeats = t.repeats();
    System.out.printf(
        "PROOF: cards crash test: kills %d, changes %d, messages %d (sendMessage %d, edits %d),"
            + " mute summaries %d, repeats %d, lost %d (seed %d)%n",
        inFlight.size(),
        t.changes(),
        delivered.size(),
        delivered.size() - t.edits(),
        t.edits(),
        t.summaries(),
        repeats.size(),
        t.lost(),
        seed);
    assertEquals(0, t.lost(), "lost changes, for example " + t.missing() + " (seed " + seed + ")");
    assertEquals(DIGEST_CHATS + CARD_CHATS, expected.size());
    assertTrue(t.summaries() >= 2, "each mute ended with its summary: " + t.summaries());
    assertTrue(
        Set.copyOf(inFlight).containsAll(repeats.values()),
        "only a message or edit in flight at a kill may arrive again; repeated (request → first"
            + " sent in): "
            + repeats
            + ", in flight at the kills: "
            + inFlight
            + " (seed "
            + seed
            + ")");
    Map<Integer, Integer> perOrigin = new HashMap<>();
    repeats.values().forEach(o -> perOrigin.merge(o, 1, Integer::sum));
    assertTrue(
        perOrigin.values().stream().allMatch(n -> n <= 1),
        "at most one repeat per kill: " + repeats + " (seed " + seed + ")");
    assertTrue(repeats.size() <= inFlight.size(), "repeats " + repeats.size());
  }
}
