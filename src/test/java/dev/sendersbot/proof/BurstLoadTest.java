package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 4: a burst of updates from many chats waiting when the bot starts, as after
 * downtime. Every one is answered, each chat's in order, and the bot keeps Telegram's outgoing
 * limits: the fake Bot API enforces them and answers 429 to any send that breaks one.
 */
class BurstLoadTest {
  private static final Pattern SEQ = Pattern.compile("QB(\\d{3})S(\\d{3})|user id: <code>(\\d+)");

  @Test
  void answersABurstAfterDowntimeCompletelyInOrderAndWithinTelegramsLimits(@TempDir Path dir) {
    // The full burst is -Dproof.load.chats=200 -Dproof.load.updates=2000 (about 70 s).
    int chats = Integer.getInteger("proof.load.chats", ProofScale.scaled(60, 10));
    int updates = Integer.getInteger("proof.load.updates", ProofScale.scaled(600, 100));
    int perChat = updates / chats;
    int total = perChat * chats;
    int groups = chats / 10;
    try (ProofWorld w = ProofWorld.start(dir).seedNames();
        ErrorLog errors = new ErrorLog()) {
      List<Long> ids = new ArrayList<>();
      List<ChatGrant> grants = new ArrayList<>();
      for (int i = 0; i < chats; i++) {
        long id = i < groups ? -741_000_000L - i : 741_000_000L + i;
        ids.add(id);
        grants.add(
            new ChatGrant(id, Role.VIEWER, null, "load " + i, Fixtures.OWNER, w.clock.instant()));
      }
      w.grant(grants);

      // The backlog: each chat's commands in its own order, the chats interleaved at random.
      Random rnd = new Random(42);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < chats; i++) {
        for (int k = 0; k < perChat; k++) {
          order.add(i);
        }
      }
      java.util.Collections.shuffle(order, rnd);
      int[] next = new int[chats];
      Map<Long, int[]> userSeq = new HashMap<>();
      for (int i : order) {
        int seq = next[i]++;
        long chat = ids.get(i);
        long user = 742_000_000L + i * 1000L + seq;
        String text =
            switch (seq % 5) {
              case 0 -> "/id";
              case 1 -> String.format(java.util.Locale.ROOT, "/history QB%03dS%03d", i, seq);
              case 2 -> "/senders";
              case 3 -> "/id";
              default -> rnd.nextBoolean() ? "/help" : "/sender QACCSHOP";
            };
        userSeq.put(user, new int[] {i, seq});
        w.telegram.enqueue(
            FakeBotApi.Msg.text(chat, user, text)
                .chat(chat < 0 ? "group" : "private", "load " + i));
      }
      w.telegram.enforceLimits();

      long start = System.nanoTime();
      AtomicLong firstAt = new AtomicLong();
      long lastAt;
      try (ProofBridge.RunningBot bot = ProofBridge.run(w.config(), w.clock)) {
        bot.awaitPolling();
        long polling = System.nanoTime();
        // Looked at every 20 ms, which is also how finely the first answer is timed.
        await("every update answered")
            .atMost(Duration.ofSeconds(30 + total / 10))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  int seen = w.telegram.sent().size();
                  if (seen > 0) {
                    firstAt.compareAndSet(0, System.nanoTime());
                  }
                  return seen >= total;
                });
        lastAt = System.nanoTime();
        // Anything more would be a duplicate: none may show for a while.
        await()
            .during(Duration.ofMillis(1500))
            .atMost(Duration.ofSeconds(3))
            .untilAsserted(
                () ->
                    assertEquals(
                        total, w.telegram.sent().size(), "one answer per update, no more"));
        Proof.figure(
            "load",
            "start-up to polling: %.2f s (command menus for %d chats published in the"
                + " background)",
            (polling - start) / 1e9,
            chats);
        assertTrue(bot.transport().isPolling());
      }

      // Every chat: as many answers as commands, the identifiable ones in the order sent.
      Map<Long, List<Integer>> seqs = new HashMap<>();
      Map<Long, Integer> answers = new HashMap<>();
      for (FakeBotApi.Sent s : w.telegram.sent()) {
        answers.merge(s.chatId(), 1, Integer::sum);
        Matcher m = SEQ.matcher(s.text());
        if (m.find()) {
          int seq =
              m.group(2) != null
                  ? Integer.parseInt(m.group(2))
                  : userSeq.get(Long.parseLong(m.group(3)))[1];
          seqs.computeIfAbsent(s.chatId(), k -> new ArrayList<>()).add(seq);
        }
      }
      for (long id : ids) {
        assertEquals(perChat, answers.getOrDefault(id, 0), "answers in chat " + id);
        List<Integer> got = seqs.get(id);
        List<Integer> sorted = new ArrayList<>(got);
        sorted.sort(null);
        assertEquals(sorted, got, "chat " + id + " answered in the order it wrote");
      }
      assertEquals(0, w.telegram.violations(), "sends Telegram would have refused with 429");
      assertEquals(List.of(), errors.unexpected());

      double handling = (lastAt - start) / 1e9;
      double sending = (lastAt - firstAt.get()) / 1e9;
      double rate = (total - 1) / sending;
      // The fastest any sender could go with this mix: 30 a second overall, one a second per
      // chat, 20 a minute per group.
      double floor = Math.max((total - 1) / 30.0, perChat - 1);
      if (groups > 0 && perChat > 20) {
        floor = Math.max(floor, (perChat - 1) / 20 * 60.0);
      }
      double best = (total - 1) / floor;
      Proof.figure(
          "load",
          "%d updates from %d chats (%d groups) queued before start: all %d"
              + " answered, each chat in order, in %.1f s from start-up",
          total,
          chats,
          groups,
          total,
          handling);
      Proof.figure(
          "load",
          "outgoing: %.1f messages/s over %.1f s; the limits allow at most"
              + " %.1f/s for this mix (30/s overall, 1/s per chat, 20/min per group): %.0f%% of"
              + " the allowed rate; 429 from the enforcing fake Bot API: %d",
          rate,
          sending,
          best,
          100 * rate / best,
          w.telegram.violations());
    }
  }
}
