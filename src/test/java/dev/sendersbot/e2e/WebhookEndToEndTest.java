package dev.sendersbot.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.cli.Harness;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot as {@code senders-bot run} starts it in webhook mode: Telegram (the fake Bot API)
 * posts the updates over 127.0.0.1 to the webhook with the secret, as a reverse proxy would pass
 * them on; each is handled once, a post repeated is acknowledged without running again, and a post
 * without the secret is refused with nothing handled.
 */
class WebhookEndToEndTest {
  private static final long OWNER = 4242;
  private static final String SECRET = "e2e_Webhook-Secret";
  private static final String PATH = "/telegram/hook";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  private int post(URI hook, String secret, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(hook)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      r.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Config config(FakeBotApi telegram, SmscSandbox sandbox) throws IOException {
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, OWNER);
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
    Path file = dir.resolve("senders-bot.yml");
    Files.writeString(
        file,
        "http:\n  port: 0\ntelegram:\n  mode: webhook\n  webhook:\n"
            + "    url: https://bot.example.test"
            + PATH
            + "\n    port: 0\n    max-connections: 5\n");
    return new ConfigLoader(env, dir).load(file).validateForRun();
  }

  @Test
  void postedUpdatesAreHandledOnceEachAndOnlyWithTheSecret() throws Exception {
    TestClocks.Ticking clock = TestClocks.ticking(TestClocks.suiteStart());
    try (SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock));
        FakeBotApi telegram = FakeBotApi.start(clock)) {
      Config config = config(telegram, sandbox);
      URI hook;
      try (Harness.Bot bot = Harness.run(config, clock)) {
        assertEquals("https://bot.example.test" + PATH, telegram.webhookUrl(), "setWebhook");
        assertEquals(SECRET, telegram.webhookSecret());
        assertEquals(5, telegram.webhookMaxConnections());
        hook = URI.create("http://127.0.0.1:" + bot.webhookAddress().getPort() + PATH);

        telegram.deliverWebhookTo(hook);
        long first = telegram.enqueueText(OWNER, OWNER, "/id");
        telegram.enqueueText(OWNER, OWNER, "/help");
        await().atMost(WAIT).until(() -> telegram.pending() == 0);
        // An update parked behind its chat's earlier one is acknowledged once stored, and
        // answered when its turn comes: wait for the answers, then count them.
        await().atMost(WAIT).until(() -> telegram.sentTo(OWNER).size() >= 2);
        assertEquals(2, telegram.sentTo(OWNER).size(), "one answer per update");
        assertTrue(telegram.webhookAnswers().stream().allMatch(s -> s == 200));

        // Telegram missed the 200 and posts the first update again.
        assertEquals(200, post(hook, SECRET, telegram.updateJson(first)));
        String stranger =
            "{\"update_id\":"
                + (first + 100)
                + ",\"message\":{\"message_id\":77,\"date\":1700000000,\"chat\":{\"id\":"
                + OWNER
                + ",\"type\":\"private\"},\"from\":{\"id\":"
                + OWNER
                + ",\"is_bot\":false,\"first_name\":\"O\"},\"text\":\"/id\"}}";
        assertEquals(401, post(hook, "not-the-secret", stranger));
        assertEquals(401, post(hook, null, stranger));
        await().atMost(WAIT).until(() -> bot.updatesInFlight() == 0);
        assertEquals(2, telegram.sentTo(OWNER).size(), "nothing more handled");
      }
      assertEquals("", telegram.webhookUrl(), "deleteWebhook at stop");
      assertEquals(1, telegram.calls("deleteWebhook").size());
      assertTrue(telegram.calls("getUpdates").isEmpty(), "no polling in webhook mode");
    }
  }
}
