package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteButtonActionsTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant IN_5_MIN = T0.plusSeconds(300);

  @TempDir Path dir;
  Database db;
  SqliteButtonActions buttons;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    buttons = new SqliteButtonActions(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aCreatedActionIsFoundByItsTokenAndStaysForFurtherPresses() {
    String token = buttons.create(-100, 7, "page", "senders 2", IN_5_MIN);
    ButtonAction expected = new ButtonAction(token, -100, 7, "page", "senders 2", IN_5_MIN);
    assertEquals(expected, buttons.find(token, T0).orElseThrow());
    assertEquals(expected, buttons.find(token, T0.plusSeconds(10)).orElseThrow());
  }

  @Test
  void forgettingAChatDropsItsButtonsAndNoOtherChats() {
    String mine = buttons.create(-100, 0, "card", "SHOP", IN_5_MIN);
    String mine2 = buttons.create(-100, 7, "del", "SHOP", IN_5_MIN);
    String theirs = buttons.create(-200, 0, "card", "SHOP", IN_5_MIN);
    assertEquals(2, buttons.forgetChat(-100));
    assertTrue(buttons.find(mine, T0).isEmpty());
    assertTrue(buttons.find(mine2, T0).isEmpty());
    assertTrue(buttons.find(theirs, T0).isPresent());
    assertEquals(0, buttons.forgetChat(-100));
  }

  @Test
  void tokensAreShortUrlSafeAndDistinct() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String token = buttons.create(-100, 7, "page", String.valueOf(i), IN_5_MIN);
      assertTrue(token.length() <= 32, token);
      assertTrue(token.getBytes(StandardCharsets.UTF_8).length <= 64, "fits callback_data");
      assertTrue(token.matches("[A-Za-z0-9_-]{20,32}"), token);
      tokens.add(token);
    }
    assertEquals(500, tokens.size());
  }

  @Test
  void takeReturnsTheActionOnceThenNothing() {
    String token = buttons.create(-100, 7, "del", "MyShop", IN_5_MIN);
    assertEquals("MyShop", buttons.take(token, T0).orElseThrow().args());
    assertTrue(buttons.take(token, T0).isEmpty());
    assertTrue(buttons.find(token, T0).isEmpty());
  }

  @Test
  void expiredActionsAreNeitherFoundNorTaken() {
    String token = buttons.create(-100, 7, "del", "MyShop", IN_5_MIN);
    assertTrue(buttons.find(token, IN_5_MIN.minusMillis(1)).isPresent());
    assertTrue(buttons.find(token, IN_5_MIN).isEmpty());
    assertTrue(buttons.take(token, IN_5_MIN.plusSeconds(1)).isEmpty());
  }

  @Test
  void unknownOrImpossibleTokensFindNothing() {
    assertTrue(buttons.find("nope", T0).isEmpty());
    assertTrue(buttons.find("", T0).isEmpty());
    assertTrue(buttons.find(null, T0).isEmpty());
    assertTrue(buttons.take("x".repeat(64), T0).isEmpty());
  }

  @Test
  void purgeExpiredDropsOnlyExpiredActions() {
    buttons.create(-100, 7, "a", "", T0.plusSeconds(10));
    buttons.create(-100, 7, "b", "", T0.plusSeconds(20));
    String live = buttons.create(-100, 7, "c", "", T0.plusSeconds(30));
    assertEquals(2, buttons.purgeExpired(T0.plusSeconds(20)));
    assertEquals(1, Sql.count(db, "button_actions"));
    assertTrue(buttons.find(live, T0.plusSeconds(20)).isPresent());
  }

  @Test
  void creatingDropsActionsThatHaveExpired() {
    buttons.create(-100, 7, "old", "", T0.plusSeconds(10));
    SqliteButtonActions later =
        new SqliteButtonActions(db, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    later.create(-100, 7, "new", "", T0.plusSeconds(120));
    assertEquals(1, Sql.count(db, "button_actions"));
  }

  @Test
  void anActionThatWouldBeBornExpiredIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> buttons.create(-100, 7, "del", "", T0));
    assertThrows(IllegalArgumentException.class, () -> buttons.create(-100, 7, " ", "", IN_5_MIN));
  }

  // Two people (or one double-click) pressing "delete" at once must delete once.
  @Test
  void concurrentTakesOfOneTokenActOnce() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 25; round++) {
        String token = buttons.create(-100, 7, "del", "name" + round, IN_5_MIN);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Optional<ButtonAction>>> presses = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          presses.add(
              pool.submit(
                  () -> {
                    start.await();
                    return buttons.take(token, T0);
                  }));
        }
        int acted = 0;
        for (Future<Optional<ButtonAction>> p : presses) {
          acted += p.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, acted, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, Sql.count(db, "button_actions"));
  }

  @Test
  void tokensFromTwoRepositoriesDoNotRepeat() {
    SqliteButtonActions other = new SqliteButtonActions(db, Clock.fixed(T0, ZoneOffset.UTC));
    assertNotEquals(buttons.create(1, 1, "a", "", IN_5_MIN), other.create(1, 1, "a", "", IN_5_MIN));
  }
}
