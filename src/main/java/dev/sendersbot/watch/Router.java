package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Reach;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.store.Subscriptions.Subscription;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Payload;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Which subscribed chat hears of which change: a poll's outbox rows. */
final class Router {
  private final ChatRegistry chats;
  private final Set<Long> owners;
  private final Readers readers;

  Router(ChatRegistry chats, Set<Long> owners, Readers readers) {
    this.chats = chats;
    this.owners = Set.copyOf(owners);
    this.readers = readers;
  }

  /**
   * The outbox rows for the changes: each subscribed chat gets the changes of the scope it may see
   * (its sub-client's, or the account's when it is unbound; an owner's private chat sees the
   * account's whatever is stored for it, see {@link Reach}), of the names it subscribed to. One row
   * per chat and change, or one summary per chat when its scope was away.
   */
  List<NewMessage> route(
      Connection c, Map<String, List<Change>> changes, Map<String, Instant> away, Instant now)
      throws SQLException {
    if (changes.isEmpty()) {
      return List.of();
    }
    Map<Long, ChatGrant> grants = new HashMap<>();
    for (ChatGrant g : chats.all()) {
      grants.put(g.chatId(), g);
    }
    Map<Long, List<Subscription>> byChat = new TreeMap<>();
    for (Subscription s : SqliteSubscriptions.active(c)) {
      byChat.computeIfAbsent(s.chatId(), k -> new ArrayList<>()).add(s);
    }
    List<NewMessage> out = new ArrayList<>();
    // A change reads the same in every chat of one language (it holds no time), so each is said
    // once per language and its payload written once, however many chats hear of it.
    Map<Words, Said> payloads = new HashMap<>();
    for (Map.Entry<Long, List<Subscription>> e : byChat.entrySet()) {
      long chatId = e.getKey();
      Optional<Reach> reach = Reach.of(chatId, owners, grants.get(chatId));
      if (reach.isEmpty()) {
        continue; // access was revoked: the chat may see nothing
      }
      String scope = reach.get().subClient() == null ? WatchStore.ACCOUNT : reach.get().subClient();
      List<Change> scoped = changes.get(scope);
      if (scoped == null) {
        continue;
      }
      boolean everything = false;
      Integer everythingTopic = null;
      Map<String, Integer> named = new HashMap<>();
      for (Subscription s : e.getValue()) {
        if (s.name() == null) {
          everything = true;
          everythingTopic = s.topicId();
        } else {
          named.put(s.name().toLowerCase(Locale.ROOT), s.topicId());
        }
      }
      Map<Integer, List<Change>> byTopic = new LinkedHashMap<>();
      for (Change ch : scoped) {
        String key = named.isEmpty() ? null : ch.name().toLowerCase(Locale.ROOT);
        Integer topic;
        if (key != null && named.containsKey(key)) {
          topic = named.get(key);
        } else if (everything) {
          topic = everythingTopic;
        } else {
          continue;
        }
        byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(ch);
      }
      dev.sendersbot.i18n.Texts words = byTopic.isEmpty() ? null : readers.of(chatId);
      for (Map.Entry<Integer, List<Change>> t : byTopic.entrySet()) {
        Instant since = away.get(scope);
        if (since != null) {
          out.add(summary(words, chatId, t.getKey(), t.getValue(), since, now));
        } else {
          Said said =
              payloads.computeIfAbsent(new Words(words.messages(), words.lang()), w -> new Said());
          for (Change ch : t.getValue()) {
            out.add(new NewMessage(chatId, t.getKey(), said.payload(ch, words)));
          }
        }
      }
    }
    return out;
  }

  /** Whose words a change is said in: a reader's bundles and language, not the zone. */
  private record Words(Messages messages, Lang lang) {}

  /**
   * What one poll said in one reader's words: each change's payload, shared by the chats, and the
   * words of each move, shared by the names that moved alike (a poll may find 1,000 names gone from
   * one status to the same other).
   */
  private static final class Said {
    private final Map<Change, Payload> payloads = new IdentityHashMap<>();
    private final Map<Change.Move, String> tails = new HashMap<>();

    Payload payload(Change ch, dev.sendersbot.i18n.Texts words) {
      Payload p = payloads.get(ch);
      if (p == null) {
        String tail = tails.computeIfAbsent(ch.move(), m -> ch.tail(words));
        p =
            new Payload(
                Kind.CHANGE,
                ch.head() + tail,
                ch.actionable(),
                ch.actionable() ? List.of(ch.name()) : List.of(),
                ch.name());
        payloads.put(ch, p);
      }
      return p;
    }
  }

  private static NewMessage summary(
      dev.sendersbot.i18n.Texts words,
      long chatId,
      Integer topicId,
      List<Change> changes,
      Instant since,
      Instant now) {
    Set<String> cards = new LinkedHashSet<>();
    for (Change ch : changes) {
      if (ch.actionable() && cards.size() < Poller.MAX_CARDS) {
        cards.add(ch.name());
      }
    }
    return new NewMessage(
        chatId,
        topicId,
        Kind.SUMMARY,
        Texts.summary(words, changes, since, now),
        !cards.isEmpty(),
        List.copyOf(cards));
  }
}
