package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import dev.sendersbot.watch.Outbox.NewMessage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll's changes routed to chats in two languages: every chat reads each change exactly as {@link
 * Change#html} says it in its own words, and chats of one language share one payload per change
 * (written once, however many chats hear of it).
 */
class RouterTest {
  static final long OWNER = 111;
  static final long EN_ALL = -1001;
  static final long RU_ALL = -1002;
  static final long EN_TOPICS = -1003;
  static final Texts EN = Texts.of(Lang.EN, ZoneId.of("UTC"));
  static final Texts RU = Texts.of(Lang.RU, ZoneId.of("Europe/Moscow"));

  @TempDir Path dir;
  Database db;

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void eachChatReadsItsOwnWordsAndChatsOfOneLanguageShareEachPayload() {
    db = TestDatabase.open(dir.resolve("bot.db"));
    FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    SqliteChatRegistry chats = new SqliteChatRegistry(db);
    SqliteSubscriptions subscriptions = new SqliteSubscriptions(db, clock);
    for (long chat : List.of(EN_ALL, RU_ALL, EN_TOPICS)) {
      chats.grant(new ChatGrant(chat, Role.VIEWER, null, "team", OWNER, clock.instant()));
      subscriptions.subscribe(chat, null, Set.of());
    }
    subscriptions.subscribe(EN_TOPICS, 9, Set.of("beta"));
    Readers readers = chat -> chat == RU_ALL ? RU : EN;
    List<Change> changes =
        List.of(
            Change.operator("ALPHA", "mts_step", 1, 2),
            Change.operator("BETA", "mts_step", 1, 2),
            Change.operator("GAMMA", "mts_step", 1, 3),
            Change.moderation("DELTA", 1, 3),
            Change.added("EPSILON", null),
            Change.removed("ZETA"));

    List<NewMessage> out =
        db.read(
            c ->
                new Router(chats, Set.of(OWNER), readers)
                    .route(c, Map.of(WatchStore.ACCOUNT, changes), Map.of(), clock.instant()));

    assertEquals(18, out.size());
    for (NewMessage m : out) {
      Change ch = changes.stream().filter(x -> x.name().equals(m.name())).findFirst().orElseThrow();
      assertEquals(ch.html(readers.of(m.chatId())), m.html(), m.toString());
      assertEquals(ch.actionable(), m.actionable(), m.toString());
      assertEquals(ch.actionable() ? List.of(ch.name()) : List.of(), m.cardNames());
    }
    List<NewMessage> en = out.stream().filter(m -> m.chatId() == EN_ALL).toList();
    List<NewMessage> ru = out.stream().filter(m -> m.chatId() == RU_ALL).toList();
    List<NewMessage> topics = out.stream().filter(m -> m.chatId() == EN_TOPICS).toList();
    assertEquals(
        changes.stream().map(Change::name).toList(), en.stream().map(m -> m.name()).toList());
    assertEquals(
        List.of("ALPHA", "GAMMA", "DELTA", "EPSILON", "ZETA", "BETA"),
        topics.stream().map(m -> m.name()).toList(),
        "the named subscription's topic gets its name, after the chat's other topic");
    assertEquals(9, topics.get(5).topicId());
    for (NewMessage m : topics) {
      NewMessage same = en.stream().filter(e -> e.name().equals(m.name())).findFirst().get();
      assertSame(same.payload(), m.payload(), "one payload for both English chats: " + m.name());
    }
    for (int i = 0; i < changes.size(); i++) {
      assertNotEquals(en.get(i).html(), ru.get(i).html(), "the Russian chat reads Russian");
    }
  }
}
