package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Mutes, quiet hours and daily summaries, on both engines. */
@BothEngines
class SqliteChatAlertsTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final long CHAT = -1_001_234_567_890L;

  @Parameter StoreEngine engine;
  StoreEngine.Target target;

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(T0);
  Database db;
  SqliteChatAlerts alerts;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    alerts = new SqliteChatAlerts(db, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aMuteHoldsUntilItEndsAndNamesAreKeptInUpperCase() {
    Instant until = T0.plus(Duration.ofHours(2));
    alerts.mute(CHAT, Set.of("MyShop"), until, 42, false);
    List<ChatAlerts.Mute> mutes = alerts.mutes(CHAT);
    assertEquals(1, mutes.size());
    assertEquals("MYSHOP", mutes.get(0).name());
    assertEquals(until, mutes.get(0).until());
    assertEquals(42, mutes.get(0).byUser());
    assertFalse(mutes.get(0).byOwner());
    assertEquals(T0, mutes.get(0).createdAt());
    assertEquals(Optional.of(until), alerts.nextMuteEnd());

    clock.advance(Duration.ofHours(2));
    assertTrue(alerts.mutes(CHAT).isEmpty(), "ended");
  }

  @Test
  void aSecondMuteOfTheSameNameReplacesTheFirstAndAnEmptySetMutesEveryName() {
    alerts.mute(CHAT, Set.of("shop"), T0.plusSeconds(60), 1, false);
    alerts.mute(CHAT, Set.of("SHOP"), null, 2, true);
    alerts.mute(CHAT, Set.of(), null, 2, true);
    List<ChatAlerts.Mute> mutes = alerts.mutes(CHAT);
    assertEquals(2, mutes.size(), mutes.toString());
    assertTrue(mutes.get(0).everyName());
    assertEquals("SHOP", mutes.get(1).name());
    assertEquals(null, mutes.get(1).until());
    assertTrue(mutes.get(1).byOwner());
    assertEquals(Optional.empty(), alerts.nextMuteEnd());
  }

  @Test
  void unmuteEndsTheNamedMutesOrAllOfThemAndSaysHowMany() {
    alerts.mute(CHAT, Set.of("A", "B", "C"), null, 1, false);
    alerts.mute(7, Set.of("A"), null, 1, false);
    assertEquals(1, alerts.unmute(CHAT, Set.of("b")));
    assertEquals(2, alerts.mutes(CHAT).size());
    assertEquals(2, alerts.unmute(CHAT, Set.of()));
    assertTrue(alerts.mutes(CHAT).isEmpty());
    assertEquals(1, alerts.mutes(7).size(), "another chat's mute stays");
  }

  @Test
  void quietHoursAndTheSummaryAreKeptApartAndAfterReopening() {
    assertEquals(ChatAlerts.Settings.none(CHAT), alerts.settings(CHAT));
    alerts.quiet(CHAT, LocalTime.of(22, 0), LocalTime.of(7, 30));
    alerts.summary(CHAT, LocalTime.of(9, 15), true);
    db.close();
    db = target.open();
    alerts = new SqliteChatAlerts(db, clock);
    ChatAlerts.Settings s = alerts.settings(CHAT);
    assertEquals(LocalTime.of(22, 0), s.quietFrom());
    assertEquals(LocalTime.of(7, 30), s.quietTo());
    assertEquals(LocalTime.of(9, 15), s.summaryAt());
    assertTrue(s.summaryAlways());
    assertTrue(s.quietAt(LocalTime.of(23, 0)));
    assertFalse(s.quietAt(LocalTime.of(12, 0)));
    assertEquals(List.of(s), alerts.summaries());

    alerts.quiet(CHAT, null, null);
    alerts.summary(CHAT, null, false);
    assertEquals(null, alerts.settings(CHAT).quietFrom());
    assertTrue(alerts.summaries().isEmpty());
  }

  @Test
  void quietHoursNeedAStartAndADifferentEnd() {
    assertThrows(
        IllegalArgumentException.class, () -> alerts.quiet(CHAT, LocalTime.of(22, 0), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> alerts.quiet(CHAT, LocalTime.of(22, 0), LocalTime.of(22, 0)));
  }
}
