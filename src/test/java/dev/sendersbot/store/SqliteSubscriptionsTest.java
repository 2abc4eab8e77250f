package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.store.Subscriptions.Subscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteSubscriptionsTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  static final long GROUP = -4001;

  @TempDir Path dir;
  Database db;
  SqliteSubscriptions subs;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    subs = new SqliteSubscriptions(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void subscribingToEverythingIsOneRowWithoutAName() {
    subs.subscribe(GROUP, null, Set.of());
    subs.subscribe(GROUP, null, Set.of());
    assertEquals(List.of(new Subscription(GROUP, null, null, true)), subs.forChat(GROUP));
  }

  @Test
  void namedSubscriptionsAddUpAndIgnoreCase() {
    subs.subscribe(GROUP, 5, Set.of("ALPHA"));
    subs.subscribe(GROUP, 5, Set.of("alpha", "Beta"));
    List<Subscription> got = subs.forChat(GROUP);
    assertEquals(2, got.size(), got.toString());
    assertEquals("ALPHA", got.get(0).name());
    assertEquals("Beta", got.get(1).name());
    assertEquals(5, got.get(0).topicId());
  }

  @Test
  void unsubscribingSomeNamesCountsWhatWasRemovedAndKeepsTheRest() {
    subs.subscribe(GROUP, null, Set.of());
    subs.subscribe(GROUP, null, Set.of("ALPHA", "BETA"));
    assertEquals(1, subs.unsubscribe(GROUP, Set.of("alpha", "GAMMA")));
    assertEquals(2, subs.forChat(GROUP).size(), "every-name and BETA remain");
    assertEquals(2, subs.unsubscribe(GROUP, Set.of()));
    assertTrue(subs.forChat(GROUP).isEmpty());
    assertEquals(0, subs.unsubscribe(GROUP, Set.of()));
  }

  @Test
  void aDeactivatedChatIsListedForItselfButNotAmongActiveAndASubscribeTurnsItBackOn() {
    subs.subscribe(GROUP, null, Set.of("ALPHA", "BETA"));
    subs.subscribe(7, null, Set.of());
    db.write(c -> SqliteSubscriptions.deactivate(c, GROUP));
    assertTrue(subs.forChat(GROUP).stream().noneMatch(Subscription::active));
    assertEquals(List.of(7L), subs.all().stream().map(Subscription::chatId).toList());

    subs.subscribe(GROUP, 9, Set.of("ALPHA"));
    assertTrue(subs.forChat(GROUP).stream().allMatch(Subscription::active));
    assertEquals(3, subs.all().size());
  }

  @Test
  void subscriptionsSurviveARestart() {
    subs.subscribe(GROUP, 3, Set.of("ALPHA"));
    db.close();
    db = target.open();
    subs = new SqliteSubscriptions(db, Clock.fixed(T0, ZoneOffset.UTC));
    assertEquals(List.of(new Subscription(GROUP, 3, "ALPHA", true)), subs.forChat(GROUP));
  }

  @Test
  void aGroupsSubscriptionsFollowItToItsSupergroup() {
    long supergroup = -1001234567890L;
    SqliteChatRegistry chats = new SqliteChatRegistry(db);
    chats.grant(new ChatGrant(GROUP, Role.VIEWER, null, null, 1, T0));
    subs.subscribe(GROUP, null, Set.of());
    subs.subscribe(GROUP, null, Set.of("ALPHA"));
    subs.subscribe(supergroup, null, Set.of("ALPHA")); // collides: the new id's row wins

    chats.migrate(GROUP, supergroup);

    assertTrue(subs.forChat(GROUP).isEmpty());
    assertEquals(2, subs.forChat(supergroup).size());
    assertFalse(subs.forChat(supergroup).stream().anyMatch(s -> s.chatId() != supergroup));
  }
}
