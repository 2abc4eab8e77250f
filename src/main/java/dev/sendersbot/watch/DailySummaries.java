package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.Reach;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.ModerationStatus;
import dev.sendersbot.smsc.OperatorStatus;
import dev.sendersbot.store.ChatAlerts;
import dev.sendersbot.store.ChatAlerts.Settings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.store.Subscriptions.Subscription;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The daily summary a chat asked for ({@code /summary HH:MM}): once a day at that time in the
 * chat's zone, counts by status of the names it is subscribed to and the names needing action, each
 * with its card button. Skipped on a day with nothing to say (no change since the day before and no
 * name needing action) unless the chat asked for it always. The summary's row and the note that the
 * day's summary was made are written together, so a restart makes it neither twice nor never.
 */
final class DailySummaries {
  private final Database db;
  private final ChatAlerts alerts;
  private final AccessPolicy policy;
  private final Readers readers;
  private final Clock clock;

  DailySummaries(
      Database db, ChatAlerts alerts, AccessPolicy policy, Readers readers, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.readers = Objects.requireNonNull(readers, "readers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Queues the summaries due now; returns how many. */
  int makeDue() {
    Instant now = clock.instant();
    int made = 0;
    for (Settings s : alerts.summaries()) {
      Texts t = readers.of(s.chatId());
      ZonedDateTime local = now.atZone(t.zone());
      LocalDate today = local.toLocalDate();
      if (local.toLocalTime().isBefore(s.summaryAt()) || today.equals(s.summaryLast())) {
        continue;
      }
      Optional<Reach> reach = policy.reach(s.chatId());
      String scope =
          reach.map(r -> r.subClient() == null ? WatchStore.ACCOUNT : r.subClient()).orElse(null);
      made +=
          db.write(
              "make the daily summary of chat " + s.chatId(),
              c -> {
                NewMessage m = scope == null ? null : summary(c, s, scope, today, now, t);
                if (m != null) {
                  Outbox.enqueue(c, List.of(m), now);
                }
                SqliteChatAlerts.summaryMade(c, s.chatId(), today);
                return m == null ? 0 : 1;
              });
    }
    return made;
  }

  private static NewMessage summary(
      Connection c, Settings s, String scope, LocalDate today, Instant now, Texts t)
      throws SQLException {
    long chatId = s.chatId();
    boolean everything = false;
    Integer topic = null;
    Set<String> named = new HashSet<>();
    boolean any = false;
    for (Subscription sub : SqliteSubscriptions.active(c)) {
      if (sub.chatId() != chatId) {
        continue;
      }
      any = true;
      topic = sub.topicId();
      if (sub.name() == null) {
        everything = true;
      } else {
        named.add(sub.name().toUpperCase(Locale.ROOT));
      }
    }
    if (!any) {
      return null;
    }
    Map<String, Integer> counts = new TreeMap<>();
    Set<String> needAction = new TreeSet<>();
    for (Map.Entry<String, NameState> e : WatchStore.load(c, scope).entrySet()) {
      String name = e.getKey();
      if (!everything && !named.contains(name.toUpperCase(Locale.ROOT))) {
        continue;
      }
      NameState st = e.getValue();
      boolean act =
          st.moderation() != null
              && ModerationStatus.of(st.moderation()) == ModerationStatus.DISABLED;
      for (int code : st.operators().values()) {
        counts.merge(ProviderWords.operatorStatus(t, code), 1, Integer::sum);
        act |= OperatorStatus.of(code).actionable();
      }
      if (act) {
        needAction.add(name);
      }
    }
    int changes = changesSince(c, chatId, now.minus(Duration.ofDays(1)));
    if (needAction.isEmpty() && changes == 0 && !s.summaryAlways()) {
      return null;
    }
    List<String> cards =
        new ArrayList<>(needAction).subList(0, Math.min(needAction.size(), Digests.MAX_CARDS));
    return new NewMessage(
        chatId,
        topic,
        Kind.SUMMARY,
        CardTexts.daily(t, today, counts, List.copyOf(needAction), changes),
        false,
        List.copyOf(cards));
  }

  private static int changesSince(Connection c, long chatId, Instant since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM outbox o JOIN outbox_payloads p ON p.id = o.payload_id"
                + " WHERE o.chat_id = ? AND p.kind = 'change' AND o.created_at > ?")) {
      ps.setLong(1, chatId);
      ps.setLong(2, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
