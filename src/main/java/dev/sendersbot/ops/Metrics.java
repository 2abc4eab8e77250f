package dev.sendersbot.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot counts, in the words of its features; served at {@code /metrics} by {@link
 * OpsServer} in Prometheus text format. The features call this facade and never Micrometer, and it
 * knows none of their types, so no package depends on another through it.
 *
 * <p>Prometheus names: {@code sendersbot_updates_handled_total}, {@code
 * sendersbot_commands_total{command,outcome}}, {@code
 * sendersbot_provider_requests_total{operation,outcome}}, {@code sendersbot_cache_hits_total},
 * {@code sendersbot_cache_misses_total}, {@code sendersbot_budget_waits_total}, {@code
 * sendersbot_budget_refusals_total{reason}}, {@code sendersbot_outbox_depth}, {@code
 * sendersbot_outbox_oldest_unsent_seconds}, {@code sendersbot_notifications_sent_total}, {@code
 * sendersbot_notifications_failed_total{kind}}, {@code sendersbot_poll_duration_seconds}, {@code
 * sendersbot_command_seconds} (histogram and p50/p99 from an update's arrival to its first reply
 * handed to Telegram), {@code sendersbot_unknown_chat_updates_total{result}} ({@code answered}, or
 * {@code dropped}: an unknown chat had its one answer of the last 10 minutes already), and
 * sendersbot_backlog_parked_total}, {@code sendersbot_backlog_dropped_total}, {@code
 * sendersbot_backlog_updates}, and Micrometer's JVM and process metrics ({@code jvm_*}, {@code
 * process_*}, {@code system_*}).
 *
 * <p>Tag values are normalised (lower case, {@code [a-z0-9_.-]}, at most 40 characters) and each
 * tag takes at most {@value #MAX_TAG_VALUES} distinct values; later ones count as {@code other}, so
 * a user typing random commands cannot grow the series without bound.
 */
public final class Metrics implements AutoCloseable {
  static final int MAX_TAG_VALUES = 50;

  static final String OTHER = "other";
  private static final Logger log = LoggerFactory.getLogger(Metrics.class);

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final boolean jvm;
  private JvmMetrics jvmMetrics; // guarded by this
  private final Map<String, Set<String>> tagValues = new ConcurrentHashMap<>();

  private final Counter updatesHandled;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter budgetWaits;
  private final Counter notificationsSent;
  private final Counter unknownChatAnswered;
  private final Counter unknownChatDropped;
  private final Timer pollDuration;
  private final Timer commandLatency;
  private volatile LongSupplier outboxDepth = () -> 0;
  private final java.util.List<Runnable> beforeScrape =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Supplier<Duration> oldestUnsent = () -> Duration.ZERO;
  private volatile LongSupplier backlogParked = () -> 0;
  private volatile LongSupplier backlogDropped = () -> 0;
  private volatile LongSupplier backlogWaiting = () -> 0;

  private Metrics(MeterRegistry registry, boolean jvm) {
    this.registry = registry;
    this.prometheus = registry instanceof PrometheusMeterRegistry p ? p : null;
    updatesHandled =
        Counter.builder("sendersbot.updates.handled")
            .description("Telegram updates handled")
            .register(registry);
    cacheHits =
        Counter.builder("sendersbot.cache.hits")
            .description("list answers served from cache")
            .register(registry);
    cacheMisses =
        Counter.builder("sendersbot.cache.misses")
            .description("list answers fetched from the provider")
            .register(registry);
    budgetWaits =
        Counter.builder("sendersbot.budget.waits")
            .description("provider calls that waited for rate budget")
            .register(registry);
    notificationsSent =
        Counter.builder("sendersbot.notifications.sent")
            .description("status-change notifications delivered")
            .register(registry);
    // Both results registered at once, so a scrape shows 0 drops rather than nothing.
    unknownChatAnswered =
        Counter.builder("sendersbot.unknown.chat.updates")
            .tag("result", "answered")
            .description("messages and presses of unknown chats, by whether they were answered")
            .register(registry);
    unknownChatDropped =
        Counter.builder("sendersbot.unknown.chat.updates")
            .tag("result", "dropped")
            .description("messages and presses of unknown chats, by whether they were answered")
            .register(registry);
    pollDuration =
        Timer.builder("sendersbot.poll.duration")
            .description("duration of one watcher poll")
            .register(registry);
    commandLatency = CommandLatency.register(registry);
    Gauge.builder("sendersbot.outbox.depth", this, Metrics::readOutboxDepth)
        .description("notifications not yet delivered")
        .strongReference(true)
        .register(registry);
    Gauge.builder("sendersbot.outbox.oldest.unsent", this, Metrics::readOldestUnsent)
        .description("age of the oldest undelivered notification")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("sendersbot.backlog.parked", this, m -> m.read(m.backlogParked))
        .description("Telegram updates parked for later: their chat was busy or paced")
        .register(registry);
    FunctionCounter.builder("sendersbot.backlog.dropped", this, m -> m.read(m.backlogDropped))
        .description("Telegram updates dropped: their chat's backlog was full")
        .register(registry);
    Gauge.builder("sendersbot.backlog.updates", this, m -> m.read(m.backlogWaiting))
        .description("Telegram updates parked and not yet handled")
        .strongReference(true)
        .register(registry);
    this.jvm = jvm;
  }

  /**
   * Adds Micrometer's JVM and process metrics to a {@link #prometheus()} registry; once, whoever
   * calls again. Not part of making the registry: binding them sets up the JVM's management beans
   * and a GC listener (some 400 classes and 50 ms of CPU), which the bot's first {@code getUpdates}
   * does not need, so {@code run} binds them once polling runs. Does nothing on the other
   * registries.
   */
  public synchronized void bindJvmMetrics() {
    if (jvm && jvmMetrics == null) {
      jvmMetrics = JvmMetrics.bindTo(registry);
    }
  }

  /** The real thing: a Prometheus registry ({@link #bindJvmMetrics()} adds the JVM's metrics). */
  public static Metrics prometheus() {
    return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
  }

  /** Counts nothing and serves an empty {@code /metrics}: for the demo and for tests. */
  public static Metrics noop() {
    return new Metrics(new CompositeMeterRegistry(), false);
  }

  /**
   * Over a registry the caller owns, without the JVM metrics: a test can pass a {@code
   * SimpleMeterRegistry} and read the counters back. {@code /metrics} serves Prometheus text only
   * when it is a {@link PrometheusMeterRegistry}.
   */
  public static Metrics on(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return new Metrics(registry, false);
  }

  /** The registry underneath, for a binder of a library (a Caffeine cache's statistics, say). */
  public MeterRegistry registry() {
    return registry;
  }

  /** One Telegram update went through the chat core, whatever its outcome. */
  public void updateHandled() {
    updatesHandled.increment();
  }

  /**
   * One command ran.
   *
   * @param name the command without the slash and bot name ({@code add}, {@code senders})
   * @param outcome {@code ok}, {@code denied}, {@code usage}, {@code error_9}, …
   */
  public void command(String name, String outcome) {
    String command =
        name == null ? null : name.strip().replaceFirst("^/", "").replaceFirst("@.*$", "");
    registry
        .counter(
            "sendersbot.commands",
            "command",
            tag("command", command),
            "outcome",
            tag("command.outcome", outcome))
        .increment();
  }

  /**
   * One request went to the provider.
   *
   * @param operation {@code list}, {@code add}, {@code send_code}, …
   * @param outcome {@code ok}, the provider's error code ({@code 9}), or a transport kind ({@code
   *     timeout}, {@code connect}, {@code http_502})
   */
  public void providerRequest(String operation, String outcome) {
    registry
        .counter(
            "sendersbot.provider.requests",
            "operation",
            tag("operation", operation),
            "outcome",
            tag("provider.outcome", outcome))
        .increment();
  }

  public void cacheHit() {
    cacheHits.increment();
  }

  public void cacheMiss() {
    cacheMisses.increment();
  }

  /** A call waited for rate budget before it went out. */
  public void budgetWait() {
    budgetWaits.increment();
  }

  /**
   * A call was refused for lack of budget ({@code lists}, {@code creates}, {@code in_flight}, …).
   */
  public void budgetRefusal(String reason) {
    registry.counter("sendersbot.budget.refusals", "reason", tag("reason", reason)).increment();
  }

  /** Adds cache hits, misses and budget waits at once (a delta from a snapshot kept elsewhere). */
  public void gatewayDeltas(long hits, long misses, long waits) {
    cacheHits.increment(hits);
    cacheMisses.increment(misses);
    budgetWaits.increment(waits);
  }

  /** Adds {@code n} provider requests of one operation and outcome at once. */
  public void providerRequests(String operation, String outcome, long n) {
    if (n > 0) {
      registry
          .counter(
              "sendersbot.provider.requests",
              "operation",
              tag("operation", operation),
              "outcome",
              tag("provider.outcome", outcome))
          .increment(n);
    }
  }

  /** Adds {@code n} budget refusals for one reason at once. */
  public void budgetRefusals(String reason, long n) {
    if (n > 0) {
      registry.counter("sendersbot.budget.refusals", "reason", tag("reason", reason)).increment(n);
    }
  }

  /**
   * Runs {@code collector} before every scrape, so counters kept elsewhere as running totals are
   * brought up to date exactly when they are read.
   */
  public void beforeScrape(Runnable collector) {
    beforeScrape.add(Objects.requireNonNull(collector, "collector"));
  }

  /** Where {@code sendersbot_outbox_depth} reads from at each scrape; replaces the earlier one. */
  public void outboxDepth(LongSupplier depth) {
    outboxDepth = Objects.requireNonNull(depth, "depth");
  }

  /**
   * Where {@code sendersbot_outbox_oldest_unsent_seconds} reads from at each scrape; the supplier
   * answers null or zero when nothing waits.
   */
  public void oldestUnsentAge(Supplier<Duration> age) {
    oldestUnsent = Objects.requireNonNull(age, "age");
  }

  /**
   * Where the Telegram backlog's figures are read at each scrape: updates parked since start,
   * dropped since start because their chat's backlog was full, and waiting now.
   */
  public void telegramBacklog(LongSupplier parked, LongSupplier dropped, LongSupplier waiting) {
    backlogParked = Objects.requireNonNull(parked, "parked");
    backlogDropped = Objects.requireNonNull(dropped, "dropped");
    backlogWaiting = Objects.requireNonNull(waiting, "waiting");
  }

  public void notificationSent() {
    notificationsSent.increment();
  }

  /** A notification could not be delivered ({@code blocked}, {@code rate_limited}, …). */
  public void notificationFailed(String kind) {
    registry.counter("sendersbot.notifications.failed", "kind", tag("kind", kind)).increment();
  }

  /**
   * A message or button press of an unknown chat: answered, or dropped unanswered because the chat
   * had its one answer of the last 10 minutes.
   */
  public void unknownChatUpdate(boolean answered) {
    (answered ? unknownChatAnswered : unknownChatDropped).increment();
  }

  /** One watcher poll took this long. */
  /** An update's first reply was handed to Telegram this long after the update arrived. */
  public void commandLatency(Duration duration) {
    commandLatency.record(duration);
  }

  public void pollDuration(Duration duration) {
    pollDuration.record(duration);
  }

  /** Prometheus text format, or empty when this is not a Prometheus registry. */
  String scrape() {
    for (Runnable r : beforeScrape) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // A collector that fails must not break the scrape of everything else.
        org.slf4j.LoggerFactory.getLogger(Metrics.class)
            .warn("metrics collector failed: {}", e.toString());
      }
    }
    return prometheus == null ? "" : prometheus.scrape();
  }

  boolean scrapes() {
    return prometheus != null;
  }

  @Override
  public synchronized void close() {
    if (jvmMetrics != null) {
      jvmMetrics.close();
    }
    registry.close();
  }

  // A gauge's function runs on the scraping thread: a failing store must not fail the scrape.
  private double readOutboxDepth() {
    try {
      return outboxDepth.getAsLong();
    } catch (RuntimeException e) {
      log.debug("outbox depth unavailable: {}", e.toString());
      return Double.NaN;
    }
  }

  private double read(LongSupplier figure) {
    try {
      return figure.getAsLong();
    } catch (RuntimeException e) {
      log.debug("a backlog figure is unavailable: {}", e.toString());
      return Double.NaN;
    }
  }

  private double readOldestUnsent() {
    try {
      Duration age = oldestUnsent.get();
      return age == null || age.isNegative() ? 0 : age.toNanos() / 1e9;
    } catch (RuntimeException e) {
      log.debug("oldest unsent age unavailable: {}", e.toString());
      return Double.NaN;
    }
  }

  private String tag(String key, String value) {
    String v = normalise(value);
    Set<String> seen = tagValues.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    if (seen.contains(v)) {
      return v;
    }
    synchronized (seen) {
      if (seen.size() >= MAX_TAG_VALUES) {
        return OTHER;
      }
      seen.add(v);
      return v;
    }
  }

  static String normalise(String value) {
    if (value == null || value.isBlank()) {
      return "unknown";
    }
    String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    return v.length() > 40 ? v.substring(0, 40) : v;
  }
}
