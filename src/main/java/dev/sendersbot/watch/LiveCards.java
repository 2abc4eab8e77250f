package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.Database;
import dev.sendersbot.watch.Outbox.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live card per name per chat (and topic): the first change of a name sends a card, routine
 * moves edit it in place (edits never ring), and a move that needs action sends a new, audible card
 * that takes its place while the old one says where it went. An edit Telegram refuses (the message
 * was deleted, is too old, or already reads so) falls back to a new card.
 *
 * <p>The card's message id and its last moves are in {@code live_cards}, written in the transaction
 * that marks the outbox rows sent, right after Telegram accepted the message or the edit: after a
 * {@code kill -9} nothing is lost, and at most the one card update in flight repeats.
 */
final class LiveCards {
  private static final Logger log = LoggerFactory.getLogger(LiveCards.class);

  /** How many moves a card lists (more when one update brings more new ones). */
  static final int MOVES = 5;

  /**
   * The most new moves of one name one card update carries, every one listed; a name with more
   * pending goes in a digest instead (see {@link Digests}), where each has its own line.
   */
  static final int MAX_NEW_MOVES = 15;

  /** A card as stored. */
  record Card(int messageId, String html, List<String> moves) {}

  private final Database db;
  private final Messenger messenger;
  private final AccessPolicy policy;
  private final CardButtons buttons;
  private final Clock clock;
  private final Readers readers;

  LiveCards(
      Database db,
      Messenger messenger,
      AccessPolicy policy,
      CardButtons buttons,
      Clock clock,
      Readers readers) {
    this.db = Objects.requireNonNull(db, "db");
    this.messenger = Objects.requireNonNull(messenger, "messenger");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  /**
   * Brings the card of {@code m}'s name up to date with its rows and marks them sent. Failures are
   * the messenger's {@link dev.sendersbot.message.DeliveryException} or {@link
   * Messenger.NotWanted}; nothing is marked then.
   *
   * @param quiet the chat's quiet hours: a new card goes without sound even when it needs action
   */
  void deliver(Outgoing m, boolean quiet, BooleanSupplier stillWanted) {
    String name = m.card;
    int topic = m.topicId == null ? 0 : m.topicId;
    Card old = db.read("read a live card", c -> find(c, m.chatId, topic, name));
    Texts t = readers.of(m.chatId);
    List<String> moves = new ArrayList<>(old == null ? List.of() : old.moves());
    for (Pending p : m.rows) {
      moves.add(CardTexts.move(t, p.createdAt(), p.html()));
    }
    // Every new move is listed: trimming one would lose a change nobody was told of.
    int keep = Math.max(MOVES, m.rows.size());
    while (moves.size() > keep) {
      moves.remove(0);
    }
    String html = fit(t, CardTexts.card(t, name, state(m.chatId, name), moves), name, moves);
    if (m.keyboard == null) {
      m.keyboard = buttons.keyboard(m.chatId, List.of(name), List.of(name));
    }
    boolean actionable = m.rows.stream().anyMatch(Pending::actionable);
    Reply reply = new Reply(html, m.keyboard, false, quiet || !actionable);
    boolean refused = false;
    if (old != null && !actionable) {
      if (!stillWanted.getAsBoolean()) {
        throw new Messenger.NotWanted(m.chatId);
      }
      if (messenger.replaceQueued(m.chatId, old.messageId(), reply)) {
        save(m, topic, name, old.messageId(), html, moves);
        return;
      }
      refused = true;
      log.info(
          "outbox: chat {} refused an edit of the card of {}; sending a new one", m.chatId, name);
    }
    int id = messenger.send(m.chatId, m.topicId, reply, stillWanted);
    save(m, topic, name, id, html, moves);
    if (old != null && !refused && old.messageId() != id) {
      // Best effort: the new card is what counts; the old one only points to it.
      try {
        messenger.replaceQueued(
            m.chatId,
            old.messageId(),
            new Reply(CardTexts.movedOn(t, old.html()), List.of(), false, true));
      } catch (RuntimeException e) {
        log.info(
            "outbox: could not mark the old card of {} in chat {}: {}",
            name,
            m.chatId,
            e.toString());
      }
    }
  }

  private void save(
      Outgoing m, int topic, String name, int messageId, String html, List<String> moves) {
    Instant now = clock.instant();
    db.write(
        "update the card of a name in chat " + m.chatId,
        c -> {
          Outbox.finish(c, m.ids, "sent", now, null);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO live_cards (chat_id, topic_key, name, message_id, html, moves,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, topic_key,"
                      + " name) DO UPDATE SET message_id = excluded.message_id, html ="
                      + " excluded.html, moves = excluded.moves, updated_at = excluded.updated_at")) {
            ps.setLong(1, m.chatId);
            ps.setInt(2, topic);
            ps.setString(3, Digests.cardKey(name));
            ps.setInt(4, messageId);
            ps.setString(5, html);
            ps.setString(6, String.join("\n", moves));
            ps.setLong(7, now.toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  static Card find(Connection c, long chatId, int topic, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT message_id, html, moves FROM live_cards"
                + " WHERE chat_id = ? AND topic_key = ? AND name = ?")) {
      ps.setLong(1, chatId);
      ps.setInt(2, topic);
      ps.setString(3, Digests.cardKey(name));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String moves = rs.getString(3);
        return new Card(
            rs.getInt(1),
            rs.getString(2),
            moves.isEmpty() ? List.of() : Arrays.asList(moves.split("\n")));
      }
    }
  }

  /** What the watcher knows of the name in the scope the chat may see now; null if nothing. */
  private NameState state(long chatId, String name) {
    String scope =
        policy
            .reach(chatId)
            .map(r -> r.subClient() == null ? WatchStore.ACCOUNT : r.subClient())
            .orElse(null);
    if (scope == null) {
      return null;
    }
    return db.read(
        "read the state of a name",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT sender_id, moderation, operators FROM watch_names"
                      + " WHERE scope = ? AND name = ?")) {
            ps.setString(1, scope);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return null;
              }
              int mod = rs.getInt(2);
              Integer moderation = rs.wasNull() ? null : mod;
              return new NameState(
                  rs.getLong(1), moderation, NameState.decodeOperators(rs.getString(3)));
            }
          }
        });
  }

  /** A card within Telegram's limit: fewer moves, then the plain moves, as a last resort. */
  private static String fit(Texts t, String html, String name, List<String> moves) {
    List<String> shown = new ArrayList<>(moves);
    String out = html;
    while (out.length() > Reply.MAX_TEXT - 100 && !shown.isEmpty()) {
      shown.remove(0);
      out = CardTexts.card(t, name, null, shown);
    }
    return out;
  }
}
