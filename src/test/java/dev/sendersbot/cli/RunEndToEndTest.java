package dev.sendersbot.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot as {@code run} wires it: real SQLite, the SMSC sandbox and a fake Bot API over
 * HTTP.
 */
class RunEndToEndTest {
  private static final long OWNER = 4242;
  private static final long STRANGER_CHAT = 777;

  @TempDir Path dir;

  /**
   * The bot's and the provider's time: from just before a new year unless the run says otherwise.
   */
  private final TestClocks.Ticking clock = TestClocks.ticking(TestClocks.suiteStart());

  private SmscSandbox sandbox;
  private FakeBotApi telegram;
  private Config config;

  @BeforeEach
  void start() {
    sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults().withClock(clock.withZone(ZoneId.of("Europe/Moscow"))));
    sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2, "mega_step", 3));
    sandbox.seed("TaxiFast", null, null, 1, Map.of("bee_step", 8));
    telegram = FakeBotApi.start(clock);
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, OWNER);
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    Path file = dir.resolve("senders-bot.yml");
    try {
      // An ephemeral port for health and metrics, so tests can run side by side; English, which
      // the owner's notices (the stranger's access request) are read in here.
      java.nio.file.Files.writeString(file, "http:\n  port: 0\nui:\n  language: en\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    config = new ConfigLoader(env, dir).load(file).validateForRun();
  }

  @AfterEach
  void stop() {
    telegram.close();
    sandbox.close();
  }

  /**
   * The database opens beside {@code getMe} now: a start that both would fail still fails on the
   * token first, as when the database opened after it, and a database that cannot open fails the
   * start naming it.
   */
  @Test
  void aRejectedTokenFailsTheStartBeforeADatabaseThatCannotOpen() throws Exception {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve("folder.db"));
    Config broken =
        new Config(
            config.telegram(),
            config.smsc(),
            config.cache(),
            config.gateway(),
            config.watch(),
            new ConfigLoader(Map.of("SENDERS_BOT_DATABASE", folder.toString()), dir)
                .load(null)
                .storage(),
            config.http(),
            config.logging(),
            config.audit(),
            config.ui());
    telegram.failNext("getMe", 1, FakeBotApi.Failure.unauthorized());
    RuntimeException token =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class, () -> RunCommand.Running.start(broken, clock).close());
    assertTrue(String.valueOf(token.getMessage()).contains("401"), String.valueOf(token));
    assertFalse(String.valueOf(token.getMessage()).contains("folder.db"), String.valueOf(token));

    RuntimeException database =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class, () -> RunCommand.Running.start(broken, clock).close());
    assertTrue(String.valueOf(database).contains("folder.db"), String.valueOf(database));
  }

  @Test
  void answersAnOwnersSendersWithTheProvidersNamesAndDeniesAStranger() {
    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      telegram.enqueueText(OWNER, OWNER, "/senders");
      telegram.enqueueText(STRANGER_CHAT, STRANGER_CHAT, "/senders");
      // The owner gets the list and the stranger's access request; the two chats are handled in
      // parallel, so in either order.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  telegram.sentTo(OWNER).size() >= 2 && !telegram.sentTo(STRANGER_CHAT).isEmpty());
      List<String> toOwner = telegram.sentTo(OWNER).stream().map(FakeBotApi.Sent::text).toList();
      assertEquals(
          1,
          toOwner.stream().filter(t -> t.contains("Access request")).count(),
          toOwner.toString());
      String list =
          toOwner.stream().filter(t -> !t.contains("Access request")).findFirst().orElseThrow();
      assertTrue(list.contains("SHOP24") && list.contains("TaxiFast"), list);
      assertTrue(list.contains("not accepted by the operator"), "statuses in words: " + list);

      String denied = telegram.sentTo(STRANGER_CHAT).get(0).text();
      assertTrue(denied.contains(Long.toString(STRANGER_CHAT)), "tells the chat its id: " + denied);
      assertFalse(denied.contains("SHOP24") || denied.contains("TaxiFast"), denied);
      long listRequests =
          sandbox.requests().stream().filter(r -> "list".equals(r.operation())).count();
      assertTrue(listRequests <= 2, "the stranger caused no provider request: " + listRequests);
    }
  }

  @Test
  void servesHealthAndMetricsThatMoveWithCommands() throws Exception {
    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.URI base = java.net.URI.create("http://" + bot.opsAddress());
      assertTrue(
          bot.opsAddress().startsWith("127.0.0.1:"), "loopback by default: " + bot.opsAddress());
      var health =
          client.send(
              java.net.http.HttpRequest.newBuilder(base.resolve("/healthz")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());

      telegram.enqueueText(OWNER, OWNER, "/senders");
      telegram.enqueueText(OWNER, OWNER, "/senders");
      telegram.enqueueText(STRANGER_CHAT, STRANGER_CHAT, "/add X");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  telegram.sentTo(OWNER).size() >= 2 && !telegram.sentTo(STRANGER_CHAT).isEmpty());
      // Chats are handled in parallel: a reply may reach Telegram just before its handler returns
      // and is counted.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  bot.transport().lastHandledUpdateId() > 0
                      && bot.transport().updatesInFlight() == 0);
      String metrics =
          client
              .send(
                  java.net.http.HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(metrics.contains("sendersbot_updates_handled_total 3.0"), metrics);
      assertTrue(
          metrics.contains("sendersbot_commands_total{command=\"senders\",outcome=\"ok\"} 2.0"),
          metrics);
      assertTrue(
          metrics.contains("sendersbot_commands_total{command=\"add\",outcome=\"denied\"} 1.0"),
          metrics);
      assertTrue(metrics.contains("sendersbot_cache_hits_total"), metrics);
      assertTrue(
          metrics.contains("sendersbot_provider_requests_total{operation=\"get\",outcome=\"ok\"}"),
          metrics);
      assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM basics");
      assertTrue(
          metrics.matches("(?s).*sendersbot_poll_duration_seconds_count [1-9].*"),
          "the first poll ran: " + metrics);
      assertTrue(metrics.contains("sendersbot_outbox_depth 0.0"), metrics);
      assertTrue(metrics.contains("sendersbot_outbox_oldest_unsent_seconds"), metrics);
      assertFalse(metrics.contains(telegram.token()) || metrics.contains(sandbox.password()));
    }
  }

  /**
   * Polling's health compares the last getUpdates with the bot's clock: both must be read on that
   * clock, or a bot whose time is not the machine's looks dead (or alive for ever).
   */
  @Test
  void healthzJudgesTheLastPollByTheBotsOwnClock() throws Exception {
    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      telegram.enqueueText(OWNER, OWNER, "/id");
      await().atMost(Duration.ofSeconds(10)).until(() -> telegram.sentTo(OWNER).size() == 1);
      // The getUpdates that brought the /id has returned: polling now has a last time.
      await().atMost(Duration.ofSeconds(10)).until(() -> bot.transport().lastPoll().isPresent());
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      var health =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://" + bot.opsAddress() + "/healthz"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(
          health.body().matches("(?s).*last getUpdates \\d+(\\.\\d+)?s ago.*"), health.body());
    }
  }

  @Test
  void neverHandlesTheSameUpdateTwiceAcrossARestart() {
    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      telegram.enqueueText(OWNER, OWNER, "/id");
      await().atMost(Duration.ofSeconds(10)).until(() -> telegram.sentTo(OWNER).size() == 1);
    }
    // The server offers every update again, as after a lost confirmation.
    telegram.replayConfirmed();
    try (RunCommand.Running bot = RunCommand.Running.start(config, clock)) {
      bot.awaitPolling();
      telegram.enqueueText(OWNER, OWNER, "/help");
      await().atMost(Duration.ofSeconds(10)).until(() -> telegram.sentTo(OWNER).size() >= 2);
      // A second answer to the replayed /id may not show for a while.
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                List<String> texts =
                    telegram.sentTo(OWNER).stream().map(FakeBotApi.Sent::text).toList();
                assertEquals(2, texts.size(), "the /id answered once, then /help: " + texts);
              });
    }
  }
}
