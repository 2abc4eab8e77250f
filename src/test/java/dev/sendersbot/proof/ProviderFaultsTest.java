package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.smsc.sandbox.Hold;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 2: the provider misbehaves while the whole bot runs — it hangs, answers slowly,
 * answers 5xx, an HTML page, cut-off JSON or nothing, resets the connection, and answers every
 * error code. The bot keeps answering other commands, tells the user what happened in words, and
 * after error 2 or 4 sends the provider nothing until an owner resumes or the block has ended.
 */
class ProviderFaultsTest {
  private static final Duration REPLY = Duration.ofSeconds(15);
  private static final Fixtures.Chat ADMIN = Fixtures.ADMIN_ACC;
  private static final Fixtures.Chat OWNER = Fixtures.OWNER_CHAT;

  @Test
  void answersOtherCommandsWhileTheProviderHangs(@TempDir Path dir) throws Exception {
    try (ProofWorld w =
            ProofWorld.start(dir).set("smsc.timeout", "4s").seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      try (Hold hold = w.sandbox.hold("add")) {
        int adminBefore = w.telegram.sentTo(ADMIN.id()).size();
        Chats.say(w.telegram, ADMIN, "/add QACCHANG");
        hold.awaitWaiting(1, REPLY);
        long start = System.nanoTime();
        String id = Chats.ask(w.telegram, Fixtures.VIEW_ACC, "/id", REPLY);
        String help = Chats.ask(w.telegram, Fixtures.OPER_ALPHA, "/help", REPLY);
        double waited = (System.nanoTime() - start) / 1e9;
        assertEquals(1, hold.waiting(), "the provider still hangs");
        assertTrue(id.contains(Long.toString(Fixtures.VIEW_ACC.id())), id);
        assertTrue(help.contains("/senders"), help);
        assertTrue(waited < 2.5, "/id and /help answered in " + waited + " s while /add hangs");
        Proof.figure(
            "provider faults",
            "/id and /help in other chats answered in %.2f s while"
                + " an /add hung on the provider (smsc.timeout 4 s)",
            waited);
        String told = Chats.next(w.telegram, ADMIN, adminBefore, REPLY).text();
        assertTrue(told.contains("did not answer in time"), told);
      }
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /** One bad answer after another; each time the user reads what happened, once. */
  @Test
  void tellsInWordsWhenTheProviderIsSlowTimesOutOrAnswersBadly(@TempDir Path dir) {
    try (ProofWorld w =
            ProofWorld.start(dir).set("smsc.timeout", "2s").seedNames().grantFixtures();
        FaultyProvider proxy = FaultyProvider.start(w.sandbox.baseUrl());
        ErrorLog errors = new ErrorLog()) {
      w.providerUrl(proxy.baseUrl());
      try (ProofBridge.RunningBot bot = w.runBot()) {
        List<String> cases = new ArrayList<>();
        Case c = new Case(w, cases);
        c.run(
            "slow answer (1.2 s, timeout 2 s)",
            x -> x.sandbox.latency(Duration.ofMillis(1200)),
            "✅ Added",
            true);
        c.run(
            "no answer within smsc.timeout",
            x -> x.sandbox.latency(Duration.ofMillis(3500)),
            "did not answer in time",
            true);
        c.run(
            "HTTP 500 with an HTML page",
            x -> x.sandbox.failNextHttp("add", 1, 500),
            "answered with a server error",
            true);
        c.run(
            "HTTP 502",
            x -> x.sandbox.failNextHttp("add", 1, 502),
            "answered with a server error",
            true);
        c.run(
            "HTTP 200 with an HTML page",
            x -> x.sandbox.failNextHttp("add", 1, 200),
            "could not be read",
            true);
        c.run(
            "JSON cut off in the middle",
            x -> proxy.failNext(FaultyProvider.Fault.TRUNCATED_JSON),
            "could not be read",
            true);
        c.run(
            "an empty answer",
            x -> proxy.failNext(FaultyProvider.Fault.EMPTY_BODY),
            "could not be read",
            true);
        // The proxy read the add before the reset: the bot cannot tell whether it arrived.
        c.run(
            "connection reset",
            x -> proxy.failNext(FaultyProvider.Fault.RESET),
            "broke before its answer came. It may have made the change all the same",
            false);
        assertEquals(3, proxy.faulted(), "the proxy's faults were met");
        cases.forEach(s -> Proof.figure("provider faults", "%s", s));
        assertTrue(bot.transport().isPolling());
      }
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /** Runs one fault case: script it, /add a name, read the reply, check the request log. */
  private static final class Case {
    private final ProofWorld w;
    private final List<String> out;
    private int n;

    Case(ProofWorld w, List<String> out) {
      this.w = w;
      this.out = out;
    }

    void run(String what, Consumer<ProofWorld> fault, String words, boolean reachesSandbox) {
      // A fresh minute: the creation budget and the circuit breaker start over.
      w.clock.advance(Duration.ofSeconds(65));
      w.sandbox.latency(Duration.ZERO);
      int requests = w.sandbox.requests().size();
      fault.accept(w);
      String name = "QACCF" + (++n);
      // Two pairs of chats in turn, so no reply waits for its chat's one-a-second slot.
      Fixtures.Chat asker = n % 2 == 0 ? ADMIN : OWNER;
      Fixtures.Chat bystander = n % 2 == 0 ? Fixtures.VIEW_ACC : Fixtures.VIEW_ALPHA;
      int before = w.telegram.sentTo(asker.id()).size();
      int viewerBefore = w.telegram.sentTo(bystander.id()).size();
      long start = System.nanoTime();
      Chats.say(w.telegram, asker, "/add " + name);
      // Meanwhile another chat is answered as usual.
      Chats.say(w.telegram, bystander, "/id");
      String id = Chats.next(w.telegram, bystander, viewerBefore, REPLY).text();
      double idSeconds = (System.nanoTime() - start) / 1e9;
      String reply = Chats.next(w.telegram, asker, before, REPLY).text();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(id.contains("Chat id"), id);
      assertTrue(idSeconds < 1.5, what + ": /id in another chat took " + idSeconds + " s");
      w.sandbox.latency(Duration.ZERO);
      assertTrue(reply.contains(words), what + ": " + reply);
      assertPlainWords(what, reply);
      // A request that timed out is logged by the sandbox only when it answers, later.
      int expected = reachesSandbox ? 1 : 0;
      await().atMost(Duration.ofSeconds(5)).until(() -> adds(w, requests) >= expected);
      // No retry and no second reply may show for a while.
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                assertEquals(
                    expected,
                    adds(w, requests),
                    what + ": provider requests for one /add (no" + " retry)");
                assertEquals(
                    before + 1,
                    w.telegram.sentTo(asker.id()).size(),
                    what + ": one reply, not two");
              });
      out.add(
          String.format(
              java.util.Locale.ROOT,
              "%s: told in %.1f s (/id in another chat" + " meanwhile: %.2f s) «%s»",
              what,
              seconds,
              idSeconds,
              FakeBotApi.visibleText(reply).replace("\n", " ")));
    }
  }

  private static int adds(ProofWorld w, int from) {
    List<RecordedRequest> made = w.sandbox.requests();
    return (int)
        made.subList(from, made.size()).stream().filter(r -> "add".equals(r.operation())).count();
  }

  /** The provider's error codes, each explained; none makes the bot try again by itself. */
  @Test
  void explainsEveryProviderErrorCodeInWords(@TempDir Path dir) {
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors = new ErrorLog();
        ProofBridge.RunningBot bot = w.runBot()) {
      for (int code : new int[] {1, 3, 5, 6, 7, 8, 9, 10, 11}) {
        w.clock.advance(Duration.ofSeconds(65)); // past error 9's cool-down and the budgets
        int requests = w.sandbox.requests().size();
        w.sandbox.failNext("add", 1, code);
        String reply = Chats.ask(w.telegram, ADMIN, "/add QACCE" + code, REPLY);
        assertTrue(reply.contains("SMSC error " + code), code + ": " + reply);
        assertPlainWords("error " + code, reply);
        assertEquals(
            requests + 1, w.sandbox.requests().size(), "error " + code + ": one request, no retry");
        Proof.figure(
            "provider faults",
            "error %d: «%s»",
            code,
            FakeBotApi.visibleText(reply).replace("\n", " "));
      }
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /**
   * After error 2 the bot stops calling the provider — a retry would count towards an IP block —
   * until an owner resumes from /status; a non-owner's press of the same button does nothing.
   */
  @Test
  void afterErrorTwoCallsNothingUntilAnOwnerResumes(@TempDir Path dir) {
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors =
            new ErrorLog()
                .expect(
                    "Provider calls suspended", "the gateway logs error 2 as an ERROR by design");
        ProofBridge.RunningBot bot = w.runBot()) {
      w.sandbox.failNext(1, 2);
      String first = Chats.ask(w.telegram, ADMIN, "/add QACCTWO", REPLY);
      assertTrue(first.contains("SMSC error 2"), first);
      int after = w.sandbox.requests().size();

      List<String> told = tryEverything(w);
      told.forEach(t -> assertTrue(t.contains("paused") || t.contains("as of"), t));
      assertEquals(after, w.sandbox.requests().size(), "no provider request while suspended");

      String status = Chats.ask(w.telegram, OWNER, "/status", REPLY);
      assertTrue(status.contains("paused"), status);
      FakeBotApi.Sent withButton =
          w.telegram.sentTo(OWNER.id()).stream()
              .filter(s -> !s.buttonData().isEmpty())
              .reduce((a, b) -> b)
              .orElseThrow();
      String resume = withButton.buttonData().get(0).get(0);
      // An admin chat's user forging the owner's press: nothing resumes.
      w.telegram.enqueueCallback(ADMIN.id(), ADMIN.users().get(0), withButton.messageId(), resume);
      String stillPaused = Chats.ask(w.telegram, ADMIN, "/add QACCTWO", REPLY);
      assertTrue(stillPaused.contains("paused"), stillPaused);
      assertEquals(after, w.sandbox.requests().size(), "a forged resume resumed nothing");

      w.telegram.enqueueCallback(OWNER.id(), Fixtures.OWNER, withButton.messageId(), resume);
      await()
          .atMost(REPLY)
          .until(
              () -> w.telegram.messageText(OWNER.id(), withButton.messageId()).contains("resumed"));
      String added = Chats.ask(w.telegram, ADMIN, "/add QACCTWO", REPLY);
      assertTrue(added.contains("✅ Added"), added);
      assertEquals(after + 1, w.sandbox.requests().size(), "the first request after resume");
      Proof.figure(
          "provider faults",
          "error 2: %d commands afterwards, 0 provider requests"
              + " until the owner resumed; then 1",
          told.size() + 1);
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /** After error 4 the bot sends nothing until the block's 30 minutes are over, then resumes. */
  @Test
  void afterErrorFourCallsNothingUntilTheBlockEnds(@TempDir Path dir) {
    try (ProofWorld w = ProofWorld.start(dir).seedNames().grantFixtures();
        ErrorLog errors =
            new ErrorLog()
                .expect(
                    "Provider calls suspended", "the gateway logs error 4 as an ERROR by design");
        ProofBridge.RunningBot bot = w.runBot()) {
      w.sandbox.failNext(1, 4);
      String first = Chats.ask(w.telegram, ADMIN, "/add QACCFOUR", REPLY);
      assertTrue(first.contains("SMSC error 4"), first);
      int after = w.sandbox.requests().size();

      List<String> told = tryEverything(w);
      told.forEach(t -> assertTrue(t.contains("paused") || t.contains("as of"), t));
      w.clock.advance(Duration.ofMinutes(25)); // 29 minutes into the block with tryEverything's 2
      told.addAll(tryEverything(w));
      assertEquals(after, w.sandbox.requests().size(), "no provider request during the block");

      w.clock.advance(Duration.ofMinutes(3));
      String added = Chats.ask(w.telegram, ADMIN, "/add QACCFOUR", REPLY);
      assertTrue(added.contains("✅ Added"), added);
      assertEquals(after + 1, w.sandbox.requests().size(), "the first request after the block");
      Proof.figure(
          "provider faults",
          "error 4: %d commands during the 30-minute block, 0"
              + " provider requests; the first one after it went through",
          told.size() + 1);
      assertEquals(List.of(), errors.unexpected());
    }
  }

  /** Every kind of provider call, from several chats, with the cached lists out of date. */
  private static List<String> tryEverything(ProofWorld w) {
    w.clock.advance(Duration.ofMinutes(2));
    List<String> replies = new ArrayList<>();
    replies.add(Chats.ask(w.telegram, ADMIN, "/add QACCMORE", REPLY));
    replies.add(Chats.ask(w.telegram, Fixtures.OPER_ACC, "/chg QACCSHOP new words", REPLY));
    replies.add(Chats.ask(w.telegram, Fixtures.OPER_ALPHA, "/sendcode 79990001122", REPLY));
    replies.add(Chats.ask(w.telegram, Fixtures.VIEW_ACC, "/senders all", REPLY));
    replies.add(Chats.ask(w.telegram, Fixtures.OPER_BETA, "/register QBETSHOP mts", REPLY));
    return replies;
  }

  /** A reply in words: no JSON, no exception, no stack trace. */
  private static void assertPlainWords(String what, String reply) {
    assertFalse(
        reply.contains("{") || reply.contains("Exception") || reply.contains("\tat "),
        what + ": " + reply);
  }
}
