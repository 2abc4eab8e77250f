package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListCacheTest {
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final ListQuery MAIN = ListQuery.full(null);
  private static final ListQuery SUB = ListQuery.full("sub1");

  private final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));
  private final ListCache cache = new ListCache(clock, TTL, TTL.multipliedBy(10), 100);

  private ListCache.Entry entry(String name, long generation) {
    return new ListCache.Entry(List.of(new Sender(1, name)), clock.instant(), generation);
  }

  @Test
  void aStoredAnswerIsFreshForTheTtlThenKeptButNotFresh() {
    long gen = cache.generation(null);
    cache.store(MAIN, entry("ALPHA", gen));

    assertTrue(cache.satisfies(cache.get(MAIN), gen, false, clock.instant()));
    clock.advance(TTL);
    assertFalse(cache.satisfies(cache.get(MAIN), gen, false, clock.instant()));
    assertEquals("ALPHA", cache.get(MAIN).senders().get(0).name());
  }

  @Test
  void aRefreshIsSatisfiedOnlyByAnAnswerFetchedAfterItWasAsked() {
    long gen = cache.generation(null);
    Instant asked = clock.instant();
    cache.store(MAIN, entry("ALPHA", gen));
    clock.advance(Duration.ofSeconds(1));

    assertTrue(cache.satisfies(cache.get(MAIN), gen, true, asked));
    assertFalse(cache.satisfies(cache.get(MAIN), gen, true, clock.instant()));
  }

  @Test
  void invalidatingASubClientSupersedesOnlyItsOwnAnswers() {
    cache.store(MAIN, entry("MAIN", cache.generation(null)));
    long subGen = cache.generation("sub1");
    cache.store(SUB, entry("SUB", subGen));

    cache.invalidate("sub1");

    assertEquals(subGen + 1, cache.generation("sub1"));
    assertFalse(cache.satisfies(cache.get(SUB), cache.generation("sub1"), false, clock.instant()));
    assertTrue(cache.satisfies(cache.get(MAIN), cache.generation(null), false, clock.instant()));
  }

  @Test
  void anAnswerAskedBeforeAMutationDoesNotReplaceOneAskedAfter() {
    cache.store(MAIN, entry("AFTER", 1));
    clock.advance(Duration.ofSeconds(5));
    cache.store(MAIN, entry("BEFORE", 0));

    assertEquals("AFTER", cache.get(MAIN).senders().get(0).name());
  }

  @Test
  void ofOneGenerationTheLaterFetchIsKept() {
    cache.store(MAIN, entry("FIRST", 0));
    clock.advance(Duration.ofSeconds(1));
    cache.store(MAIN, entry("SECOND", 0));

    assertEquals("SECOND", cache.get(MAIN).senders().get(0).name());
  }

  @Test
  void answersKeptPastKeepStaleForAreGone() {
    cache.store(MAIN, entry("ALPHA", 0));
    assertEquals(1, cache.size());

    clock.advance(TTL.multipliedBy(10));

    assertNull(cache.get(MAIN));
    assertEquals(0, cache.size());
  }

  @Test
  void aSecondCallerOfTheSameListJoinsTheFirstInsteadOfAskingAgain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch leading = new CountDownLatch(1);
      CountDownLatch joined = new CountDownLatch(1);
      AtomicInteger loads = new AtomicInteger();
      Answer<List<Sender>> answer =
          new Answer<>(List.of(new Sender(1, "ALPHA")), clock.instant(), false);
      Future<Answer<List<Sender>>> leader =
          pool.submit(
              () ->
                  cache.shared(
                      MAIN,
                      0,
                      false,
                      () -> {},
                      () -> {
                        loads.incrementAndGet();
                        leading.countDown();
                        await(joined);
                        return answer;
                      }));
      assertTrue(leading.await(10, TimeUnit.SECONDS));
      Future<Answer<List<Sender>>> follower =
          pool.submit(
              () ->
                  cache.shared(
                      MAIN,
                      0,
                      false,
                      joined::countDown,
                      () -> {
                        loads.incrementAndGet();
                        return answer;
                      }));

      assertSame(answer, follower.get(10, TimeUnit.SECONDS));
      assertSame(answer, leader.get(10, TimeUnit.SECONDS));
      assertEquals(1, loads.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aJoinedCallerGetsTheLeadersFailure() throws Exception {
    CompletableFuture<Void> joinedFollower = new CompletableFuture<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch leading = new CountDownLatch(1);
      Future<?> leader =
          pool.submit(
              () ->
                  cache.shared(
                      MAIN,
                      0,
                      false,
                      () -> {},
                      () -> {
                        leading.countDown();
                        joinedFollower.join();
                        throw new GatewayRefusal(
                            GatewayRefusal.Reason.BUDGET, Duration.ofSeconds(3), "spent");
                      }));
      assertTrue(leading.await(10, TimeUnit.SECONDS));

      GatewayRefusal r =
          assertThrows(
              GatewayRefusal.class,
              () ->
                  cache.shared(
                      MAIN,
                      0,
                      false,
                      () -> joinedFollower.complete(null),
                      () -> {
                        throw new AssertionError("the follower must not ask");
                      }));

      assertEquals(Duration.ofSeconds(3), r.retryAfter());
      assertThrows(Exception.class, () -> leader.get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noCallerJoinsAListOfAnOlderGenerationOrTheOtherSide() {
    AtomicInteger loads = new AtomicInteger();
    Answer<List<Sender>> answer = new Answer<>(List.of(), clock.instant(), false);
    // Nested: each inner call runs while the outer one is still in flight.
    cache.shared(
        MAIN,
        0,
        false,
        () -> {},
        () -> {
          loads.incrementAndGet();
          cache.shared(
              MAIN,
              1,
              false,
              () -> {},
              () -> {
                loads.incrementAndGet();
                return answer;
              });
          cache.shared(
              MAIN,
              0,
              true,
              () -> {},
              () -> {
                loads.incrementAndGet();
                return answer;
              });
          return answer;
        });

    assertEquals(3, loads.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("nobody joined");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
