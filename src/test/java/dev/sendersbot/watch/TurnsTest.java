package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whose message goes next: turns while nobody waits, the ready chat with most left once some do.
 */
class TurnsTest {
  /** A message: its chat and its place in that chat's queue. */
  record Msg(long chat, int n) {}

  private static List<Deque<Msg>> queues(int chats, int each, long firstChat) {
    List<Deque<Msg>> out = new ArrayList<>();
    for (int c = 0; c < chats; c++) {
      Deque<Msg> q = new ArrayDeque<>();
      for (int n = 0; n < each; n++) {
        q.add(new Msg(firstChat + c, n));
      }
      out.add(q);
    }
    return out;
  }

  @Test
  void withoutLimitsTheBusiestChatGoesFirstButNeverTwiceInARowWhileOthersWait() {
    List<Deque<Msg>> qs = new ArrayList<>(queues(1, 3, 1));
    qs.addAll(queues(2, 1, 2));
    Turns<Msg> turns = new Turns<>(qs, Msg::chat, chat -> Duration.ZERO);
    List<Long> order = new ArrayList<>();
    while (!turns.isEmpty()) {
      Deque<Msg> q = turns.next();
      order.add(q.removeFirst().chat());
      turns.served(q);
    }
    assertEquals(List.of(1L, 2L, 1L, 3L, 1L), order);
  }

  /** What a simulated sender saw: the order it sent in, when the last went, how often it asked. */
  record Run(List<Msg> order, long lastAt, int asked) {}

  /**
   * Sends every queue's messages through {@link Turns} under Telegram's limits in virtual time (one
   * message a second per chat, thirty a second in all), the sender waiting where a limit says so.
   */
  private static Run simulate(List<Deque<Msg>> qs) {
    Map<Long, Long> lastSent = new HashMap<>();
    long[] now = {0};
    int[] asked = {0};
    ArrayDeque<Long> window = new ArrayDeque<>(); // send times within the last second
    Turns<Msg> turns =
        new Turns<>(
            qs,
            Msg::chat,
            chat -> {
              asked[0]++;
              Long last = lastSent.get(chat);
              long free = last == null ? 0 : last + 1000 - now[0];
              return Duration.ofMillis(Math.max(0, free));
            });
    List<Msg> order = new ArrayList<>();
    while (!turns.isEmpty()) {
      Deque<Msg> q = turns.next();
      long chat = q.peekFirst().chat();
      Long last = lastSent.get(chat);
      if (last != null && last + 1000 > now[0]) {
        now[0] = last + 1000; // the sender waits for the chat
      }
      while (!window.isEmpty() && window.peekFirst() + 1000 <= now[0]) {
        window.removeFirst();
      }
      if (window.size() >= 30) {
        now[0] = window.removeFirst() + 1000; // and for the overall limit
      }
      window.addLast(now[0]);
      lastSent.put(chat, now[0]);
      order.add(q.removeFirst());
      turns.served(q);
    }
    return new Run(order, now[0], asked[0]);
  }

  /**
   * 300 chats with one message and 20 with seven go out in the 14 s the limits allow (the 440th
   * message in the fifteenth second). In strict turns the 20 chats' last six messages each would
   * trail behind the 300, one a second.
   */
  @Test
  void chatsWithSeveralMessagesGetThemSpreadOverTheBurst() {
    List<Deque<Msg>> qs = new ArrayList<>(queues(300, 1, 1000));
    qs.addAll(20, queues(20, 7, 1)); // interleaved where the outbox's order put them
    Run run = simulate(qs);
    assertEquals(440, run.order().size());
    assertEquals(14_000, run.lastAt(), "when the last message went, in ms");
  }

  @Test
  void eachChatsMessagesGoInTheirOrder() {
    List<Deque<Msg>> qs = new ArrayList<>(queues(50, 1, 1000));
    qs.addAll(10, queues(10, 9, 1));
    qs.addAll(queues(5, 3, 500));
    Map<Long, Integer> next = new HashMap<>();
    for (Msg m : simulate(qs).order()) {
      assertEquals(next.getOrDefault(m.chat(), 0), m.n(), "chat " + m.chat() + "'s messages");
      next.put(m.chat(), m.n() + 1);
    }
    assertEquals(65, next.size());
  }

  // A turn asks only about the chats that wait for their own limit before it finds a ready one,
  // not about every chat: a fan-out to 5,000 chats asked some 13 million times before.
  @Test
  void aTurnDoesNotAskAboutEveryChat() {
    List<Deque<Msg>> qs = new ArrayList<>(queues(5000, 1, 100_000));
    qs.addAll(queues(20, 7, 1));
    Run run = simulate(qs);
    assertEquals(5140, run.order().size());
    assertTrue(
        run.asked() < 40 * 5140, "asked how long a chat must wait " + run.asked() + " times");
  }
}
