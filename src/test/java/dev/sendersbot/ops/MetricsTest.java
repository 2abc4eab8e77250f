package dev.sendersbot.ops;

import static dev.sendersbot.ops.Scrapes.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
  final Metrics metrics = Metrics.prometheus();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void everyCounterStartsAtZeroAndMovesWithItsCall() {
    String before = metrics.scrape();
    for (String series :
        new String[] {
          "sendersbot_updates_handled_total", "sendersbot_cache_hits_total",
          "sendersbot_cache_misses_total", "sendersbot_budget_waits_total",
          "sendersbot_notifications_sent_total", "sendersbot_outbox_depth",
          "sendersbot_outbox_oldest_unsent_seconds", "sendersbot_poll_duration_seconds_count"
        }) {
      assertEquals(0.0, valueOf(before, series), series);
    }

    metrics.updateHandled();
    metrics.updateHandled();
    metrics.command("senders", "ok");
    metrics.command("add", "denied");
    metrics.command("add", "denied");
    metrics.providerRequest("list", "ok");
    metrics.providerRequest("add", "9");
    metrics.cacheHit();
    metrics.cacheMiss();
    metrics.budgetWait();
    metrics.budgetRefusal("creates");
    metrics.notificationSent();
    metrics.notificationFailed("blocked");
    metrics.pollDuration(Duration.ofMillis(1500));

    String after = metrics.scrape();
    assertEquals(2.0, valueOf(after, "sendersbot_updates_handled_total"));
    assertEquals(
        1.0, valueOf(after, "sendersbot_commands_total{command=\"senders\",outcome=\"ok\"}"));
    assertEquals(
        2.0, valueOf(after, "sendersbot_commands_total{command=\"add\",outcome=\"denied\"}"));
    assertEquals(
        1.0,
        valueOf(after, "sendersbot_provider_requests_total{operation=\"list\",outcome=\"ok\"}"));
    assertEquals(
        1.0, valueOf(after, "sendersbot_provider_requests_total{operation=\"add\",outcome=\"9\"}"));
    assertEquals(1.0, valueOf(after, "sendersbot_cache_hits_total"));
    assertEquals(1.0, valueOf(after, "sendersbot_cache_misses_total"));
    assertEquals(1.0, valueOf(after, "sendersbot_budget_waits_total"));
    assertEquals(1.0, valueOf(after, "sendersbot_budget_refusals_total{reason=\"creates\"}"));
    assertEquals(1.0, valueOf(after, "sendersbot_notifications_sent_total"));
    assertEquals(1.0, valueOf(after, "sendersbot_notifications_failed_total{kind=\"blocked\"}"));
    assertEquals(1.0, valueOf(after, "sendersbot_poll_duration_seconds_count"));
    assertEquals(1.5, valueOf(after, "sendersbot_poll_duration_seconds_sum"), 1e-9);
  }

  @Test
  void gaugesReadTheirSuppliersAtEachScrape() {
    AtomicLong depth = new AtomicLong(3);
    metrics.outboxDepth(depth::get);
    metrics.oldestUnsentAge(() -> Duration.ofSeconds(42));
    assertEquals(3.0, valueOf(metrics.scrape(), "sendersbot_outbox_depth"));
    assertEquals(42.0, valueOf(metrics.scrape(), "sendersbot_outbox_oldest_unsent_seconds"));
    depth.set(0);
    metrics.oldestUnsentAge(() -> null);
    assertEquals(0.0, valueOf(metrics.scrape(), "sendersbot_outbox_depth"));
    assertEquals(0.0, valueOf(metrics.scrape(), "sendersbot_outbox_oldest_unsent_seconds"));
  }

  // Issue 11: updates dropped because a chat's backlog was full must show, not vanish.
  @Test
  void theTelegramBacklogFiguresAreReadAtEachScrape() {
    AtomicLong parked = new AtomicLong(12);
    AtomicLong dropped = new AtomicLong(129);
    AtomicLong waiting = new AtomicLong(10);
    assertEquals(0.0, valueOf(metrics.scrape(), "sendersbot_backlog_dropped_total"));
    metrics.telegramBacklog(parked::get, dropped::get, waiting::get);
    String scrape = metrics.scrape();
    assertEquals(12.0, valueOf(scrape, "sendersbot_backlog_parked_total"));
    assertEquals(129.0, valueOf(scrape, "sendersbot_backlog_dropped_total"));
    assertEquals(10.0, valueOf(scrape, "sendersbot_backlog_updates"));
    dropped.set(130);
    waiting.set(0);
    scrape = metrics.scrape();
    assertEquals(130.0, valueOf(scrape, "sendersbot_backlog_dropped_total"));
    assertEquals(0.0, valueOf(scrape, "sendersbot_backlog_updates"));
  }

  // The outbox lives in SQLite: a locked or closed database must not break /metrics.
  @Test
  void aFailingGaugeSupplierYieldsNaNAndTheScrapeStillWorks() {
    metrics.outboxDepth(
        () -> {
          throw new IllegalStateException("database is closed");
        });
    metrics.cacheHit();
    String scrape = metrics.scrape();
    assertTrue(Double.isNaN(valueOf(scrape, "sendersbot_outbox_depth")), scrape);
    assertEquals(1.0, valueOf(scrape, "sendersbot_cache_hits_total"));
  }

  @Test
  void commandNamesAreNormalisedFromWhatTheUserTyped() {
    metrics.command("/Add@SendersBot", "OK");
    metrics.command("add", "ok");
    assertEquals(
        2.0,
        valueOf(metrics.scrape(), "sendersbot_commands_total{command=\"add\",outcome=\"ok\"}"));
  }

  // Random commands typed by users must not grow the series without bound.
  @Test
  void tagValuesBeyondTheCapCountAsOther() {
    for (int i = 0; i < Metrics.MAX_TAG_VALUES + 20; i++) {
      metrics.command("cmd" + i, "unknown_command");
    }
    String scrape = metrics.scrape();
    long series = scrape.lines().filter(l -> l.startsWith("sendersbot_commands_total{")).count();
    assertEquals(Metrics.MAX_TAG_VALUES + 1, series, scrape);
    assertEquals(
        20.0,
        valueOf(
            scrape, "sendersbot_commands_total{command=\"other\",outcome=\"unknown_command\"}"));
  }

  @Test
  void servesJvmAndProcessBasicsOnceBound() {
    assertFalse(metrics.scrape().contains("jvm_memory_used_bytes"), "bound later, by run");
    metrics.bindJvmMetrics();
    String scrape = metrics.scrape();
    for (String name :
        new String[] {
          "jvm_memory_used_bytes",
          "jvm_threads_live_threads",
          "jvm_gc_",
          "process_uptime_seconds",
          "system_cpu_count",
          "jvm_classes_loaded_classes"
        }) {
      assertTrue(scrape.contains(name), name);
    }
  }

  @Test
  void noopCountsNothingAndScrapesEmpty() {
    try (Metrics noop = Metrics.noop()) {
      noop.command("add", "ok");
      noop.outboxDepth(() -> 5);
      assertEquals("", noop.scrape());
    }
  }

  @Test
  void overACallersRegistryTheCountersCanBeReadBack() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics m = Metrics.on(registry);
    m.providerRequest("list", "timeout");
    assertEquals(
        1.0,
        registry
            .get("sendersbot.provider.requests")
            .tag("operation", "list")
            .tag("outcome", "timeout")
            .counter()
            .count());
  }

  /** Issue 13: command latency as a histogram without labels (no user data), fine below 10 ms. */
  @Test
  void commandLatencyIsAHistogramWithoutLabels() {
    metrics.commandLatency(Duration.ofNanos(1_500_000));
    metrics.commandLatency(Duration.ofMillis(40));

    String scrape = metrics.scrape();

    assertEquals(2.0, valueOf(scrape, "sendersbot_command_seconds_count"), scrape);
    assertEquals(1.0, valueOf(scrape, "sendersbot_command_seconds_bucket{le=\"0.002\"}"), scrape);
    assertEquals(2.0, valueOf(scrape, "sendersbot_command_seconds_bucket{le=\"0.05\"}"), scrape);
    assertTrue(
        scrape
            .lines()
            .filter(l -> l.startsWith("sendersbot_command_seconds"))
            .allMatch(l -> !l.contains("{") || l.contains("{le=") || l.contains("{quantile=")),
        scrape);
  }
}
