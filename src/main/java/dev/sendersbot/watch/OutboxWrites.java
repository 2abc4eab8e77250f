package dev.sendersbot.watch;

import dev.sendersbot.store.Database;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Payload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes notifications into the outbox (see {@code V10__outbox_payloads.sql}) in the caller's
 * transaction: each distinct {@link Payload} once in {@code outbox_payloads}, and one light
 * delivery row per message in {@code outbox}, in the order given (a chat's rows go out in id
 * order).
 *
 * <p>A poll that finds 1,000 changes for 20 chats hands over 20 runs of the same 1,000 payloads.
 * Such a run, one chat's rows naming consecutive payloads, is written by one {@code INSERT ...
 * SELECT} over the payloads' id range, so the database makes the rows without a bound parameter per
 * row; shorter runs go in batches.
 *
 * <p>Payload ids are given here, above the highest in the table: writes are one at a time ({@link
 * Database#write}), and only the leader writes the outbox.
 */
final class OutboxWrites {
  private static final int BATCH = 500;

  /** The shortest run written by one statement over a range of payloads. */
  static final int RUN = 16;

  private OutboxWrites() {}

  static void enqueue(Connection c, List<NewMessage> messages, Instant now) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    long at = now.toEpochMilli();
    long base = longValue(c, "SELECT coalesce(max(id), 0) FROM outbox_payloads");
    // By identity: the router shares one instance between the chats that read a change alike.
    Map<Payload, Long> ids = new IdentityHashMap<>();
    List<Payload> fresh = new ArrayList<>();
    long[] payloadOf = new long[messages.size()];
    for (int i = 0; i < payloadOf.length; i++) {
      Payload p = messages.get(i).payload();
      Long id = ids.get(p);
      if (id == null) {
        fresh.add(p);
        id = base + fresh.size();
        ids.put(p, id);
      }
      payloadOf[i] = id;
    }
    try (PreparedStatement one =
            c.prepareStatement(
                "INSERT INTO outbox (chat_id, topic_id, payload_id, created_at, due_at)"
                    + " VALUES (?, ?, ?, ?, ?)");
        PreparedStatement range =
            c.prepareStatement(
                "WITH RECURSIVE ids (id) AS (SELECT CAST(? AS BIGINT)"
                    + " UNION ALL SELECT id + 1 FROM ids WHERE id < ?)"
                    + " INSERT INTO outbox (chat_id, topic_id, payload_id, created_at, due_at)"
                    + " SELECT ?, ?, id, ?, ? FROM ids ORDER BY id")) {
      int batched = 0;
      for (int i = 0; i < payloadOf.length; ) {
        NewMessage m = messages.get(i);
        int end = i + 1;
        while (end < payloadOf.length
            && payloadOf[end] == payloadOf[end - 1] + 1
            && sameDestination(messages.get(end), m)) {
          end++;
        }
        if (end - i >= RUN) {
          if (batched > 0) {
            one.executeBatch(); // the rows before this run come before it
            batched = 0;
          }
          range.setLong(1, payloadOf[i]);
          range.setLong(2, payloadOf[end - 1]);
          destination(range, m, 3);
          range.setLong(5, at);
          range.setLong(6, at);
          range.executeUpdate();
        } else {
          for (int k = i; k < end; k++) {
            destination(one, messages.get(k), 1);
            one.setLong(3, payloadOf[k]);
            one.setLong(4, at);
            one.setLong(5, at);
            one.addBatch();
            if (++batched == BATCH) {
              one.executeBatch();
              batched = 0;
            }
          }
        }
        i = end;
      }
      if (batched > 0) {
        one.executeBatch();
      }
    }
    // Every delivery row of these payloads is at or below it: see Outbox.purge.
    insertPayloads(c, fresh, base, longValue(c, "SELECT max(id) FROM outbox"));
  }

  private static boolean sameDestination(NewMessage a, NewMessage b) {
    return a.chatId() == b.chatId() && Objects.equals(a.topicId(), b.topicId());
  }

  /** Binds the chat and the topic, at {@code at} and the parameter after it. */
  private static void destination(PreparedStatement ps, NewMessage m, int at) throws SQLException {
    ps.setLong(at, m.chatId());
    if (m.topicId() == null) {
      ps.setNull(at + 1, Types.INTEGER);
    } else {
      ps.setInt(at + 1, m.topicId());
    }
  }

  private static void insertPayloads(Connection c, List<Payload> fresh, long base, long lastRow)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox_payloads (id, kind, html, actionable, card_names, name, last_row)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (Payload p : fresh) {
        ps.setLong(1, base + ++n);
        ps.setString(2, p.kind().word());
        ps.setString(3, p.html());
        ps.setInt(4, p.actionable() ? 1 : 0);
        ps.setString(5, String.join(" ", p.cardNames()));
        Outbox.setText(ps, 6, p.name());
        ps.setLong(7, lastRow);
        ps.addBatch();
        if (n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static long longValue(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next(); // an aggregate always gives one row
      return rs.getLong(1);
    }
  }
}
