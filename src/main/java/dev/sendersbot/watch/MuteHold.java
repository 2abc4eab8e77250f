package dev.sendersbot.watch;

import dev.sendersbot.store.ChatAlerts;
import dev.sendersbot.store.ChatAlerts.Mute;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A chat's mutes at send time: the rows about a muted name are not sent but set aside in {@code
 * muted_moves} (in the transaction that takes them off the outbox), and when the mute ends one
 * summary of them is queued (in the transaction that forgets the mute). A {@code kill -9} at any
 * point loses neither the mute nor what it held back.
 *
 * <p>A mute of every name also holds the "while I was away" summaries; the bot's own notices to
 * owners only when an owner set it.
 */
final class MuteHold {
  private final Database db;
  private final Clock clock;
  private final Readers readers;

  /**
   * @param readers whose words each chat's summary is in
   */
  MuteHold(Database db, Clock clock, Readers readers) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  /** The rows that may go now, in their order; the muted ones are set aside here. */
  List<Pending> pass(List<Pending> admitted) {
    if (admitted.isEmpty()) {
      return admitted;
    }
    Instant now = clock.instant();
    List<Mute> mutes = db.read("read the mutes", c -> SqliteChatAlerts.activeMutes(c, now));
    if (mutes.isEmpty()) {
      return admitted;
    }
    Map<Long, List<Mute>> byChat = new HashMap<>();
    mutes.forEach(m -> byChat.computeIfAbsent(m.chatId(), k -> new ArrayList<>()).add(m));
    List<Pending> free = new ArrayList<>(admitted.size());
    List<Pending> held = new ArrayList<>();
    for (Pending p : admitted) {
      if (muted(p, byChat.getOrDefault(p.chatId(), List.of()))) {
        held.add(p);
      } else {
        free.add(p);
      }
    }
    if (!held.isEmpty()) {
      db.write(
          "set aside " + held.size() + " muted notification(s)",
          c -> {
            hold(c, held, now);
            return null;
          });
    }
    return free;
  }

  static boolean muted(Pending p, List<Mute> mutes) {
    for (Mute m : mutes) {
      boolean applies =
          switch (p.kind()) {
            case CHANGE ->
                m.everyName() || (p.name() != null && m.name().equals(Digests.cardKey(p.name())));
            case SUMMARY -> m.everyName();
            case NOTICE -> m.everyName() && m.byOwner();
          };
      if (applies) {
        return true;
      }
    }
    return false;
  }

  private static void hold(Connection c, List<Pending> rows, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO muted_moves (chat_id, topic_id, name, html, actionable, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Pending p : rows) {
        ps.setLong(1, p.chatId());
        if (p.topicId() == null) {
          ps.setNull(2, Types.INTEGER);
        } else {
          ps.setInt(2, p.topicId());
        }
        ps.setString(3, p.name() == null ? ChatAlerts.EVERY_NAME : Digests.cardKey(p.name()));
        ps.setString(4, p.html());
        ps.setInt(5, p.actionable() ? 1 : 0);
        ps.setLong(6, p.createdAt().toEpochMilli());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Outbox.finish(c, rows.stream().map(Pending::id).toList(), "sent", now, "held by a mute");
  }

  /**
   * Queues one summary for each mute that has ended (its time ran out, or {@code /unmute}), of what
   * it held back and no other mute still holds, and forgets the mute.
   *
   * @return how many summaries were queued
   */
  int endDue() {
    Instant now = clock.instant();
    return db.write(
        "end the mutes due",
        c -> {
          List<Mute> ended = SqliteChatAlerts.endedMutes(c, now);
          if (ended.isEmpty()) {
            return 0;
          }
          List<Mute> active = SqliteChatAlerts.activeMutes(c, now);
          List<NewMessage> summaries = new ArrayList<>();
          for (Mute m : ended) {
            NewMessage s = summary(c, m, active, now, readers.of(m.chatId()));
            if (s != null) {
              summaries.add(s);
            }
            SqliteChatAlerts.dropMute(c, m);
          }
          Outbox.enqueue(c, summaries, now);
          return summaries.size();
        });
  }

  private static NewMessage summary(
      Connection c, Mute m, List<Mute> active, Instant now, dev.sendersbot.i18n.Texts words)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Set<String> loud = new LinkedHashSet<>();
    Integer topic = null;
    boolean first = true;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, topic_id, name, html, actionable FROM muted_moves WHERE chat_id = ?"
                + " ORDER BY id")) {
      ps.setLong(1, m.chatId());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(3);
          if (!m.everyName() && !m.name().equals(name)) {
            continue;
          }
          if (stillHeld(m.chatId(), name, active)) {
            continue;
          }
          ids.add(rs.getLong(1));
          int t = rs.getInt(2);
          if (first) {
            topic = rs.wasNull() ? null : t;
            first = false;
          }
          lines.add(rs.getString(4));
          if (rs.getInt(5) == 1 && !name.isEmpty() && loud.size() < Digests.MAX_CARDS) {
            loud.add(name);
          }
        }
      }
    }
    try (PreparedStatement del = c.prepareStatement("DELETE FROM muted_moves WHERE id = ?")) {
      for (long id : ids) {
        del.setLong(1, id);
        del.addBatch();
      }
      del.executeBatch();
    }
    String html = CardTexts.muteEnded(words, m.name(), lines, Duration.between(m.createdAt(), now));
    return html == null
        ? null
        : new NewMessage(m.chatId(), topic, Kind.SUMMARY, html, !loud.isEmpty(), List.copyOf(loud));
  }

  private static boolean stillHeld(long chatId, String name, List<Mute> active) {
    return active.stream()
        .anyMatch(a -> a.chatId() == chatId && (a.everyName() || a.name().equals(name)));
  }
}
