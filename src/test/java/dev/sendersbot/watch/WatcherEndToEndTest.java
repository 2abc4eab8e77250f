package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import dev.sendersbot.testing.TestSettings;
import dev.sendersbot.time.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real parts: the SMSC sandbox over HTTP, the real client and caching gateway,
 * SQLite, the Telegram messenger and a fake Bot API over HTTP.
 */
class WatcherEndToEndTest {
  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final long A = -100;
  static final long B = -200;
  static final long C = -300;
  static final long SHOP1 = -501;
  static final long SHOP2 = -502;
  static final long OWNER = 111;

  @TempDir Path dir;
  FakeClock clock;
  SmscSandbox sandbox;
  FakeBotApi botApi;
  OkHttpClient http;
  TelegramMessenger messenger;
  Database db;
  SqliteChatRegistry chats;
  SqliteButtonActions buttons;
  Watcher watcher;

  @BeforeEach
  void start() {
    // The second poll, an interval later, is in the next day, month and year.
    clock = new FakeClock(TestClocks.NEW_YEAR_EVE, ZoneId.of("Europe/Moscow"));
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    Clock sending = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);
    botApi = FakeBotApi.start(sending);
    http = new OkHttpClient();
    var api =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), sandbox.password()),
                Duration.ofSeconds(5)),
            http);
    var gateway =
        CachingGateway.builder(
                api,
                TestSettings.gateway(
                    new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60)))
            .clock(clock)
            .build();
    // Sending limits need time that runs on; the watcher's time moves only when the test says.
    messenger =
        new TelegramMessenger(
            new TelegramSettings(botApi.token(), botApi.apiUrl()),
            http,
            sending,
            Sleeper.system(),
            TelegramMessenger.Options.defaults());
    db = TestDatabase.open(dir.resolve("bot.db"));
    chats = new SqliteChatRegistry(db);
    buttons = new SqliteButtonActions(db, clock);
    watcher =
        Watcher.builder(db, gateway, chats, buttons, messenger, Set.of(OWNER), INTERVAL, clock)
            .build();
  }

  @AfterEach
  void stop() {
    watcher.close();
    db.close();
    messenger.close();
    botApi.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private void grant(long chatId, String subClient) {
    chats.grant(new ChatGrant(chatId, Role.VIEWER, subClient, null, OWNER, clock.instant()));
  }

  @Test
  void aStatusMovedInTheSandboxReachesEverySubscribedChatWithinOneIntervalAndNoOther() {
    sandbox.seed("ALPHA", null, null, 1, Map.of("mts_step", 1, "mega_step", 2));
    sandbox.seed("BETA", null, null, 1, Map.of("mts_step", 1));
    sandbox.seed("SHOP", "shop1", null, 1, Map.of("mts_step", 1));
    sandbox.seed("SHOP", "shop2", null, 1, Map.of("mts_step", 1));
    grant(A, null);
    grant(B, null);
    grant(C, null);
    grant(SHOP1, "shop1");
    grant(SHOP2, "shop2");
    watcher.subscriptions().subscribe(A, null, Set.of());
    watcher.subscriptions().subscribe(B, null, Set.of("BETA"));
    watcher.subscriptions().subscribe(SHOP1, null, Set.of());
    watcher.subscriptions().subscribe(SHOP2, null, Set.of());

    assertEquals(Poller.Outcome.BASELINE, watcher.poller().pollOnce().outcome());
    assertEquals(0, watcher.dispatcher().drainOnce());

    clock.advance(Duration.ofSeconds(10));
    sandbox.setOperatorStatus("ALPHA", null, "mts_step", 3);
    sandbox.setOperatorStatus("SHOP", "shop1", "mts_step", 2);
    clock.advance(INTERVAL.minusSeconds(10));
    Poller.Result r = watcher.poller().pollOnce();
    int sent = watcher.dispatcher().drainOnce();

    assertEquals(Poller.Outcome.POLLED, r.outcome());
    assertEquals(2, r.changes());
    assertEquals(2, sent);
    List<FakeBotApi.Sent> toA = botApi.sentTo(A);
    assertEquals(1, toA.size());
    assertTrue(
        toA.get(0)
            .text()
            .contains(
                "<code>ALPHA</code> · MTS: sent for registration → "
                    + "<b>not accepted by the operator</b>"),
        toA.get(0).text());
    assertTrue("HTML".equalsIgnoreCase(toA.get(0).parseMode()));
    assertFalse(toA.get(0).disableNotification(), "a rejection rings");
    ButtonAction card =
        buttons.find(toA.get(0).buttonData().get(0).get(0), clock.instant()).orElseThrow();
    assertEquals("ALPHA", card.args());
    assertEquals(A, card.chatId());

    List<FakeBotApi.Sent> toShop1 = botApi.sentTo(SHOP1);
    assertEquals(1, toShop1.size());
    assertTrue(toShop1.get(0).text().contains("<code>SHOP</code> · MTS"), toShop1.get(0).text());
    assertTrue(toShop1.get(0).disableNotification(), "an approval is silent");
    assertEquals(
        2, botApi.sent().size(), "B (BETA only), C (unsubscribed), shop2 and the owner: nothing");

    assertEquals(
        Set.of("", "shop1", "shop2"),
        Set.copyOf(
            sandbox.requests().stream()
                .filter(q -> q.ok() && q.operation().equals("get"))
                .map(q -> q.user() == null ? "" : q.user())
                .toList()),
        "the account and both bound sub-clients are watched, each with its own list");
    assertTrue(
        sandbox.requests().stream()
            .filter(q -> q.operation().equals("get"))
            .allMatch(q -> "1".equals(q.param("operators")) && "1".equals(q.param("all"))));
  }
}
