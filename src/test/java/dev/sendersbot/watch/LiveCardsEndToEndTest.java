package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.FakeBotApi.Sent;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestSettings;
import dev.sendersbot.time.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live cards through the real Telegram adapter: the SMSC sandbox over HTTP, the caching gateway,
 * SQLite, the Telegram messenger and the fake Bot API answering editMessageText as Telegram does.
 */
class LiveCardsEndToEndTest {
  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final long CHAT = 5001;
  static final long OWNER = 111;

  @TempDir Path dir;
  FakeClock clock;
  SmscSandbox sandbox;
  FakeBotApi botApi;
  OkHttpClient http;
  TelegramMessenger messenger;
  SendersGateway gateway;
  Clock sending;
  Database db;
  Watcher watcher;

  @BeforeEach
  void start() {
    clock = new FakeClock(TestClocks.NEW_YEAR_EVE, ZoneOffset.UTC);
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    sending = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);
    botApi = FakeBotApi.start(sending);
    http = new OkHttpClient();
    gateway =
        CachingGateway.builder(
                SmscClients.http(
                    new SmscSettings(
                        sandbox.baseUrl(),
                        Credentials.password(sandbox.login(), sandbox.password()),
                        Duration.ofSeconds(5)),
                    http),
                TestSettings.gateway(
                    new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(1)))
            .clock(clock)
            .build();
    boot();
    new SqliteChatRegistry(db)
        .grant(new ChatGrant(CHAT, Role.VIEWER, null, null, OWNER, clock.instant()));
    watcher.subscriptions().subscribe(CHAT, null, Set.of("ALPHA"));
    sandbox.seed("ALPHA", null, null, 1, Map.of("mts_step", 0, "mega_step", 0));
    assertEquals(Poller.Outcome.BASELINE, watcher.poller().pollOnce().outcome());
  }

  /** The bot's process: the database, the messenger and the watcher, as a start makes them. */
  private void boot() {
    messenger =
        new TelegramMessenger(
            new TelegramSettings(botApi.token(), botApi.apiUrl()),
            http,
            sending,
            Sleeper.system(),
            TelegramMessenger.Options.defaults());
    db = Database.open(dir.resolve("bot.db"));
    watcher =
        Watcher.builder(
                db,
                gateway,
                new SqliteChatRegistry(db),
                new SqliteButtonActions(db, clock),
                messenger,
                Set.of(OWNER),
                INTERVAL,
                clock)
            .build();
  }

  private void shutDown() {
    watcher.close();
    db.close();
    messenger.close();
  }

  @AfterEach
  void stop() {
    shutDown();
    botApi.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Moves ALPHA's operator in the sandbox, then polls and sends as the watcher would. */
  private void move(String field, int code) {
    clock.advance(Duration.ofSeconds(10));
    sandbox.setOperatorStatus("ALPHA", null, field, code);
    clock.advance(INTERVAL.minusSeconds(10));
    Poller.Result r = watcher.poller().pollOnce();
    assertEquals(Poller.Outcome.POLLED, r.outcome(), String.valueOf(r.error()));
    watcher.dispatcher().drainOnce();
  }

  @Test
  void twoRoutineMovesAreOneMessageAndOneSilentEditOfIt() {
    move("mts_step", 1);
    move("mts_step", 2);

    assertEquals(1, botApi.calls("sendMessage").size(), "one message");
    List<Sent> edits = botApi.edits();
    assertEquals(1, edits.size(), "and one edit");
    Sent card = botApi.sent().get(0);
    assertEquals(card.messageId(), edits.get(0).messageId(), "of that same message");
    assertTrue(card.disableNotification(), "a routine move is silent");
    String now = botApi.messageText(CHAT, card.messageId());
    assertTrue(now.startsWith("🪪 ALPHA\nModeration: allowed\n"), now);
    assertTrue(now.contains("\nMTS: allowed by the operator\n"), "its status now: " + now);
    assertTrue(now.contains("\nMegafon: awaiting registration\n"), "every operator's: " + now);
    assertTrue(now.contains("ALPHA · MTS: awaiting registration → sent for registration"), now);
    assertTrue(now.endsWith("ALPHA · MTS: sent for registration → allowed by the operator"), now);
    assertEquals(
        List.of("🔎 ALPHA", "🔕 1 h", "🔕 1 day", "🔕 this name"),
        edits.get(0).buttonTexts().stream().flatMap(List::stream).toList(),
        "the card keeps its card and mute buttons");
  }

  @Test
  void anActionableMoveIsANewAudibleCardAndTheOldOneSaysWhereItWent() {
    move("mts_step", 1);
    move("mega_step", 3);

    List<Sent> sent = botApi.sent();
    assertEquals(2, sent.size());
    assertTrue(sent.get(0).disableNotification());
    assertFalse(sent.get(1).disableNotification(), "a rejection rings");
    assertTrue(sent.get(1).text().contains("<b>not accepted by the operator</b>"));
    String old = botApi.messageText(CHAT, sent.get(0).messageId());
    assertTrue(old.endsWith("This card continues in a newer message below."), old);

    move("mts_step", 2);
    assertEquals(2, botApi.sent().size(), "the routine move after it edits the new card");
    Sent last = botApi.edits().get(botApi.edits().size() - 1);
    assertEquals(sent.get(1).messageId(), last.messageId());
  }

  @Test
  void aCardDeletedInTheChatIsSentAnew() {
    move("mts_step", 1);
    int first = botApi.sent().get(0).messageId();
    botApi.deleteByUser(CHAT, first);

    move("mts_step", 2);

    assertEquals(2, botApi.sent().size(), "the edit was refused: a new card");
    assertEquals(1, botApi.calls("editMessageText").size(), "an edit was tried first");
    assertTrue(botApi.edits().isEmpty(), "and refused");
    int second = botApi.sent().get(1).messageId();
    move("mega_step", 1);
    assertEquals(2, botApi.sent().size());
    assertEquals(second, botApi.edits().get(0).messageId(), "and the new card is the live one");
  }

  @Test
  void aCardTelegramWillNotEditIsSentAnew() {
    move("mts_step", 1);
    botApi.forbidEdit(CHAT, botApi.sent().get(0).messageId());
    move("mts_step", 2);
    assertEquals(2, botApi.sent().size(), "message can't be edited: a new card");
    assertTrue(
        botApi.sent().get(1).text().contains("allowed by the operator"),
        botApi.sent().get(1).text());
  }

  // Why: Telegram says "message is not modified" when the card already reads what the edit asks,
  // as when an edit went through but its answer was lost and it is tried again; a second card
  // for the same moves pinged the chat twice.
  @Test
  void aCardThatAlreadyReadsTheEditIsNotSentAgain() {
    move("mts_step", 1);
    botApi.failNext(
        "editMessageText",
        1,
        FakeBotApi.Failure.badRequest(
            "message is not modified: specified new message content and reply markup are exactly"
                + " the same as a current content and reply markup of the message"));
    move("mts_step", 2);
    assertEquals(1, botApi.sent().size(), "the card reads the edit already: no second card");
    move("mega_step", 1);
    assertEquals(1, botApi.sent().size());
    assertEquals(botApi.sent().get(0).messageId(), botApi.edits().get(0).messageId());
    assertTrue(botApi.edits().get(0).text().contains("Megafon: sent for registration"));
  }

  @Test
  void aRestartBetweenMovesKeepsEditingTheSameCard() {
    move("mts_step", 1);
    int card = botApi.sent().get(0).messageId();

    shutDown();
    boot();
    move("mts_step", 2);

    assertEquals(1, botApi.sent().size());
    assertEquals(card, botApi.edits().get(0).messageId());
  }

  /** Moves ALPHA's operator in the sandbox and polls, without sending: the outbox fills up. */
  private void moveUnsent(String field, int code) {
    clock.advance(Duration.ofSeconds(10));
    sandbox.setOperatorStatus("ALPHA", null, field, code);
    clock.advance(INTERVAL.minusSeconds(10));
    Poller.Result r = watcher.poller().pollOnce();
    assertEquals(Poller.Outcome.POLLED, r.outcome(), String.valueOf(r.error()));
  }

  @Test
  void moreMovesAtOnceThanACardListsAreEachShown() {
    move("mts_step", 1); // the card
    // Seven routine moves queue while nothing is sent (the bot was down, or Telegram held it).
    int[] codes = {2, 0, 1, 2, 0, 1, 2};
    for (int code : codes) {
      moveUnsent("mts_step", code);
    }
    watcher.dispatcher().drainOnce();

    String all =
        String.join(
            "\n", botApi.delivered().stream().map(s -> FakeBotApi.visibleText(s.text())).toList());
    long shown = all.lines().filter(l -> l.contains("ALPHA · MTS:")).distinct().count();
    assertEquals(1 + codes.length, shown, "every move was shown, each in its own line: " + all);
  }

  @Test
  void aBurstOfSeveralNamesIsAFewDigestsNotACardPerName() {
    long team = 5002;
    new SqliteChatRegistry(db)
        .grant(new ChatGrant(team, Role.VIEWER, null, null, OWNER, clock.instant()));
    watcher.subscriptions().subscribe(team, null, Set.of());
    String[] fields = {"mts_step", "mega_step", "bee_step", "tele2_step"};
    for (int i = 0; i < 50; i++) {
      sandbox.seed(
          String.format("BURST%02d", i),
          null,
          null,
          1,
          Map.of(fields[0], 0, fields[1], 0, fields[2], 0, fields[3], 0));
    }
    clock.advance(INTERVAL);
    assertEquals(Poller.Outcome.POLLED, watcher.poller().pollOnce().outcome());
    watcher.dispatcher().drainOnce(); // the new names, as a digest
    int before = botApi.delivered().size();

    for (int i = 0; i < 50; i++) {
      for (String f : fields) {
        sandbox.setOperatorStatus(String.format("BURST%02d", i), null, f, 1);
      }
    }
    clock.advance(INTERVAL);
    assertEquals(Poller.Outcome.POLLED, watcher.poller().pollOnce().outcome());
    watcher.dispatcher().drainOnce();

    List<Sent> burst = botApi.delivered().subList(before, botApi.delivered().size());
    List<Sent> toTeam = burst.stream().filter(s -> s.chatId() == team).toList();
    assertTrue(
        toTeam.stream().allMatch(s -> s.method().equalsIgnoreCase("sendMessage")),
        "no edit for a burst: " + toTeam.stream().map(Sent::method).toList());
    assertTrue(
        toTeam.size() >= 2 && toTeam.size() <= 6,
        "200 changes are a few digests, not 200 messages: " + toTeam.size());
    assertTrue(
        toTeam.stream().noneMatch(s -> FakeBotApi.visibleText(s.text()).startsWith("🪪")),
        "and no card");
    int named = 0;
    for (Sent s : toTeam) {
      java.util.regex.Matcher head =
          java.util.regex.Pattern.compile("^Status changes of (\\d+) sender names")
              .matcher(FakeBotApi.visibleText(s.text()));
      assertTrue(head.find(), "each digest says how many names it is about: " + s.text());
      named += Integer.parseInt(head.group(1));
    }
    assertTrue(named >= 50 && named < 50 + toTeam.size(), "each name in one digest: " + named);
    long lines =
        toTeam.stream()
            .flatMap(s -> FakeBotApi.visibleText(s.text()).lines())
            .filter(l -> l.contains(" · "))
            .distinct()
            .count();
    assertEquals(200, lines, "every change in them, once");

    // One name moving alone still edits its card.
    move("mts_step", 1);
    int edits = botApi.edits().size();
    move("mts_step", 2);
    assertTrue(
        botApi.edits().subList(edits, botApi.edits().size()).stream()
            .anyMatch(e -> e.chatId() == CHAT),
        "a single name's routine move edits its card");
  }

  @Test
  void aRussianChatsCardIsInRussianInItsZoneAndFollowsLangAtSendTime() {
    shutDown();
    messenger =
        new TelegramMessenger(
            new TelegramSettings(botApi.token(), botApi.apiUrl()),
            http,
            sending,
            Sleeper.system(),
            TelegramMessenger.Options.defaults());
    db = Database.open(dir.resolve("bot.db"));
    dev.sendersbot.store.SqliteChatSettings settings =
        new dev.sendersbot.store.SqliteChatSettings(db);
    settings.language(CHAT, dev.sendersbot.i18n.Lang.RU);
    settings.zone(CHAT, java.time.ZoneId.of("Europe/Moscow"));
    watcher =
        Watcher.builder(
                db,
                gateway,
                new SqliteChatRegistry(db),
                new SqliteButtonActions(db, clock),
                messenger,
                Set.of(OWNER),
                INTERVAL,
                clock)
            .events(WatchEvents.NONE)
            .readers(settings, dev.sendersbot.i18n.Lang.EN, ZoneOffset.UTC)
            .build();

    move("mts_step", 1);
    Sent card = botApi.sent().get(0);
    String text = FakeBotApi.visibleText(card.text());
    assertTrue(text.startsWith("🪪 ALPHA\nМодерация: "), text);
    assertTrue(text.contains("\nПоследние изменения:\n1 янв. 03:00 МСК "), text);
    assertEquals(
        List.of("🔎 ALPHA", "🔕 1 ч", "🔕 1 день", "🔕 это имя"),
        card.buttonTexts().stream().flatMap(List::stream).toList());

    // /lang en, written as the chat core writes it (another repository over the same database).
    new dev.sendersbot.store.SqliteChatSettings(db).language(CHAT, dev.sendersbot.i18n.Lang.EN);
    move("mts_step", 2);
    String edited = botApi.messageText(CHAT, card.messageId());
    assertTrue(edited.startsWith("🪪 ALPHA\nModeration: "), "the next edit in English: " + edited);
  }
}
