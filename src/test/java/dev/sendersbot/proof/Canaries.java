package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;

import dev.sendersbot.telegram.FakeBotApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A plain /id from a fresh user in each chat, enqueued after everything else, once the bot has
 * nothing left to handle: a stranger's updates beyond its bounded backlog are dropped, not queued,
 * and a canary must not be one of them. The bot keeps each chat's updates in order, so once every
 * canary is answered every update before it was handled or dropped, and polling still runs.
 */
final class Canaries {
  private static final AtomicLong NEXT_USER = new AtomicLong(739_990_000L);

  private Canaries() {}

  /**
   * Waits until {@code drained} holds, then enqueues one canary per chat and waits for all answers;
   * returns how long that took, the wait for the drain included.
   */
  static Duration flyAndAwait(
      FakeBotApi api, List<Long> chatIds, Duration atMost, BooleanSupplier drained) {
    long start = System.nanoTime();
    await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(drained::getAsBoolean);
    return flyAndAwait(api, chatIds, atMost).plusNanos(System.nanoTime() - start);
  }

  /** Enqueues one canary per chat and waits for all answers; returns how long that took. */
  static Duration flyAndAwait(FakeBotApi api, List<Long> chatIds, Duration atMost) {
    Map<Long, String> expected = new LinkedHashMap<>();
    for (long chat : chatIds) {
      long user = NEXT_USER.incrementAndGet();
      api.enqueueText(chat, user, "/id");
      expected.put(chat, "Your user id: <code>" + user + "</code>");
    }
    long start = System.nanoTime();
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<FakeBotApi.Sent> sent = api.sent();
              return expected.entrySet().stream()
                  .allMatch(
                      e ->
                          sent.stream()
                              .anyMatch(
                                  s ->
                                      s.chatId() == e.getKey()
                                          && s.text() != null
                                          && s.text().contains(e.getValue())));
            });
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
