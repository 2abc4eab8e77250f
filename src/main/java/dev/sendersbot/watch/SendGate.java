package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.Reach;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.Pending;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks, when a notification is about to go out, whether its chat may still have it. Access is read
 * at send time, not when the row was queued: Telegram can hold a chat's messages back for minutes
 * (a 429 with a long retry_after, an outage), and an owner can revoke or rebind the chat meanwhile.
 *
 * <p>A row is dropped (marked failed, counted through {@link WatchEvents#notificationDropped} and
 * written to the audit log, one entry per chat and reason) when its chat has no access now; when it
 * was queued before the chat's present grant was made, since it was routed under access that has
 * since been replaced and may hold another sub-client's names (the outbox does not record the
 * sub-client a row was routed for, so a role change drops what was queued before it too); or when
 * it is a notice about the bot and the chat is not an owner's. An owner's private chat keeps what
 * the configuration gives it, whatever is stored for it.
 */
final class SendGate {
  private static final Logger log = LoggerFactory.getLogger(SendGate.class);

  /** Why a row may not go. */
  enum Drop {
    REVOKED("access_revoked", "the chat has no access"),
    CHANGED("access_changed", "the chat's access changed after it was queued"),
    NOT_OWNER("not_owner", "notices about the bot go to owners only");

    /** For the metric's label. */
    final String kind;

    /** For the outbox row's error and the audit log. */
    final String words;

    Drop(String kind, String words) {
      this.kind = kind;
      this.words = words;
    }
  }

  private final WatchStore store;
  private final AccessPolicy policy;
  private final AuditLog audit;
  private final WatchEvents events;
  private final Clock clock;

  SendGate(WatchStore store, AccessPolicy policy, AuditLog audit, WatchEvents events, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The rows that may still go, in their order; the others are dropped here. */
  List<Pending> admit(List<Pending> due) {
    Map<Long, List<Pending>> byChat = new LinkedHashMap<>();
    for (Pending p : due) {
      byChat.computeIfAbsent(p.chatId(), k -> new ArrayList<>()).add(p);
    }
    List<Pending> admitted = new ArrayList<>(due.size());
    for (Map.Entry<Long, List<Pending>> e : byChat.entrySet()) {
      long chatId = e.getKey();
      Optional<Reach> reach = policy.reach(chatId);
      Map<Drop, List<Pending>> dropped = new EnumMap<>(Drop.class);
      for (Pending p : e.getValue()) {
        Drop why = verdict(chatId, p, reach);
        if (why == null) {
          admitted.add(p);
        } else {
          dropped.computeIfAbsent(why, k -> new ArrayList<>()).add(p);
        }
      }
      dropped.forEach((why, rows) -> drop(chatId, why, rows));
    }
    return admitted; // by chat, each chat's rows in the order written, as the store gave them
  }

  /** Whether every row may still go to the chat, read now. */
  boolean stillAdmits(long chatId, List<Pending> rows) {
    Optional<Reach> reach = policy.reach(chatId);
    return rows.stream().allMatch(p -> verdict(chatId, p, reach) == null);
  }

  private Drop verdict(long chatId, Pending p, Optional<Reach> reach) {
    if (p.kind() == Kind.NOTICE) {
      return policy.isOwnersChat(chatId) ? null : Drop.NOT_OWNER;
    }
    if (reach.isEmpty()) {
      return Drop.REVOKED;
    }
    return reach.get().covers(p.createdAt()) ? null : Drop.CHANGED;
  }

  private void drop(long chatId, Drop why, List<Pending> rows) {
    Instant now = clock.instant();
    List<Long> ids = rows.stream().map(Pending::id).toList();
    String what = "dropped " + rows.size() + " queued notification" + (rows.size() == 1 ? "" : "s");
    // The rows and their audit entry together, so a crash leaves neither without the other.
    store
        .db()
        .write(
            "drop " + rows.size() + " notification(s) of chat " + chatId,
            c -> {
              Outbox.finish(c, ids, "failed", now, "dropped: " + why.words);
              audit.record(
                  new AuditEntry(
                      0,
                      now,
                      chatId,
                      0,
                      null,
                      "outbox",
                      what,
                      null,
                      "denied: " + why.words,
                      "refused: " + why.kind.replace('_', ' ')));
              return null;
            });
    for (int i = 0; i < rows.size(); i++) {
      events.notificationDropped(why.kind);
    }
    log.info("outbox: chat {}: {} ({})", chatId, what, why.words);
  }
}
