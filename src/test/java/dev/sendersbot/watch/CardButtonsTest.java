package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Button;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardButtonsTest {
  static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  static final long GROUP = -4001;

  @TempDir Path dir;
  Database db;
  SqliteButtonActions actions;
  CardButtons cards;

  @BeforeEach
  void open() {
    db = TestDatabase.open(dir.resolve("bot.db"));
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    actions = new SqliteButtonActions(db, clock);
    cards = new CardButtons(actions, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void threeNamesMakeARowOfTwoAndARowOfOneEachOpeningItsCardInThatChat() {
    List<List<Button>> rows = cards.keyboard(GROUP, List.of("SHOP", "CAFE", "BANK"));

    assertEquals(List.of(2, 1), rows.stream().map(List::size).toList());
    List<Button> all = rows.stream().flatMap(List::stream).toList();
    assertEquals(List.of("🔎 SHOP", "🔎 CAFE", "🔎 BANK"), all.stream().map(Button::text).toList());
    List<String> names = List.of("SHOP", "CAFE", "BANK");
    for (int i = 0; i < all.size(); i++) {
      ButtonAction a = actions.find(all.get(i).data(), T0).orElseThrow();
      assertEquals(GROUP, a.chatId());
      assertEquals(CardButtons.ACTION, a.action());
      assertEquals(names.get(i), a.args());
      assertEquals(T0.plus(CardButtons.LIFETIME), a.expiresAt());
    }
    assertTrue(
        actions.find(all.get(0).data(), T0.plus(CardButtons.LIFETIME).plusSeconds(1)).isEmpty(),
        "a card button expires with its lifetime");
  }

  @Test
  void noNamesMakeNoButtonsAndStoreNothing() {
    assertEquals(List.of(), cards.keyboard(GROUP, List.of()));
    assertEquals(0, actions.forgetChat(GROUP));
  }
}
