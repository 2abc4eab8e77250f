package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderRef;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway over the real HTTP client and the SMSC sandbox on 127.0.0.1, sharing one clock. */
class GatewayAgainstSandboxTest {
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

  private CachingGateway gateway() {
    return CachingGateway.builder(
            api,
            TestSettings.gateway(
                new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60)))
        .clock(clock)
        .sleeper(FakeSleeper.advancing(clock))
        .build();
  }

  /**
   * 200 {@code /senders} commands (one in three the refresh button) from 20 chats, two of them
   * bound to a sub-client, within one minute, then a second minute of the same.
   */
  @Test
  void twoHundredSendersCommandsFromTwentyChatsCauseAtMostTwoIdenticalListsPerMinute()
      throws Exception {
    sandbox.seed("SHOP", null, "seeded", 1, Map.of("mts_step", 2));
    sandbox.seed("TEAM", "team-a", "seeded", 1, Map.of("mts_step", 2));
    CachingGateway gateway = gateway();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService chats = Executors.newFixedThreadPool(20);
    try {
      for (int round = 0; round < 20; round++) {
        List<Future<?>> commands = new ArrayList<>();
        for (int chat = 0; chat < 20; chat++) {
          long who = chat;
          ListQuery query = ListQuery.full(chat % 10 == 0 ? "team-a" : null);
          boolean refresh = (chat + round) % 3 == 0;
          commands.add(
              chats.submit(
                  () -> {
                    if (refresh) {
                      gateway.refresh(query, Caller.chat(who));
                    } else {
                      gateway.list(query);
                    }
                    answered.incrementAndGet();
                  }));
        }
        for (Future<?> f : commands) {
          f.get(20, TimeUnit.SECONDS);
        }
        clock.advance(Duration.ofSeconds(6));
      }
    } finally {
      chats.shutdownNow();
    }

    List<RecordedRequest> log = sandbox.requests();
    assertEquals(400, answered.get());
    assertTrue(log.stream().allMatch(RecordedRequest::ok), log.toString());
    assertTrue(maxIdenticalListsPerMinute(log) <= 2, log.toString());
    assertTrue(log.size() >= 4, "both questions were asked again in the second minute: " + log);
  }

  /**
   * Issue 13: the bot's own add is applied to the cached list, so the list right after it shows the
   * new name without a provider request (it used to wait for list budget), and shows it as the
   * provider itself lists it.
   */
  @Test
  void theListAfterAnAddShowsTheNewNameWithoutAskingTheProvider() {
    sandbox.seed("SHOP", null, "seeded", 1, Map.of("mts_step", 2));
    CachingGateway gateway = gateway();
    ListQuery query = ListQuery.full(null).withCnt(ListQuery.MAX_CNT);
    gateway.list(query);
    clock.advance(Duration.ofSeconds(5));

    long id =
        gateway.add(
            new AddRequest("NEWNAME", "c", Set.of("mts_step"), null, false, null, null, null));
    Answer<List<Sender>> after = gateway.list(query);

    assertEquals(
        List.of("get", "add"),
        sandbox.requests().stream().map(RecordedRequest::operation).toList());
    assertFalse(after.stale());
    assertEquals(List.of("NEWNAME", "SHOP"), after.value().stream().map(Sender::name).toList());
    assertEquals(id, after.value().get(0).id());
    assertEquals(api.list(query), after.value(), "the provider lists it just so");
  }

  /** Issue 13: the bot's own delete takes the name off the cached list at once. */
  @Test
  void theListAfterADeleteNoLongerShowsTheNameWithoutAskingTheProvider() {
    sandbox.seed("SHOP", null, "seeded", 1, Map.of("mts_step", 2));
    sandbox.seed("GONE", null, "seeded", 1, Map.of("mts_step", 2));
    sandbox.seed("TEAM", "team-a", "seeded", 1, Map.of("mts_step", 2));
    CachingGateway gateway = gateway();
    ListQuery query = ListQuery.full(null);
    gateway.list(query);
    gateway.list(ListQuery.full("team-a"));
    clock.advance(Duration.ofSeconds(5));

    gateway.delete(new DeleteRequest(SenderRef.name("gone"), null));
    Answer<List<Sender>> after = gateway.list(query);
    Answer<List<Sender>> team = gateway.list(ListQuery.full("team-a"));

    assertEquals(
        List.of("get", "get", "del"),
        sandbox.requests().stream().map(RecordedRequest::operation).toList());
    assertFalse(after.stale());
    assertEquals(List.of("SHOP"), after.value().stream().map(Sender::name).toList());
    assertEquals(List.of("TEAM"), team.value().stream().map(Sender::name).toList());
    assertEquals(api.list(query), after.value(), "the provider lists it just so");
  }

  /**
   * A change still supersedes the cached list: the bot cannot tell what the provider made of it.
   */
  @Test
  void theListAfterAChangeStillAsksTheProvider() {
    sandbox.seed("SHOP", null, "seeded", 1, Map.of("mts_step", 2));
    CachingGateway gateway = gateway();
    gateway.list(ListQuery.full(null));

    gateway.change(new ChangeRequest(SenderRef.name("SHOP"), "new", Set.of(), null, null));
    gateway.list(ListQuery.full(null));

    assertEquals(
        List.of("get", "chg", "get"),
        sandbox.requests().stream().map(RecordedRequest::operation).toList());
  }

  /** The most list requests with the same parameters in any 60 s (ends included). */
  static int maxIdenticalListsPerMinute(List<RecordedRequest> log) {
    Map<String, List<Instant>> byQuery = new HashMap<>();
    for (RecordedRequest r : log) {
      if (r.operation().equals("get")) {
        Map<String, String> p = new TreeMap<>(r.params());
        p.keySet().removeAll(List.of("login", "psw", "apikey"));
        byQuery.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(r.time());
      }
    }
    int max = 0;
    for (List<Instant> times : byQuery.values()) {
      times.sort(null);
      int from = 0;
      for (int to = 0; to < times.size(); to++) {
        while (Duration.between(times.get(from), times.get(to)).compareTo(Duration.ofSeconds(60))
            > 0) {
          from++;
        }
        max = Math.max(max, to - from + 1);
      }
    }
    return max;
  }
}
