package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SendLimiterTest {
  private final FakeClock clock = FakeClock.atEpochMilli(0);
  private final FakeSleeper sleeper = FakeSleeper.advancing(clock);
  private final SendLimiter limiter = limiterWith(sleeper);

  private SendLimiter limiterWith(Sleeper sleeper) {
    return new SendLimiter(clock, sleeper, SendLimiter.Limits.telegram());
  }

  @Test
  void spacesMessagesToOneChatBySecond() {
    assertEquals(0, limiter.reserve(7));
    assertEquals(1000, limiter.reserve(7));
    assertEquals(2000, limiter.reserve(7));
  }

  // Why: one busy chat must not hold back the replies to everyone else.
  @Test
  void aChatWaitingForItsSlotDoesNotDelayOtherChats() {
    limiter.reserve(7);
    assertEquals(1000, limiter.reserve(7));
    assertEquals(0, limiter.reserve(8));
    assertEquals(0, limiter.reserve(9));
  }

  @Test
  void letsThirtyASecondThroughOverall() {
    for (int i = 0; i < 30; i++) {
      assertEquals(0, limiter.reserve(100 + i));
    }
    assertEquals(1000, limiter.reserve(200));
  }

  @Test
  void letsTwentyAMinuteIntoOneGroup() {
    long group = -100;
    List<Long> at = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      at.add(limiter.reserve(group));
    }
    assertEquals(19_000, at.get(19));
    assertEquals(60_000, at.get(20), "the 21st waits until the first leaves the minute");
    assertEquals(61_000, at.get(21));
  }

  @Test
  void holdsAChatThatTelegramAskedToWait() {
    limiter.hold(7, Duration.ofSeconds(30));
    assertEquals(30_000, limiter.reserve(7));
    assertEquals(0, limiter.reserve(8));
  }

  @Test
  void acquireSleepsUntilTheReservedMoment() throws InterruptedException {
    limiter.acquire(7);
    limiter.acquire(7);
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits());
  }

  // Why: reservations from several threads land out of order; no window may ever overflow.
  @Test
  void neverExceedsAnyLimitWhateverTheOrderOfRequests() {
    Random random = new Random(42);
    List<long[]> sends = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      if (random.nextInt(10) == 0) {
        clock.advance(Duration.ofMillis(random.nextInt(700)));
      }
      long chat = random.nextBoolean() ? -(1 + random.nextInt(5)) : 1 + random.nextInt(50);
      sends.add(new long[] {chat, limiter.reserve(chat)});
    }
    assertWithin(sends, s -> true, 30, 1000);
    for (long chat = -5; chat <= 50; chat++) {
      long c = chat;
      assertWithin(sends, s -> s[0] == c, 1, 1000);
      if (chat < 0) {
        assertWithin(sends, s -> s[0] == c, 20, 60_000);
      }
    }
  }

  private static void assertWithin(
      List<long[]> sends, java.util.function.Predicate<long[]> which, int count, long window) {
    List<Long> times = sends.stream().filter(which).map(s -> s[1]).sorted().toList();
    for (int i = count; i < times.size(); i++) {
      assertTrue(
          times.get(i) - times.get(i - count) >= window,
          count + " per " + window + " ms broken at " + times.get(i));
    }
  }

  // The transport asks before it hands a chat's update to a worker: asking must reserve nothing.
  @Test
  void untilFreeTellsTheChatsOwnWaitWithoutReserving() {
    assertEquals(Duration.ZERO, limiter.untilFree(7));
    assertEquals(0, limiter.reserve(7));
    assertEquals(Duration.ofSeconds(1), limiter.untilFree(7));
    assertEquals(Duration.ofSeconds(1), limiter.untilFree(7));
    assertEquals(1000, limiter.reserve(7), "asking twice took no slot");
    assertEquals(Duration.ZERO, limiter.untilFree(8), "another chat is free");
    limiter.hold(9, Duration.ofSeconds(30));
    assertEquals(Duration.ofSeconds(30), limiter.untilFree(9));
  }

  @Test
  void untilFreeLeavesTheOverallLimitOut() {
    for (int i = 0; i < 30; i++) {
      limiter.reserve(100 + i);
    }
    assertEquals(Duration.ZERO, limiter.untilFree(200), "everyone's limit is not the chat's wait");
    assertEquals(1000, limiter.reserve(200));
  }

  // Issue 11: ten access requests queued for an owner delayed the owner's own /id by 10 s.
  @Test
  void aMessageForAnotherChatsSakeYieldsToThatChatsReply() throws InterruptedException {
    List<Long> order = new ArrayList<>();
    SendLimiter[] shared = new SendLimiter[1];
    // The owner types a command while the notification waits for the owner's chat to be free.
    Sleeper ownerTypes =
        new Sleeper() {
          private boolean once;

          @Override
          public void sleep(Duration d) throws InterruptedException {
            if (!once) {
              once = true;
              order.add(shared[0].reserve(7));
            }
            sleeper.sleep(d);
          }
        };
    shared[0] = limiterWith(ownerTypes);
    order.add(shared[0].reserve(7));
    shared[0].acquire(7, false);
    order.add(clock.millis());
    assertEquals(
        List.of(0L, 1000L, 2000L),
        order,
        "the owner's reply took the slot at 1 s; the notification went at 2 s");
  }

  // A lane waiting for its chat's slot claims it: a message sent for another chat's sake waits
  // until the reply has gone, or until the claim lapses when the handler sent nothing.
  @Test
  void aClaimedSlotIsLeftToTheReplyAndLapsesWithoutOne() throws InterruptedException {
    assertEquals(0, limiter.reserve(7));
    assertEquals(Duration.ofSeconds(1), limiter.claim(7));
    assertEquals(1000, limiter.reserve(7), "the reply takes the claimed slot");
    limiter.acquire(7, false);
    assertEquals(2000, clock.millis(), "the other message goes in the slot after the reply");

    assertEquals(Duration.ofSeconds(1), limiter.claim(7));
    limiter.acquire(7, false);
    assertEquals(
        3000 + SendLimiter.CLAIM_GRACE_MILLIS,
        clock.millis(),
        "no reply came: the claim held half a second past its slot, then lapsed");
  }

  // Why: a viewer typing commands faster than its group's twenty a minute renewed the chat's claim
  // for as long as its backlog lasted (up to an hour), and a notification to that chat waited
  // behind all of it, and the outbox's one thread with it.
  @Test
  void aMessageYieldsToTheChatsOwnRepliesForAFewSecondsOnly() throws InterruptedException {
    long group = -100;
    long[] nextReply = {0};
    SendLimiter[] busy = new SendLimiter[1];
    Sleeper backlog =
        d -> {
          clock.advance(d);
          assertTrue(clock.millis() < 600_000, "still waiting after ten minutes");
          // The chat's lane: each reply reserves its slot when the one before has gone, and
          // the updates waiting behind it claim the next.
          if (clock.millis() >= nextReply[0]) {
            nextReply[0] = busy[0].reserve(group);
          }
          busy[0].claim(group);
        };
    busy[0] = limiterWith(backlog);
    nextReply[0] = busy[0].reserve(group);
    busy[0].claim(group);

    busy[0].acquire(group, false);

    assertTrue(
        clock.millis() <= SendLimiter.YIELD_LIMIT_MILLIS + 2_000,
        "the notification went at " + clock.millis() + " ms");
  }

  // Why: replies reserve the overall thirty a second ahead while a notification only took a slot
  // free at once; thirty chats answering all the time kept every notification waiting.
  @Test
  void aMessageWaitsForRepliesToOtherChatsForAFewSecondsOnly() throws InterruptedException {
    SendLimiter[] busy = new SendLimiter[1];
    long[] nextReply = new long[30];
    Sleeper everyoneReplying =
        d -> {
          clock.advance(d);
          assertTrue(clock.millis() < 600_000, "still waiting after ten minutes");
          // Thirty chats, each reserving its next reply once the one before has gone.
          for (int i = 0; i < 30; i++) {
            if (clock.millis() >= nextReply[i]) {
              nextReply[i] = busy[0].reserve(100 + i);
            }
          }
        };
    busy[0] = limiterWith(everyoneReplying);
    for (int i = 0; i < 30; i++) {
      nextReply[i] = busy[0].reserve(100 + i);
    }

    busy[0].acquire(7, false);

    assertTrue(
        clock.millis() <= SendLimiter.YIELD_LIMIT_MILLIS + 2_000,
        "the notification went at " + clock.millis() + " ms");
  }

  @Test
  void untilFreeForOthersCountsTheClaimForAFewSecondsOnly() {
    assertEquals(0, limiter.reserve(7));
    assertEquals(Duration.ofSeconds(1), limiter.claim(7));
    assertEquals(
        Duration.ofMillis(1000 + SendLimiter.CLAIM_GRACE_MILLIS), limiter.untilFreeForOthers(7));
    assertEquals(Duration.ofSeconds(1), limiter.untilFree(7), "a reply's wait leaves claims out");
    clock.advance(Duration.ofMillis(SendLimiter.YIELD_LIMIT_MILLIS));
    limiter.claim(7);
    assertEquals(Duration.ZERO, limiter.untilFreeForOthers(7), "yielded long enough");
  }

  // A send answered counts from its answer, exactly: the next to the chat can leave a window after
  // it and not arrive sooner after it at Telegram, so the margin against jitter is not needed then.
  @Test
  void anAnsweredSendCountsFromItsAnswerWithoutTheMargin() throws InterruptedException {
    SendLimiter margined =
        new SendLimiter(clock, sleeper, SendLimiter.Limits.telegram(Duration.ofMillis(50)));
    SendLimiter.Taken first = margined.acquire(7, false);
    assertEquals(Duration.ofMillis(1050), margined.untilFree(7), "in flight: the margin holds");
    clock.advance(Duration.ofMillis(20)); // the request's round trip
    margined.answered(first);
    assertEquals(Duration.ofMillis(1000), margined.untilFree(7), "a second after the answer");
    margined.acquire(7, false);
    assertEquals(1020, clock.millis());
  }

  // Thirty answered sends in a row: the 31st leaves a second after the first was answered, not
  // 1.05 s after it left: at 30 a second the margin cost 5 % of the overall rate.
  @Test
  void thirtyAnsweredSendsFreeTheOverallWindowASecondAfterTheFirstAnswer()
      throws InterruptedException {
    SendLimiter margined =
        new SendLimiter(clock, sleeper, SendLimiter.Limits.telegram(Duration.ofMillis(50)));
    for (int i = 0; i < 30; i++) {
      SendLimiter.Taken t = margined.acquire(100 + i, false);
      clock.advance(Duration.ofMillis(2));
      margined.answered(t);
    }
    assertEquals(60, clock.millis());
    margined.acquire(200, false);
    assertEquals(1002, clock.millis(), "the first send was answered at 2 ms");
  }

  // Two sends never arrive closer than the window when each leaves after the other's answer,
  // however long either took on the way: the first's slot moves to its answer.
  @Test
  void aSlowAnswerPushesTheChatsNextSlotPastIt() throws InterruptedException {
    SendLimiter.Taken first = limiter.acquire(7, false);
    clock.advance(Duration.ofMillis(1500)); // a slow round trip
    limiter.answered(first);
    assertEquals(Duration.ofMillis(1000), limiter.untilFree(7));
  }
}
