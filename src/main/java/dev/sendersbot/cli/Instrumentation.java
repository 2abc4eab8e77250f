package dev.sendersbot.cli;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.access.UnknownChatTally;
import dev.sendersbot.chat.ChatEvents;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.GatewayMetrics;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.ProviderOperation;
import dev.sendersbot.ops.Metrics;
import dev.sendersbot.watch.WatchEvents;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds the metrics from the parts that keep their own counts, so no feature depends on the metrics
 * library: the gateway's running totals (as deltas, just before each scrape) and the audit log's
 * outcomes (every command that reaches the policy is audited exactly once).
 */
final class Instrumentation {
  private Instrumentation() {}

  /** Brings the gateway's totals into the metrics before every scrape. */
  static void bindGateway(Metrics metrics, CachingGateway gateway) {
    GatewayDeltas deltas = new GatewayDeltas(metrics, gateway);
    metrics.beforeScrape(deltas::collect);
  }

  /** The watcher's polls and deliveries as metrics. */
  static WatchEvents watchEvents(Metrics metrics) {
    return new WatchEvents() {
      @Override
      public void pollFinished(java.time.Duration took, boolean ok) {
        metrics.pollDuration(took);
      }

      @Override
      public void notificationSent() {
        metrics.notificationSent();
      }

      @Override
      public void notificationFailed(String kind) {
        metrics.notificationFailed(kind);
      }
    };
  }

  /**
   * The chat core's unknown-chat events as metrics: every update of an unknown chat by whether it
   * was answered, and an answered command by name and outcome, as an audited command is.
   */
  static ChatEvents chatEvents(Metrics metrics) {
    return chatEvents(metrics, chatId -> {});
  }

  /** The same, and a chat's change of language told to {@code languageChanged}. */
  static ChatEvents chatEvents(Metrics metrics, java.util.function.LongConsumer languageChanged) {
    return new ChatEvents() {
      @Override
      public void chatLanguageChanged(long chatId) {
        languageChanged.accept(chatId);
      }

      @Override
      public void unknownChatAnswered(String command, String decision, String outcome) {
        metrics.unknownChatUpdate(true);
        if (command != null) {
          metrics.command(command, outcomeLabel(decision, outcome));
        }
      }

      @Override
      public void unknownChatDropped() {
        metrics.unknownChatUpdate(false);
      }
    };
  }

  /** An audit log that also counts each command by name and outcome. */
  static AuditLog countingAudit(AuditLog audit, Metrics metrics) {
    return new CountingAuditLog(audit, metrics);
  }

  /** The outcome of an audit entry as a metric label: ok, denied, smsc_error_N, refused, failed. */
  static String outcomeLabel(String decision, String outcome) {
    if (decision != null && decision.startsWith("denied")) {
      return "denied";
    }
    if (outcome == null) {
      return "unknown";
    }
    String o = outcome.strip().toLowerCase(Locale.ROOT);
    if (o.startsWith("smsc error")) {
      String code = o.substring("smsc error".length()).strip().split("\\D", 2)[0];
      return code.isEmpty() ? "smsc_error" : "smsc_error_" + code;
    }
    String first = o.split("[:\\s(]", 2)[0];
    return switch (first) {
      case "ok", "refused", "failed", "denied", "invalid", "cancelled" -> first;
      default -> "other";
    };
  }

  private static final class GatewayDeltas {
    private final Metrics metrics;
    private final CachingGateway gateway;
    private GatewayMetrics last;

    GatewayDeltas(Metrics metrics, CachingGateway gateway) {
      this.metrics = metrics;
      this.gateway = gateway;
    }

    synchronized void collect() {
      GatewayMetrics now = gateway.metrics();
      GatewayMetrics before = last;
      metrics.gatewayDeltas(
          now.cacheHits() - (before == null ? 0 : before.cacheHits()),
          now.cacheMisses() - (before == null ? 0 : before.cacheMisses()),
          now.budgetWaits() - (before == null ? 0 : before.budgetWaits()));
      for (ProviderOperation op : ProviderOperation.values()) {
        Map<GatewayMetrics.Outcome, Long> n = now.requests().get(op);
        Map<GatewayMetrics.Outcome, Long> b =
            before == null
                ? new EnumMap<>(GatewayMetrics.Outcome.class)
                : before.requests().get(op);
        for (GatewayMetrics.Outcome o :
            List.of(GatewayMetrics.Outcome.OK, GatewayMetrics.Outcome.TRANSPORT_ERROR)) {
          metrics.providerRequests(
              op.flag(), o.name().toLowerCase(Locale.ROOT), n.get(o) - b.getOrDefault(o, 0L));
        }
      }
      // Provider errors by code: the outcome label carries the code ("error_9").
      for (Map.Entry<Integer, Long> e : now.providerErrors().entrySet()) {
        long prior = before == null ? 0 : before.providerErrors().getOrDefault(e.getKey(), 0L);
        metrics.providerRequests("any", "error_" + e.getKey(), e.getValue() - prior);
      }
      for (GatewayRefusal.Reason r : GatewayRefusal.Reason.values()) {
        long prior = before == null ? 0 : before.refusals().get(r);
        metrics.budgetRefusals(r.name().toLowerCase(Locale.ROOT), now.refusals().get(r) - prior);
      }
      last = now;
    }
  }

  private static final class CountingAuditLog implements AuditLog {
    private final AuditLog delegate;
    private final Metrics metrics;
    private final Map<Long, String> running = new ConcurrentHashMap<>();

    CountingAuditLog(AuditLog delegate, Metrics metrics) {
      this.delegate = delegate;
      this.metrics = metrics;
    }

    @Override
    public long record(AuditEntry entry) {
      long id = delegate.record(entry);
      if (entry.outcome() != null || entry.decision().startsWith("denied")) {
        metrics.command(entry.command(), outcomeLabel(entry.decision(), entry.outcome()));
      } else {
        running.put(id, entry.command());
      }
      return id;
    }

    @Override
    public void complete(long id, String outcome) {
      delegate.complete(id, outcome);
      String command = running.remove(id);
      if (command != null) {
        metrics.command(command, outcomeLabel("allowed", outcome));
      }
    }

    @Override
    public List<AuditEntry> recent(AuditScope scope, int limit) {
      return delegate.recent(scope, limit);
    }

    @Override
    public List<AuditEntry> about(String senderName, AuditScope scope, int limit) {
      return delegate.about(senderName, scope, limit);
    }

    @Override
    public void countUnknownChat(long chatId, java.time.Instant at) {
      delegate.countUnknownChat(chatId, at);
    }

    @Override
    public UnknownChatTally unknownChats(java.time.Instant since) {
      return delegate.unknownChats(since);
    }

    @Override
    public long purgeBefore(java.time.Instant cutoff) {
      return delegate.purgeBefore(cutoff);
    }
  }
}
