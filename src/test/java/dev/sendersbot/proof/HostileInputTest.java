package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SentCode;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramTransport;
import dev.sendersbot.telegram.UpdateSink;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.time.Sleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 1: hostile input through the whole bot — real SQLite, the SMSC sandbox, the fake
 * Bot API, long polling, the chat core, the gateway and the watcher.
 */
class HostileInputTest {
  private static final long SEED = Long.getLong("proof.seed", 20_250_115L);

  /**
   * Ten thousand updates through long polling and the chat core, with the real messenger minus its
   * per-chat rate limiter (at one message a second per chat the run would take hours); each update
   * is handled alone, so every provider request and every message is attributed to it.
   */
  @Test
  void tenThousandHostileUpdatesLeaveTheBotSoundTheProviderUntouchedAndNoDataLeaking(
      @TempDir Path dir) {
    int total = ProofScale.scaled(10_000, 200);
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog()) {
      Config cfg = w.config();
      OkHttpClient http = ProofBridge.httpClient();
      // Rate limiting is off; its clock runs on from the world's start all the same.
      TelegramMessenger telegram =
          new TelegramMessenger(
              ProofBridge.telegramSettings(cfg),
              http,
              TestClocks.ticking(w.clock.instant()),
              Sleeper.system(),
              TelegramMessenger.Options.defaults().withoutRateLimit());
      RecordingMessenger messenger = new RecordingMessenger(telegram);
      HostilePlanner planner = new HostilePlanner(SEED, w.telegram, Fixtures.ALL);
      Map<Long, int[]> slices = new ConcurrentHashMap<>();
      Map<Long, Instant> handledAt = new ConcurrentHashMap<>();
      long nanos;
      long canary;
      try (ProofBridge.Parts parts =
          ProofBridge.assemble(cfg, w.clock, http, messenger, telegram.me().username())) {
        parts.startWatcher();
        await().atMost(Duration.ofSeconds(10)).until(() -> parts.watcher().lastPoll() != null);
        UpdateSink sink =
            new UpdateSink() {
              @Override
              public void handle(Incoming in) {
                int before = w.sandbox.requests().size();
                handledAt.put(in.updateId(), w.clock.instant());
                messenger.during(in.updateId(), () -> parts.core().handle(in, messenger));
                slices.put(in.updateId(), new int[] {before, w.sandbox.requests().size()});
              }

              @Override
              public void chatMigrated(long oldChatId, long newChatId) {
                parts.core().chatMigrated(oldChatId, newChatId);
              }
            };
        TelegramTransport transport =
            new TelegramTransport(
                ProofBridge.telegramSettings(cfg),
                parts.stores().botState(),
                sink,
                http,
                new TelegramTransport.Options(
                        Duration.ofSeconds(5),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(1),
                        w.clock)
                    // One worker: every provider request and message is charged to the one update
                    // being handled, so each update is judged on its own.
                    .withHandling(1, 100, Duration.ofMillis(100)));
        try {
          transport.start();
          long start = System.nanoTime();
          int chunk = 250;
          for (int done = 0, round = 1; done < total; round++) {
            int n = Math.min(chunk, total - done);
            long last = 0;
            for (int i = 0; i < n; i++) {
              last = planner.next().updateId();
            }
            done += n;
            long target = last;
            await()
                .atMost(Duration.ofSeconds(120))
                .until(() -> transport.lastHandledUpdateId() >= target);
            // Provider and bot time move on: caches expire, budgets refill; now and then long
            // enough for confirmation buttons to expire, so later presses meet expired ones.
            w.clock.advance(round % 8 == 0 ? Duration.ofMinutes(10) : Duration.ofSeconds(25));
            planner.harvest(causedBy(messenger, planner));
          }
          nanos = System.nanoTime() - start;
          // Polling never stopped: a last, ordinary command is answered.
          canary = w.telegram.enqueueText(Fixtures.VIEW_ACC.id(), Fixtures.VIEW_ACC.id(), "/id");
          long c = canary;
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      messenger.ops().stream()
                          .anyMatch(op -> op.updateId() == c && op.method().equals("send")));
          assertTrue(transport.isPolling(), "still polling after " + total + " updates");
        } finally {
          transport.close();
        }
      } finally {
        telegram.close();
        http.dispatcher().executorService().shutdownNow();
      }

      List<RecordedRequest> requests = w.sandbox.requests();
      Set<String> codes =
          w.sandbox.sentCodes().stream().map(SentCode::code).collect(Collectors.toSet());
      Set<String> secrets = Set.of(w.telegram.token(), w.sandbox.password(), w.sandbox.apiKey());
      HostileVerdict verdict =
          new HostileVerdict(
                  planner.plans(), slices, handledAt, requests, messenger.ops(), secrets, codes)
              .judge();

      double seconds = nanos / 1e9;
      Proof.figure(
          "hostile",
          "%d updates through long polling and the chat core in %.1f s"
              + " (%.0f updates/s; messenger without the per-chat limiter), seed %d",
          total,
          seconds,
          total / seconds,
          SEED);
      verdict.counts.forEach((k, v) -> Proof.figure("hostile", "%s: %d", k, v));
      Proof.figure(
          "hostile",
          "provider requests in all: %d (the watcher's first poll included);"
              + " codes texted: %d; ERROR log lines: %d",
          requests.size(),
          codes.size(),
          errors.lines().size());

      List<String> failures = verdict.failures();
      assertTrue(failures.isEmpty(), "seed " + SEED + ":\n" + String.join("\n", failures));
      assertEquals(List.of(), errors.unexpected(), "unexpected ERROR log lines");
      assertEquals(
          0,
          verdict.counts.getOrDefault(
              "provider mutations caused by viewers' and strangers' presses", 0));
    }
  }

  /**
   * A smaller share through the bot exactly as {@code run} starts it, rate-limited messenger and
   * all: first only updates that must not reach the provider (the sandbox log must not grow), then
   * a mix; every message Telegram's HTML rules accept, and polling never stops.
   */
  @Test
  void hostileUpdatesThroughTheRunningBotReachTheProviderOnlyWhenAllowedAndNeverStopPolling(
      @TempDir Path dir) {
    int harmless = ProofScale.scaled(120, 20);
    int mixed = ProofScale.scaled(120, 20);
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      List<Long> chats = Fixtures.ALL.stream().map(Fixtures.Chat::id).toList();
      HostilePlanner planner = new HostilePlanner(SEED + 1, w.telegram, Fixtures.ALL);
      int baseline = w.sandbox.requests().size();

      long start = System.nanoTime();
      long last = 0;
      for (int i = 0; i < harmless; i++) {
        last = planner.nextHarmless().updateId();
      }
      awaitHandledThenOpenUnknownChatWindows(w, bot, last);
      Canaries.flyAndAwait(w.telegram, chats, Duration.ofMinutes(3));
      List<RecordedRequest> afterHarmless = w.sandbox.requests();
      assertEquals(
          baseline,
          afterHarmless.size(),
          () ->
              "denied or invalid updates reached the"
                  + " provider: "
                  + afterHarmless.subList(baseline, afterHarmless.size()).stream()
                      .map(
                          r -> r.operation() + " user=" + r.user() + " sender=" + r.param("sender"))
                      .toList());

      planner.harvest(Map.of());
      for (int i = 0; i < mixed; i++) {
        last = planner.next().updateId();
      }
      awaitHandledThenOpenUnknownChatWindows(w, bot, last);
      Canaries.flyAndAwait(w.telegram, chats, Duration.ofMinutes(3));
      double seconds = (System.nanoTime() - start) / 1e9;

      List<String> invalid = TelegramChecks.invalidTexts(w.telegram);
      assertEquals(List.of(), invalid, "messages Telegram would refuse");
      assertEquals(
          TelegramChecks.sendCalls(w.telegram),
          w.telegram.sent().size(),
          "every sendMessage accepted");
      assertTrue(bot.transport().isPolling(), "still polling");
      assertEquals(List.of(), errors.unexpected(), "unexpected ERROR log lines");
      int updates = harmless + mixed + 2 * chats.size();
      Proof.figure(
          "hostile",
          "%d updates (%d that must not reach the provider, then %d mixed)"
              + " through the running bot with its rate limits in %.1f s; %d messages sent;"
              + " provider requests during the harmless phase: %d",
          updates,
          harmless,
          mixed,
          seconds,
          w.telegram.sent().size(),
          afterHarmless.size() - baseline);
    }
  }

  /**
   * Waits until the bot has handled every update up to {@code last}, then moves the bot's clock
   * past the unknown chats' answer window, so the canaries of the strangers' chats are answered
   * too.
   */
  private static void awaitHandledThenOpenUnknownChatWindows(
      ProofWorld w, ProofBridge.RunningBot bot, long last) {
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                bot.transport().lastHandledUpdateId() >= last
                    && bot.transport().updatesInFlight() == 0);
    w.clock.advance(HostileVerdict.UNKNOWN_CHAT_WINDOW);
  }

  /**
   * The delete button of an admin chat, pressed by everyone it does not belong to: a viewer chat, a
   * stranger, another user of the same group, the same user once the chat was made a viewer, and
   * the same user once it has expired. None deletes; the owner of the button, in time, does, once.
   */
  @Test
  void forgedAndExpiredButtonsNeverActBeyondThePressersRights(@TempDir Path dir) {
    Fixtures.Chat admins = Fixtures.ADMIN_ALPHA;
    long asker = admins.users().get(0);
    long other = admins.users().get(1);
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      FakeBotApi.Sent question = askToDelete(w, admins, "QALFTAXI");
      String delete = question.buttonData().get(0).get(0);
      int message = question.messageId();
      List<String> told = new ArrayList<>();

      told.add(
          "a viewer chat of the same sub-client: «"
              + press(w, Fixtures.VIEW_ALPHA, Fixtures.VIEW_ALPHA.users().get(0), message, delete)
              + "»");
      told.add(
          "a stranger: «"
              + press(w, Fixtures.STRANGER, Fixtures.STRANGER.id(), message, delete)
              + "»");
      told.add(
          "another user of the admin group: «" + press(w, admins, other, message, delete) + "»");
      Chats.ask(
          w.telegram,
          Fixtures.OWNER_CHAT,
          "/allow " + admins.id() + " viewer alpha",
          Duration.ofSeconds(10));
      told.add(
          "the asker, the group made viewer since: «"
              + press(w, admins, asker, message, delete)
              + "»");
      Chats.ask(
          w.telegram,
          Fixtures.OWNER_CHAT,
          "/allow " + admins.id() + " admin alpha",
          Duration.ofSeconds(10));
      w.clock.advance(Duration.ofMinutes(6));
      told.add(
          "the asker, admin again, 6 minutes later: «"
              + press(w, admins, asker, message, delete)
              + "»");
      assertEquals(0, deletes(w), "no deletion from a press beyond the presser's rights: " + told);
      assertTrue(w.sandbox.name("QALFTAXI", Fixtures.ALPHA).isPresent());

      // The positive control: the asker, in time, deletes once; a second press does nothing.
      FakeBotApi.Sent fresh = askToDelete(w, admins, "QALFTAXI");
      String again = fresh.buttonData().get(0).get(0);
      press(w, admins, asker, fresh.messageId(), again);
      press(w, admins, asker, fresh.messageId(), again);
      assertEquals(1, deletes(w), "the asker's press deletes, once");
      assertTrue(w.sandbox.name("QALFTAXI", Fixtures.ALPHA).isEmpty());
      told.forEach(t -> Proof.figure("hostile", "delete button pressed by %s; no deletion", t));
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /** /del NAME; returns the bot's question with its buttons. */
  private static FakeBotApi.Sent askToDelete(ProofWorld w, Fixtures.Chat c, String name) {
    int before = w.telegram.sentTo(c.id()).size();
    Chats.say(w.telegram, c, "/del " + name);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Chats.since(w.telegram, c, before).stream()
                    .anyMatch(s -> !s.buttonData().isEmpty()));
    return Chats.since(w.telegram, c, before).stream()
        .filter(s -> !s.buttonData().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  /** Presses a button and returns the toast the presser saw. */
  private static String press(ProofWorld w, Fixtures.Chat in, long user, int message, String data) {
    long update = w.telegram.enqueueCallback(in.id(), in.topic(), user, message, data);
    String id = FakeBotApi.callbackId(update);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                w.telegram.calls("answerCallbackQuery").stream()
                    .anyMatch(c -> id.equals(c.text("callback_query_id"))));
    return w.telegram.calls("answerCallbackQuery").stream()
        .filter(c -> id.equals(c.text("callback_query_id")))
        .findFirst()
        .orElseThrow()
        .text("text");
  }

  private static long deletes(ProofWorld w) {
    return w.sandbox.requests().stream().filter(r -> "del".equals(r.operation())).count();
  }

  /** Which user caused each message the bot sent ("chat:message" to user id). */
  private static Map<String, Long> causedBy(RecordingMessenger messenger, HostilePlanner planner) {
    Map<String, Long> m = new HashMap<>();
    for (RecordingMessenger.Op op : messenger.ops()) {
      if (op.method().equals("send") && op.failure() == null) {
        HostilePlanner.Planned p = planner.plan(op.updateId());
        m.put(op.chatId() + ":" + op.messageId(), p == null ? 0L : p.userId());
      }
    }
    return m;
  }
}
