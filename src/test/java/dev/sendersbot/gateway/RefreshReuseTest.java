package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: 🔄 takes the cached list while it is only seconds old ({@code gateway.refresh-reuse}),
 * and each chat's refreshes are spaced, so repeated presses cost nothing; the watcher's reserved
 * share is untouched. Over the real HTTP client and the SMSC sandbox on 127.0.0.1, on the test's
 * clock.
 */
class RefreshReuseTest {
  private static final ListQuery LIST = ListQuery.full(null).withCnt(ListQuery.MAX_CNT);

  private final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));
  private final SmscSandbox sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock));
  private final OkHttpClient http = new OkHttpClient();
  private final SendersApi api =
      SmscClients.http(
          new SmscSettings(
              sandbox.baseUrl(),
              Credentials.password(sandbox.login(), sandbox.password()),
              Duration.ofSeconds(10)),
          http);

  @AfterEach
  void stop() {
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private CachingGatewayBuilder builder(Config.Gateway budgets) {
    sandbox.seed("SHOP", null, "seeded", 1, Map.of("mts_step", 2));
    return CachingGateway.builder(api, TestSettings.gateway(budgets, Duration.ofSeconds(60)))
        .clock(clock)
        .sleeper(FakeSleeper.advancing(clock));
  }

  private long lists() {
    return sandbox.requests().stream().filter(r -> r.operation().equals("get")).count();
  }

  /**
   * The whole identical-list budget open to chats (3 a minute, no watcher): on a list 30 s old, 5
   * chats press 🔄 20 times within 8 s. Before issue 13 the first three presses each asked the
   * provider.
   */
  @Test
  void twentyPressesFromFiveChatsWithinSecondsCostOneListRequest() {
    CachingGateway gateway = builder(new Config.Gateway(3, 4, 4, Duration.ofSeconds(5))).build();
    gateway.list(LIST);
    clock.advance(Duration.ofSeconds(30));
    sandbox.clearRequests();

    List<Answer<?>> answers = new ArrayList<>();
    for (int press = 0; press < 20; press++) {
      answers.add(gateway.refresh(LIST, Caller.chat(press % 5)));
      clock.advance(Duration.ofMillis(400));
    }

    assertEquals(1, lists(), sandbox.requests().toString());
    assertFalse(answers.get(0).stale(), "the first press asked");
    for (Answer<?> a : answers.subList(1, answers.size())) {
      assertTrue(a.stale(), a.toString());
      assertNotNull(a.holdback(), a.toString());
      assertTrue(
          a.holdback().cause() == Holdback.Cause.UPDATED_RECENTLY
              || a.holdback().cause() == Holdback.Cause.CHAT_REFRESHED_RECENTLY,
          a.toString());
      assertEquals(answers.get(0).fetchedAt(), a.fetchedAt());
    }
  }

  /**
   * As the bot ships (2 lists a minute, the watcher polling every 60 s, 10 s reuse, 30 s per chat):
   * 5 chats press 🔄 20 times spread over a minute. At most one list request is theirs, each other
   * press says why it got the cached list, and the watcher's polls at 0 s and 60 s both read.
   */
  @Test
  void twentyPressesFromFiveChatsOverAMinuteCostAtMostOneListRequestAndTheWatcherStillPolls() {
    CachingGateway gateway =
        builder(new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)))
            .watchInterval(Duration.ofSeconds(60))
            .build();
    Instant start = clock.instant();
    assertFalse(gateway.refresh(LIST, Caller.WATCHER).stale());
    List<Answer<?>> answers = new ArrayList<>();
    for (int press = 0; press < 20; press++) {
      clock.set(start.plusSeconds(1 + 3L * press));
      answers.add(gateway.refresh(LIST, Caller.chat(press % 5)));
    }
    clock.set(start.plusSeconds(60));
    Answer<?> secondPoll = gateway.refresh(LIST, Caller.WATCHER);

    List<RecordedRequest> log = sandbox.requests();
    assertEquals(3, lists(), "two polls and at most one refresh: " + log);
    assertFalse(secondPoll.stale());
    assertTrue(log.stream().allMatch(RecordedRequest::ok), log.toString());
    long asked = answers.stream().filter(a -> !a.stale()).count();
    assertEquals(1, asked, answers.toString());
    assertTrue(answers.stream().allMatch(a -> !a.stale() || a.holdback() != null));
    assertEquals(
        Holdback.Cause.UPDATED_RECENTLY,
        answers.get(0).holdback().cause(),
        "a press a second after the poll takes its list");
  }

  /** Once the list is older than the reuse period, a chat's 🔄 asks the provider again. */
  @Test
  void aPressAfterTheReusePeriodAsks() {
    CachingGateway gateway = builder(new Config.Gateway(3, 4, 4, Duration.ofSeconds(5))).build();
    gateway.list(LIST);
    clock.advance(Duration.ofSeconds(9));
    Answer<?> reused = gateway.refresh(LIST, Caller.chat(1));
    clock.advance(Duration.ofSeconds(2));

    Answer<?> asked = gateway.refresh(LIST, Caller.chat(2));

    assertEquals(Holdback.Cause.UPDATED_RECENTLY, reused.holdback().cause());
    assertEquals(Duration.ofSeconds(1), reused.holdback().retryAfter());
    assertFalse(asked.stale());
    assertEquals(clock.instant(), asked.fetchedAt());
    assertEquals(2, lists());
  }

  /** With {@code gateway.refresh-reuse: 0s} every 🔄 may ask, as before issue 13. */
  @Test
  void zeroReuseLetsEveryPressAsk() {
    CachingGateway gateway =
        builder(new Config.Gateway(3, 4, 4, Duration.ofSeconds(5)).withRefreshReuse(Duration.ZERO))
            .build();
    gateway.list(LIST);
    clock.advance(Duration.ofSeconds(1));

    assertFalse(gateway.refresh(LIST, Caller.chat(1)).stale());
    assertEquals(2, lists());
  }
}
