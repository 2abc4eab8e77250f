package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.ops.Metrics;
import dev.sendersbot.testing.FakeClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit as {@code run} assembles it: the configured retention purges at start-up, and what
 * unknown chats get shows in the metrics. The provider is never called here.
 */
class AuditWiringTest {
  static final long OWNER = 4242;
  @TempDir Path dir;
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-02T09:00:00Z"));
  final OkHttpClient http = ProcessHttp.create();
  final List<String> sent = new ArrayList<>();
  final Messenger out =
      new Messenger() {
        @Override
        public int send(long chatId, Integer topicId, Reply reply) {
          sent.add(chatId + ": " + reply.html());
          return sent.size();
        }

        @Override
        public void edit(long chatId, int messageId, Reply reply) {}

        @Override
        public boolean delete(long chatId, int messageId) {
          return true;
        }

        @Override
        public void answerCallback(String callbackId, String toast) {
          sent.add("toast: " + toast);
        }

        @Override
        public byte[] download(Attachment file, long maxBytes) {
          return new byte[0];
        }
      };

  @AfterEach
  void close() {
    ProcessHttp.close(http);
  }

  Config config(String yaml) throws IOException {
    Path file = dir.resolve("senders-bot.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(
            Map.of(
                "SENDERS_BOT_OWNERS", Long.toString(OWNER),
                "SMSC_BASE_URL", "http://127.0.0.1:9",
                "SMSC_LOGIN", "nobody",
                "SMSC_PASSWORD", "never-used",
                "SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString()),
            dir)
        .loadFile(file);
  }

  @Test
  void unknownChatDropsAreCountedInTheMetrics() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Metrics metrics = Metrics.on(registry);
        Assembly bot = Assembly.build(config(""), clock, http, out, "SendersBot", metrics)) {
      String before = registry.scrape();
      assertTrue(
          before.contains("sendersbot_unknown_chat_updates_total{result=\"dropped\"} 0.0"), before);
      ChatRef stranger = new ChatRef(-4004, ChatRef.Type.GROUP, "Strangers", null);
      UserRef user = new UserRef(9, "nine", "Nine");
      for (String text : List.of("/senders", "/add x", "/start")) {
        bot.core.handle(new Incoming.Message(1, stranger, user, 1, text, null, null, false), out);
      }
      bot.core.handle(new Incoming.Callback(2, stranger, user, "cb", 1, "forged"), out);
      String scrape = registry.scrape();
      assertTrue(
          scrape.contains("sendersbot_unknown_chat_updates_total{result=\"answered\"} 1.0"),
          scrape);
      assertTrue(
          scrape.contains("sendersbot_unknown_chat_updates_total{result=\"dropped\"} 3.0"), scrape);
      assertTrue(
          scrape.contains("sendersbot_commands_total{command=\"senders\",outcome=\"denied\"} 1.0"),
          scrape);
      assertEquals(
          1, sent.stream().filter(s -> s.startsWith("-4004: ")).count(), String.join("\n", sent));
      assertEquals(List.of(), bot.stores.audit().recent(10));
    }
  }

  @Test
  void retentionPurgesOldAuditRowsAtStartUp() throws IOException {
    Config config = config("audit:\n  retention: 30d\n");
    assertEquals(Duration.ofDays(30), config.audit().retention());
    try (Assembly bot = Assembly.build(config, clock, http, out, "SendersBot", Metrics.noop())) {
      bot.stores
          .audit()
          .record(
              new AuditEntry(
                  0, clock.instant(), -1001, 7, "ann", "sender", "old", "old", "allowed", "ok"));
      bot.stores.audit().countUnknownChat(-4004, clock.instant());
    }
    clock.advance(Duration.ofDays(20));
    try (Assembly bot = Assembly.build(config, clock, http, out, "SendersBot", Metrics.noop())) {
      bot.stores
          .audit()
          .record(
              new AuditEntry(
                  0, clock.instant(), -1001, 7, "ann", "sender", "new", "new", "allowed", "ok"));
      assertEquals(2, bot.stores.audit().recent(10).size(), "20 days old: kept");
    }
    clock.advance(Duration.ofDays(11));
    try (Assembly bot = Assembly.build(config, clock, http, out, "SendersBot", Metrics.noop())) {
      List<AuditEntry> left = bot.stores.audit().recent(10);
      assertEquals(
          List.of("new"),
          left.stream().map(AuditEntry::senderName).toList(),
          "31 days old: purged by the start-up alone");
      assertEquals(0, bot.stores.audit().unknownChats(Instant.EPOCH).answered());
    }
  }
}
