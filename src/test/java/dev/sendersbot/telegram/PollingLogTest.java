package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sendersbot.telegram.FakeBotApi.Failure;
import dev.sendersbot.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, hole 8: TelegramBots logged every failed getUpdates at ERROR by itself, so one Telegram
 * hiccup tripped ERROR-based alerting. The real library polls the fake Bot API on 127.0.0.1 through
 * the real LogConfigurator; the log is read as an operator's alerting would read it.
 */
class PollingLogTest {
  private static final long ALICE = 1001;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String LIBRARY = "org.telegram.telegrambots.longpolling.BotSession";

  private final OkHttpClient http = new OkHttpClient();
  private final FakeClock clock = FakeClock.atEpochMilli(1_700_000_000_000L);
  private FakeBotApi api;
  private RecordingSink sink;
  private TelegramTransport transport;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start();
    sink = new RecordingSink();
  }

  @AfterEach
  void tearDown() {
    if (transport != null) {
      transport.close();
    }
    api.close();
  }

  private void start() {
    start(Duration.ofMillis(50), Duration.ofMillis(400));
  }

  private void start(Duration backOffMin, Duration backOffMax) {
    transport =
        new TelegramTransport(
            new TelegramSettings(api.token(), api.apiUrl()),
            new MemoryBotState(),
            sink,
            http,
            new TelegramTransport.Options(Duration.ofSeconds(1), backOffMin, backOffMax, clock));
    transport.start();
  }

  @Test
  void failedPollIsOneWarnWithContext() {
    try (LogCapture logs = new LogCapture()) {
      api.failNext("getUpdates", 1, Failure.badGateway());
      api.failNext("getUpdates", 1, Failure.serverError());
      api.enqueueText(ALICE, ALICE, "after the hiccup");
      start();
      await().atMost(WAIT).until(() -> sink.received().size() == 1);

      List<ILoggingEvent> events = logs.events();
      assertEquals(List.of(), at(events, Level.ERROR), "no ERROR for a failed poll");
      List<String> warns = at(events, Level.WARN);
      assertEquals(2, warns.size(), "one WARN per failed poll: " + warns);
      String first = warns.get(0);
      assertTrue(first.contains("getUpdates failed: HTTP 502 Bad Gateway"), first);
      assertTrue(first.contains("1 in a row; next poll in 50 ms"), first);
      String second = warns.get(1);
      assertTrue(second.contains("getUpdates failed: HTTP 500"), second);
      assertTrue(second.contains("2 in a row; next poll in 100 ms"), second);
      // The library's own line, stack trace and all, is still there for whoever turns on DEBUG.
      assertEquals(
          2,
          events.stream()
              .filter(
                  e ->
                      e.getLoggerName().equals(LIBRARY)
                          && e.getLevel() == Level.DEBUG
                          && e.getFormattedMessage()
                              .startsWith("Error received from Telegram GetUpdates Request")
                          && e.getThrowableProxy() != null)
              .count(),
          "library lines kept at DEBUG");
    }
  }

  @Test
  void failedPollWithoutAnAnswerNamesTheExceptionKind() {
    try (LogCapture logs = new LogCapture()) {
      start();
      await().atMost(WAIT).until(() -> api.waitingPolls() == 1);
      // Telegram's side goes away: the waiting poll ends and no later one can connect.
      api.close();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  at(logs.events(), Level.WARN).stream()
                      .anyMatch(
                          l ->
                              l.contains(
                                  "getUpdates failed: ConnectException: Failed to connect")));
      List<String> warns = at(logs.events(), Level.WARN);
      assertEquals(List.of(), at(logs.events(), Level.ERROR), "a few seconds down is no ERROR");
      for (String w : warns) {
        assertTrue(w.contains("getUpdates failed: ") && w.contains(" in a row; next poll in "), w);
        assertFalse(w.contains(api.token()), w);
      }
    }
  }

  @Test
  void pollingDownForAMinuteIsOneError() {
    try (LogCapture logs = new LogCapture()) {
      // Each poll takes 20 s of the bot's time: failures 1-6 come 20 s apart.
      api.onCall(
          c -> {
            if (c.method().equalsIgnoreCase("getUpdates")) {
              clock.advance(Duration.ofSeconds(20));
            }
          });
      api.failNext("getUpdates", 6, Failure.badGateway());
      api.enqueueText(ALICE, ALICE, "after the outage");
      start();
      // The library resets its back-off, and so reports the recovery, before it hands over updates.
      await().atMost(WAIT).until(() -> sink.received().size() == 1);

      List<ILoggingEvent> events = logs.events();
      List<String> errors = at(events, Level.ERROR);
      assertEquals(1, errors.size(), "one ERROR for one outage: " + errors);
      String error = errors.get(0);
      // Failure 5 is the first more than a minute after failure 1.
      assertTrue(error.contains("getUpdates has failed for 80 s"), error);
      assertTrue(error.contains("5 in a row") && error.contains("HTTP 502"), error);
      assertEquals(5, at(events, Level.WARN).size(), "the other failed polls stay WARN");
      String recovered =
          at(events, Level.INFO).stream()
              .filter(l -> l.contains("getUpdates works again"))
              .findFirst()
              .orElseThrow();
      assertTrue(recovered.contains("6 failed polls"), recovered);
    }
  }

  @Test
  void aShortOutageNeverRaisesAnError() {
    try (LogCapture logs = new LogCapture()) {
      api.onCall(
          c -> {
            if (c.method().equalsIgnoreCase("getUpdates")) {
              clock.advance(Duration.ofSeconds(20));
            }
          });
      // Failures at 20, 40, 60 and 80 s: down for exactly 60 s, not longer.
      api.failNext("getUpdates", 4, Failure.badGateway());
      api.enqueueText(ALICE, ALICE, "after the outage");
      start();
      await().atMost(WAIT).until(() -> sink.received().size() == 1);
      List<ILoggingEvent> events = logs.events();
      assertEquals(List.of(), at(events, Level.ERROR));
      assertEquals(4, at(events, Level.WARN).size());
      assertTrue(
          at(events, Level.INFO).stream()
              .anyMatch(l -> l.contains("getUpdates works again") && l.contains("4 failed polls")),
          "the recovery is told");
    }
  }

  @Test
  void aRejectedTokenIsOneErrorAtOnce() {
    try (LogCapture logs = new LogCapture()) {
      api.failNext("getUpdates", 3, Failure.unauthorized());
      api.enqueueText(ALICE, ALICE, "after the new token");
      start();
      await().atMost(WAIT).until(() -> sink.received().size() == 1);

      List<ILoggingEvent> events = logs.events();
      List<String> errors = at(events, Level.ERROR);
      assertEquals(1, errors.size(), "no waiting makes a revoked token work: " + errors);
      assertTrue(
          errors.get(0).contains("HTTP 401")
              && errors.get(0).contains("telegram.token is wrong or revoked")
              && errors.get(0).contains("1 in a row"),
          errors.get(0));
      assertEquals(2, at(events, Level.WARN).size());
    }
  }

  @Test
  void aFailedPollsDescriptionNeverCarriesTheToken() {
    try (LogCapture logs = new LogCapture()) {
      // A proxy or a local Bot API server may echo the path, token included.
      api.failNext(
          "getUpdates", 1, Failure.badRequest("no such path /bot" + api.token() + "/getUpdates"));
      api.enqueueText(ALICE, ALICE, "hello");
      start();
      await().atMost(WAIT).until(() -> sink.received().size() == 1);

      List<String> warns = at(logs.events(), Level.WARN);
      assertEquals(1, warns.size(), warns.toString());
      assertTrue(warns.get(0).contains("HTTP 400"), warns.get(0));
      assertTrue(warns.get(0).contains("no such path /bot****/getUpdates"), warns.get(0));
      assertFalse(warns.get(0).contains(api.token()), warns.get(0));
    }
  }

  // The library logged a WARN with a stack trace when close() cut its wait short, on every stop
  // during an outage.
  @Test
  void stoppingDuringTheWaitAfterAFailedPollLogsNoWarning() {
    try (LogCapture logs = new LogCapture()) {
      api.failNext("getUpdates", 1, Failure.badGateway());
      start(Duration.ofSeconds(30), Duration.ofSeconds(30));
      await().atMost(WAIT).until(() -> !at(logs.events(), Level.WARN).isEmpty());
      transport.close();

      List<ILoggingEvent> events = logs.events();
      assertEquals(
          1, at(events, Level.WARN).size(), "only the failed poll: " + at(events, Level.WARN));
      assertEquals(List.of(), at(events, Level.ERROR));
      assertTrue(
          events.stream()
              .anyMatch(
                  e ->
                      e.getLoggerName().equals(LIBRARY)
                          && e.getLevel() == Level.DEBUG
                          && e.getFormattedMessage().startsWith("GetUpdates got interrupted")),
          "the library's line kept at DEBUG");
      assertTrue(
          at(events, Level.INFO).stream().noneMatch(l -> l.contains("works again")),
          "an aborted wait is no recovery");
    }
  }

  private static List<String> at(List<ILoggingEvent> events, Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        // The JDK server under FakeBotApi is Telegram's side of the wire, not the bot.
        .filter(e -> !e.getLoggerName().startsWith("com.sun.net.httpserver"))
        .map(e -> e.getLoggerName() + " " + e.getFormattedMessage())
        .toList();
  }
}
