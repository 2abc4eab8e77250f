package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport in webhook mode against the fake Bot API: setWebhook at start, deleteWebhook at
 * stop, and every update posted over 127.0.0.1 with the secret handled exactly once, whatever order
 * and however often Telegram posts it.
 */
class WebhookTransportTest {
  private static final long ALICE = 1001;
  private static final long BOB = 1002;
  private static final String SECRET = "s3cret_Token-for-tests";
  private static final URI PUBLIC_URL = URI.create("https://bot.example.test/telegram/hook");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http = new OkHttpClient();
  private final List<TelegramTransport> transports = new ArrayList<>();
  private final TestClocks.Ticking clock = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);

  private FakeBotApi api;
  private MemoryBotState state;
  private RecordingSink sink;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start(clock);
    state = new MemoryBotState();
    sink = new RecordingSink();
  }

  @AfterEach
  void tearDown() {
    transports.forEach(TelegramTransport::close);
    api.close();
  }

  private TelegramTransport started(URI url) {
    TelegramTransport t =
        new TelegramTransport(
            new TelegramSettings(api.token(), api.apiUrl()),
            new WebhookSettings(url, "127.0.0.1", 0, SECRET, 7),
            state,
            sink,
            http,
            new TelegramTransport.Options(
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(400), clock));
    transports.add(t);
    t.start();
    return t;
  }

  private TelegramTransport started() {
    return started(PUBLIC_URL);
  }

  private static String text(long updateId, long chatId, String text) {
    return "{\"update_id\":"
        + updateId
        + ",\"message\":{\"message_id\":"
        + updateId % 100_000
        + ",\"date\":1700000000,\"chat\":{\"id\":"
        + chatId
        + ",\"type\":\"private\"},\"from\":{\"id\":"
        + chatId
        + ",\"is_bot\":false,\"first_name\":\"A\"},\"text\":\""
        + text
        + "\"}}";
  }

  private int post(TelegramTransport t, String path, String secret, String body)
      throws IOException {
    InetSocketAddress a = t.webhookAddress();
    Request.Builder r =
        new Request.Builder()
            .url("http://127.0.0.1:" + a.getPort() + path)
            .post(RequestBody.create(body, JSON));
    if (secret != null) {
      r.header(WebhookServer.SECRET_HEADER, secret);
    }
    try (Response response = http.newCall(r.build()).execute()) {
      return response.code();
    }
  }

  private int post(TelegramTransport t, String body) throws IOException {
    return post(t, "/telegram/hook", SECRET, body);
  }

  @Test
  void setsTheWebhookWithTheSecretAtStartAndDeletesItAtStop() {
    TelegramTransport t = started();
    assertTrue(t.isPolling(), "serving");
    assertEquals(PUBLIC_URL.toString(), api.webhookUrl());
    assertEquals(SECRET, api.webhookSecret());
    assertEquals(7, api.webhookMaxConnections());
    assertEquals(
        java.util.Set.copyOf(TelegramTransport.ALLOWED_UPDATES),
        java.util.Set.copyOf(api.webhookAllowedUpdates()),
        "the update types polling asks for");
    assertTrue(api.calls("getUpdates").isEmpty(), "no polling beside the webhook");
    assertTrue(
        api.calls("setWebhook").get(0).text("drop_pending_updates").equals("false"),
        "updates waiting at Telegram are kept");

    t.close();
    assertEquals("", api.webhookUrl(), "deleteWebhook at stop");
    assertEquals(1, api.calls("deleteWebhook").size());
    assertFalse(
        api.calls("deleteWebhook").get(0).flag("drop_pending_updates"),
        "what arrives meanwhile waits for the next start");
  }

  @Test
  void aReplicaHandingOverStopsServingButLeavesTheWebhookForTheNewLeader() throws Exception {
    TelegramTransport t = started();
    t.handOver();
    assertFalse(t.isPolling(), "no longer serving");
    assertTrue(api.calls("deleteWebhook").isEmpty(), "no deleteWebhook: the new leader set it");
    assertEquals(PUBLIC_URL.toString(), api.webhookUrl());
    assertThrows(IOException.class, () -> post(t, text(900, 5, "hi")), "not listening");
    assertTrue(sink.received().isEmpty());
  }

  @Test
  void eachUpdateIsHandledOnceAndARetriedOneIsAcknowledgedWithoutRunningAgain() throws Exception {
    TelegramTransport t = started();
    assertEquals(200, post(t, text(700, ALICE, "/start")));
    assertEquals(List.of(700L), sink.updateIds(), "answered 200 only once handled");
    assertEquals(200, post(t, text(701, BOB, "/id")));
    // Telegram did not get the first answer and posts it again.
    assertEquals(200, post(t, text(700, ALICE, "/start")));
    assertEquals(List.of(700L, 701L), sink.updateIds());
    assertTrue(state.isHandled(700) && state.isHandled(701), "recorded before the 200");
  }

  @Test
  void aWrongOrMissingSecretIs401AndNothingIsHandled() throws Exception {
    TelegramTransport t = started();
    assertEquals(401, post(t, "/telegram/hook", "wrong", text(800, ALICE, "/start")));
    assertEquals(401, post(t, "/telegram/hook", null, text(801, ALICE, "/start")));
    assertEquals(401, post(t, "/telegram/hook", SECRET + "x", text(802, ALICE, "/start")));
    assertEquals(404, post(t, "/other", SECRET, text(803, ALICE, "/start")));
    assertTrue(sink.received().isEmpty());
    assertFalse(state.isHandled(800), "not recorded either: Telegram's real copy still counts");
    assertEquals(200, post(t, text(800, ALICE, "/start")));
    assertEquals(List.of(800L), sink.updateIds());
  }

  // Telegram posts different chats side by side and retries a failed post later: an update may
  // arrive after a later one has finished, and must still be handled.
  @Test
  void anUpdateArrivingAfterALaterOneIsStillHandled() throws Exception {
    state.markHandled(899); // an earlier run's offset
    TelegramTransport t = started();
    assertEquals(200, post(t, text(901, BOB, "/id")));
    assertEquals(899, state.lastUpdateId().orElse(0), "901 alone: 900 may still come");
    assertEquals(200, post(t, text(900, ALICE, "/start")));
    assertEquals(List.of(901L, 900L), sink.updateIds());
    assertEquals(901, state.lastUpdateId().orElse(0), "the offset passes both once both are done");
    assertEquals(200, post(t, text(900, ALICE, "/start")));
    assertEquals(2, sink.received().size());
  }

  @Test
  void anUpdateHandledBeforeARestartIsNotHandledAgainWhenPostedAgain() throws Exception {
    TelegramTransport first = started();
    assertEquals(200, post(first, text(1001, BOB, "/id")));
    assertEquals(200, post(first, text(1003, ALICE, "/id")));
    first.close();

    TelegramTransport second = started();
    assertEquals(200, post(second, text(1003, ALICE, "/id")));
    assertEquals(200, post(second, text(1002, ALICE, "/start")));
    assertEquals(List.of(1001L, 1003L, 1002L), sink.updateIds());
  }

  // Why: after a week without updates Telegram may start its update ids over, below the saved
  // offset; every such update was taken for one handled before, answered 200 and dropped, for
  // as long as the new ids stayed below the old ones.
  @Test
  void updateIdsThatStartedOverAfterAWeekWithoutUpdatesAreHandled() throws Exception {
    state.markHandled(5000);
    state.markHeard(clock.instant().minus(Duration.ofDays(8)));
    TelegramTransport t = started();

    assertEquals(200, post(t, text(12, BOB, "/id")));
    assertEquals(200, post(t, text(13, ALICE, "/start")));
    assertEquals(
        200, post(t, text(12, BOB, "/id")), "Telegram did not get the 200 and posts again");

    assertEquals(List.of(12L, 13L), sink.updateIds());
    assertEquals(13, state.lastUpdateId().orElse(0), "the offset starts over with the ids");
  }

  @Test
  void anUpdateBelowTheOffsetWithinADayOfTheLastOneIsARepeatNotANewStart() throws Exception {
    state.markHandled(5000);
    state.markHeard(clock.instant().minus(Duration.ofHours(23)));
    TelegramTransport t = started();

    assertEquals(200, post(t, text(4999, BOB, "/id")));

    assertTrue(sink.received().isEmpty(), "Telegram keeps an update a day: this one was handled");
    assertEquals(5000, state.lastUpdateId().orElse(0));
  }

  // Why: an update the library cannot read was answered 400, and Telegram posted it again and
  // again; it is skipped as polling skips it.
  @Test
  void anUpdateThatCannotBeReadIsAcknowledgedAndSkipped() throws Exception {
    TelegramTransport t = started();
    String unreadable =
        "{\"update_id\":1200,\"message\":{\"message_id\":1,\"date\":0,\"chat\":\"oops\"}}";

    assertEquals(200, post(t, unreadable));
    assertEquals(200, post(t, text(1201, ALICE, "/start")));

    assertEquals(List.of(1201L), sink.updateIds());
    assertTrue(state.isHandled(1200), "recorded, so a repeat is recognised");
    assertEquals(400, post(t, "{\"message\":{}}"), "no update_id: no update at all");
  }

  @Test
  void anUpdateStillRunningAtStopIsNotAcknowledgedSoTelegramPostsItAgain() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    sink.onHandle(
        in -> {
          running.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    TelegramTransport t = started();
    int[] status = new int[1];
    Thread poster =
        new Thread(
            () -> {
              try {
                status[0] = post(t, text(1100, ALICE, "/start"));
              } catch (IOException e) {
                status[0] = -1;
              }
            });
    poster.start();
    assertTrue(running.await(10, TimeUnit.SECONDS));
    Thread closer = new Thread(t::close);
    closer.start();
    await().atMost(WAIT).until(() -> !poster.isAlive());
    release.countDown();
    closer.join(10_000);
    assertTrue(status[0] != 200, "not acknowledged while unfinished: " + status[0]);
  }

  @Test
  void theWebhookListensBeforeSetWebhookAndServesThePathOfTheUrl() throws Exception {
    TelegramTransport t = started(URI.create("https://bot.example.test:8443/a/b"));
    assertEquals(200, post(t, "/a/b", SECRET, text(1200, ALICE, "/id")));
    assertEquals(List.of(1200L), sink.updateIds());
  }

  @Test
  void aWebhookTheBotApiRefusesStopsStartWithItsReason() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> started(URI.create("https://bot.example.test:9999/hook")));
    assertTrue(e.getMessage().contains("telegram.webhook.url"), e.getMessage());
    assertTrue(e.getMessage().contains("ports 80, 88, 443 or 8443"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }
}
