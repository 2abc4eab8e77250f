package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Reply;
import dev.sendersbot.telegram.FakeBotApi.Failure;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The bot token must never reach a log line or an exception message, whatever fails. */
class TokenSecrecyTest {
  private static final String TOKEN = "7000001:AAF-very_secret-Token_0123456789xyz";
  private static final String SECRET_PART = TOKEN.substring(TOKEN.indexOf(':') + 1);

  @Test
  void noLogLineAtDebugAndNoExceptionMessageContainsTheToken() throws Exception {
    List<String> messages = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        FakeBotApi api = FakeBotApi.start(TOKEN, TestClocks.ticking(TestClocks.NEW_YEAR_EVE))) {
      TelegramSettings config = new TelegramSettings(TOKEN, api.apiUrl());
      OkHttpClient http = new OkHttpClient();
      RecordingSink sink = new RecordingSink();
      sink.onHandle(
          in -> {
            throw new IllegalStateException("handler failed for " + in.chat().id());
          });
      api.failNext("getUpdates", 1, Failure.serverError());
      api.failNext("getUpdates", 2, Failure.drop());
      api.failNext("getUpdates", 1, Failure.conflict());
      api.failNext("getUpdates", 1, Failure.tooManyRequests(1));
      api.enqueueText(5, 5, "/start");
      TelegramTransport transport =
          new TelegramTransport(
              config,
              new MemoryBotState(),
              sink,
              http,
              new TelegramTransport.Options(
                  Duration.ofSeconds(1),
                  Duration.ofMillis(20),
                  Duration.ofMillis(100),
                  FakeClock.atEpochMilli(1_700_000_000_000L)));
      transport.start();
      await().atMost(Duration.ofSeconds(8)).until(() -> sink.received().size() == 1);
      transport.close();

      FakeClock clock = FakeClock.atEpochMilli(1_700_000_000_000L);
      FakeSleeper sleeper = FakeSleeper.advancing(clock);
      TelegramMessenger messenger =
          new TelegramMessenger(config, http, clock, sleeper, TelegramMessenger.Options.defaults());
      api.failNext("sendMessage", 1, Failure.tooManyRequests(1));
      api.failNext("sendMessage", 1, Failure.serverError());
      api.failNext("sendMessage", 2, Failure.drop());
      messenger.send(5, null, Reply.html("ok"));
      api.failNext("sendMessage", 4, Failure.serverError());
      collect(messages, () -> messenger.send(5, null, Reply.html("x")));
      api.failNext("sendMessage", 6, Failure.drop());
      collect(messages, () -> messenger.send(5, null, Reply.html("x")));
      api.blockChat(6);
      collect(messages, () -> messenger.send(6, null, Reply.html("x")));
      collect(messages, () -> messenger.send(5, null, Reply.html("<bad>")));
      collect(messages, () -> messenger.download(new Attachment("missing", null, null, 0), 10));
      api.addFile("gone", "documents/gone.pdf", new byte[] {1});
      api.failNext("getFile", 1, Failure.badGateway());
      messenger.download(new Attachment("gone", null, null, 0), 10);
      new CommandMenu(messenger)
          .publish(List.of(new MenuCommand("start", "Help")), Map.of(-1L, List.of()));
      messenger.close();

      // Nothing listens on this port: connection refused.
      int dead;
      try (ServerSocket s = new ServerSocket(0)) {
        dead = s.getLocalPort();
      }
      TelegramSettings nowhere =
          new TelegramSettings(TOKEN, URI.create("http://127.0.0.1:" + dead));
      TelegramMessenger lost =
          new TelegramMessenger(
              nowhere, http, clock, sleeper, TelegramMessenger.Options.defaults());
      collect(messages, () -> lost.send(5, null, Reply.html("x")));
      collect(messages, () -> lost.download(new Attachment("f", null, null, 0), 10));
      lost.close();

      TelegramTransport unreachable =
          new TelegramTransport(
              nowhere,
              new MemoryBotState(),
              sink,
              http,
              new TelegramTransport.Options(
                  Duration.ofSeconds(1),
                  Duration.ofMillis(20),
                  Duration.ofMillis(50),
                  FakeClock.atEpochMilli(1_700_000_000_000L)));
      Thread starter = new Thread(unreachable::start);
      starter.start();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> logs.lines().stream().anyMatch(l -> l.contains("Cannot start polling")));
      unreachable.close();
      starter.join(5000);

      List<String> lines = logs.lines();
      assertTrue(lines.size() > 20, "enough happened to be logged: " + lines.size());
      assertTrue(lines.stream().anyMatch(l -> l.contains("handler failed")));
      assertTrue(lines.stream().anyMatch(l -> l.contains("DEBUG")));
      for (String l : lines) {
        assertFalse(l.contains(SECRET_PART), "token in a log line: " + l);
      }
      assertTrue(messages.size() >= 6);
      for (String m : messages) {
        assertFalse(m.contains(SECRET_PART), "token in an exception: " + m);
      }
    }
  }

  private static void collect(List<String> messages, Runnable failing) {
    DeliveryException e = assertThrows(DeliveryException.class, failing::run);
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(t.getClass().getName() + ": " + t.getMessage() + " / " + t);
    }
  }

  @Test
  void theRedactorMasksTheTokenInAnExceptionChain() {
    TokenRedactor r = new TokenRedactor(TOKEN);
    IOException leaky =
        new IOException(
            "failed http://x/bot" + TOKEN + "/getUpdates",
            new IllegalStateException("inner " + TOKEN.replace(":", "%3A")));
    Throwable clean = r.scrub((Throwable) leaky);
    for (Throwable t = clean; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(SECRET_PART), t.getMessage());
    }
    assertTrue(clean.getMessage().contains("bot****/getUpdates"), clean.getMessage());
    IOException fine = new IOException("timeout");
    assertTrue(r.scrub(fine) == fine);
  }
}
