package dev.sendersbot.gateway;

import dev.sendersbot.config.Config;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway over the fake provider, with a movable clock, a clock-moving sleeper and a listener.
 */
final class Rig {
  final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));
  final FakeSendersApi api = new FakeSendersApi(clock);
  final FakeSleeper sleeper = FakeSleeper.advancing(clock);
  final RecordingListener listener = new RecordingListener();

  static Config.Gateway budgets(int lists, int creates, int inFlight, Duration maxWait) {
    return new Config.Gateway(lists, creates, inFlight, maxWait);
  }

  /** The defaults the bot ships with: 2 lists, 4 creations, 4 in flight, 5 s wait, 60 s ttl. */
  CachingGatewayBuilder builder() {
    return builder(budgets(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60));
  }

  CachingGatewayBuilder builder(Config.Gateway budgets, Duration ttl) {
    return CachingGateway.builder(api, TestSettings.gateway(budgets, ttl))
        .clock(clock)
        .sleeper(sleeper)
        .listener(listener);
  }

  static List<String> names(Answer<List<Sender>> answer) {
    return answer.value().stream().map(Sender::name).toList();
  }

  /** Remembers what the owners would have been told. */
  static final class RecordingListener implements GatewayListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> words = new CopyOnWriteArrayList<>();

    @Override
    public void suspended(GatewayRefusal.Reason reason, String text) {
      events.add("suspended " + reason);
      words.add(text);
    }

    @Override
    public void resumed(GatewayRefusal.Reason reason) {
      events.add("resumed " + reason);
    }
  }
}
