package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.smsc.sandbox.Hold;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.FakeBotApi.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 3: Telegram misbehaves while the whole bot runs — 429 storms, 5xx, dropped
 * connections while sending and while polling, a second poller (409), a chat that blocked the bot
 * (403), a group that became a supergroup. Nothing is lost (every command answered) and nothing is
 * done twice (one answer each, one provider request per /add).
 */
class TelegramFaultsTest {
  private static final Duration SETTLE = Duration.ofSeconds(60);

  @Test
  void sendingThrough429sServerErrorsAndDroppedConnectionsLosesAndDoublesNothing(
      @TempDir Path dir) {
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      Ledger ledger = new Ledger(w.telegram);
      long start = System.nanoTime();
      int faults = 0;
      for (Failure f :
          List.of(
              Failure.tooManyRequests(1),
              Failure.serverError(),
              Failure.badGateway(),
              Failure.drop())) {
        // A storm: the next sends all fail, whoever they are for.
        w.telegram.failNext("sendMessage", 3, f);
        faults += 3;
        ledger.add(Fixtures.ADMIN_ACC);
        ledger.id(Fixtures.VIEW_ACC);
        ledger.add(Fixtures.OPER_ALPHA);
        ledger.id(Fixtures.STRANGER);
        ledger.add(Fixtures.OPER_BETA);
        await().atMost(SETTLE).until(ledger::allAnswered);
        // A fresh creation budget for the next round, and a new answer for the unknown chat, which
        // gets one per ten minutes.
        w.clock.advance(Duration.ofMinutes(10));
      }
      settle(() -> assertEquals(List.of(), ledger.problems(w.sandbox.requests(), Map.of())));
      int calls = w.telegram.calls("sendMessage").size();
      int accepted = w.telegram.sent().size();
      assertEquals(faults, calls - accepted, "every failed send was tried again, once each");
      Proof.figure(
          "telegram faults",
          "sending through 429, 500 (HTML), 502 and dropped"
              + " connections (%d failed sends): %d commands, each answered once, each /add sent"
              + " to the provider once; %.1f s",
          faults,
          ledger.entries().size(),
          (System.nanoTime() - start) / 1e9);
      assertTrue(bot.transport().isPolling());
      assertEquals(List.of(), errors.unexpected());
    }
  }

  @Test
  void pollingThroughErrorsAndASecondPollerLosesAndDoublesNothing(@TempDir Path dir)
      throws IOException {
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        // A failed poll is a WARN; none of these outages lasts a minute, so no ERROR at all.
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      Ledger ledger = new Ledger(w.telegram);
      long start = System.nanoTime();
      for (Failure f :
          List.of(
              Failure.serverError(),
              Failure.badGateway(),
              Failure.drop(),
              Failure.tooManyRequests(1),
              Failure.conflict())) {
        // The poll now waiting returns with the first command; the next two polls fail.
        w.telegram.failNext("getUpdates", 2, f);
        ledger.add(Fixtures.ADMIN_ACC);
        ledger.id(Fixtures.VIEW_ALPHA);
        await()
            .atMost(SETTLE)
            .until(
                () ->
                    w.telegram.calls("getUpdates").size() > 0
                        && ledger.answers(ledger.entries().get(ledger.entries().size() - 1)).size()
                            > 0);
        ledger.add(Fixtures.OPER_ALPHA);
        ledger.id(Fixtures.STRANGER_GROUP);
        await().atMost(SETTLE).until(ledger::allAnswered);
        w.clock.advance(Duration.ofMinutes(10)); // as above: budget, and the stranger's next answer
      }
      // Another process polls with the same token while the bot's poll waits: the bot's poll
      // ends with 409, the other takes the pending updates without confirming them.
      OkHttpClient http = new OkHttpClient();
      for (int i = 0; i < 3; i++) {
        ledger.id(Fixtures.VIEW_ACC);
        ledger.add(Fixtures.OPER_BETA);
        try (Response r =
            http.newCall(
                    new Request.Builder()
                        .url(
                            w.telegram.apiUrl()
                                + "/bot"
                                + w.telegram.token()
                                + "/getUpdates?timeout=0")
                        .build())
                .execute()) {
          assertTrue(r.code() == 200 || r.code() == 409, "the other poller: " + r.code());
        }
        await().atMost(SETTLE).until(ledger::allAnswered);
      }
      http.dispatcher().executorService().shutdown();
      settle(() -> assertEquals(List.of(), ledger.problems(w.sandbox.requests(), Map.of())));
      Proof.figure(
          "telegram faults",
          "polling through 500 (HTML), 502, dropped connections,"
              + " 429 and 409 (scripted and from a real second poller): %d commands, each answered"
              + " once, each /add sent to the provider once; %.1f s",
          ledger.entries().size(),
          (System.nanoTime() - start) / 1e9);
      assertTrue(bot.transport().isPolling());
      assertEquals(List.of(), errors.unexpected());
    }
  }

  @Test
  void aChatThatBlockedTheBotAndAGroupThatBecameASupergroup(@TempDir Path dir)
      throws InterruptedException {
    long supergroup = -1_007_310_000_099L;
    Fixtures.Chat group = Fixtures.OPER_ACC;
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      Ledger ledger = new Ledger(w.telegram);
      // 403: the chat blocked the bot. Its commands are tried once each, never again.
      w.telegram.blockChat(Fixtures.VIEW_ACC.id());
      for (int i = 0; i < 3; i++) {
        Chats.say(w.telegram, Fixtures.VIEW_ACC, "/help");
      }
      ledger.id(Fixtures.ADMIN_ACC);
      await().atMost(SETTLE).until(ledger::allAnswered);
      // Replies to one chat go out a second apart; wait for the third, then for a retry.
      await().atMost(SETTLE).until(() -> triesTo(w.telegram, Fixtures.VIEW_ACC) >= 3);
      settle(
          () ->
              assertEquals(
                  3,
                  triesTo(w.telegram, Fixtures.VIEW_ACC),
                  "one attempt per reply to the chat that blocked the bot"));

      // The group became a supergroup while two of its commands waited: the first for the
      // provider, the second behind it. Then a command from the supergroup.
      Ledger.Entry first;
      Ledger.Entry second;
      try (Hold hold = w.sandbox.hold("add")) {
        first = ledger.add(group);
        hold.awaitWaiting(1, SETTLE);
        second = ledger.add(group);
        w.telegram.enqueueMigration(group.id(), supergroup, group.users().get(0));
        // Were it not kept in order, the migration would overtake the waiting command meanwhile.
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(1))
            .untilAsserted(
                () ->
                    assertTrue(
                        bot.stores().chats().find(supergroup).isEmpty(),
                        "the group migrated while its first command still waited"));
      }
      Fixtures.Chat moved =
          new Fixtures.Chat(
              "oper-acc-super",
              supergroup,
              group.role(),
              group.sub(),
              "supergroup",
              group.users(),
              null);
      Ledger.Entry after = ledger.add(moved);
      await().atMost(SETTLE).until(ledger::allAnswered);
      settle(
          () -> {
            for (Ledger.Entry e : List.of(first, second)) {
              assertEquals(
                  1, ledger.answers(e).size(), "the old group's " + e.text() + " answered once");
              assertEquals(
                  supergroup, ledger.answers(e).get(0).chatId(), "answered where the group now is");
            }
            assertEquals(1, ledger.answers(after).size());
            assertEquals(
                List.of(), ledger.problems(w.sandbox.requests(), Map.of(group.id(), supergroup)));
          });
      assertTrue(bot.stores().chats().find(supergroup).isPresent(), "the grant moved along");
      Proof.figure(
          "telegram faults",
          "403: 3 replies to a chat that blocked the bot, 3 attempts"
              + " (no retry); a group migrated while its command waited: answered once, in the"
              + " supergroup, grant moved");
      assertTrue(bot.transport().isPolling());
      assertEquals(List.of(), errors.unexpected());
    }
  }

  private static long triesTo(FakeBotApi api, Fixtures.Chat c) {
    return api.calls("sendMessage").stream()
        .filter(call -> Long.valueOf(c.id()).equals(call.number("chat_id")))
        .count();
  }

  /** The assertions hold for long enough that a duplicate, if there were one, would have shown. */
  private static void settle(ThrowingRunnable assertions) {
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(assertions);
  }
}
