package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteBotStateTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  @TempDir Path dir;
  Database db;
  SqliteBotState state;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    state = new SqliteBotState(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFreshBotHasHandledNoUpdate() {
    assertTrue(state.lastUpdateId().isEmpty());
  }

  @Test
  void theLastHandledUpdateIsKept() {
    state.markHandled(100);
    state.markHandled(101);
    assertEquals(101, state.lastUpdateId().getAsLong());
  }

  // Updates handled out of order (or replayed) must not move the offset back and repeat work.
  @Test
  void anOlderUpdateIdNeverMovesTheOffsetBack() {
    state.markHandled(500);
    state.markHandled(499);
    assertEquals(500, state.lastUpdateId().getAsLong());
    state.markHandled(500);
    assertEquals(500, state.lastUpdateId().getAsLong());
    state.markHandled(501);
    assertEquals(501, state.lastUpdateId().getAsLong());
  }

  @Test
  void theConfirmedOffsetOnlyMovesForwardAndSurvivesAReopen() {
    assertTrue(state.confirmedOffset().isEmpty());
    state.markConfirmed(41);
    state.markConfirmed(40);
    db.close();
    db = target.open();
    state = new SqliteBotState(db);

    assertEquals(41, state.confirmedOffset().getAsLong());
  }

  @Test
  void whenAnUpdateLastCameIsKeptAcrossAReopen() {
    assertTrue(state.lastHeardAt().isEmpty());
    Instant at = Instant.parse("2026-03-02T10:15:30.250Z");
    state.markHeard(at.minusSeconds(3600));
    state.markHeard(at);
    db.close();
    db = target.open();
    state = new SqliteBotState(db);

    assertEquals(Optional.of(at), state.lastHeardAt());
  }

  // The server's ids started over: the offset goes down, and nothing recorded in the old ids
  // passes for handled in the new ones.
  @Test
  void startingOverMovesTheOffsetDownAndForgetsTheOldIds() {
    state.markHandled(600_000);
    state.markDone(600_005);
    state.markConfirmed(600_001);

    state.restartAt(499);

    assertEquals(499, state.lastUpdateId().getAsLong());
    assertTrue(state.confirmedOffset().isEmpty());
    assertEquals(Set.of(), state.doneBeyondOffset());
    assertFalse(state.isHandled(600_005));
    assertTrue(state.isHandled(499));
    assertFalse(state.isHandled(500));
  }

  @Test
  void aStoredInstantIsKeptToTheMillisecondAndForgotten() {
    StoredInstant kept = new StoredInstant(db, "smsc_ip_blocked_until");
    assertTrue(kept.get().isEmpty());
    kept.set(java.time.Instant.parse("2026-12-06T15:00:00.123456Z"));
    db.close();
    db = target.open();
    kept = new StoredInstant(db, "smsc_ip_blocked_until");

    assertEquals(java.time.Instant.parse("2026-12-06T15:00:00.123Z"), kept.get().orElseThrow());
    kept.set(null);
    assertTrue(kept.get().isEmpty());
  }

  // A starting transport reads them all at once instead of looking each new update up.
  @Test
  void theUpdatesDoneBeyondTheOffsetAreReadTogether() {
    assertEquals(Set.of(), state.doneBeyondOffset(), "a fresh bot");
    state.markDone(3);
    state.markHandled(5);
    state.markDone(7);
    state.markDone(9);
    state.markDone(4); // at or below the offset: changes nothing

    db.close();
    db = target.open();
    state = new SqliteBotState(db);
    assertEquals(Set.of(7L, 9L), state.doneBeyondOffset());
    state.markHandled(7);
    assertEquals(Set.of(9L), state.doneBeyondOffset());
  }

  // Why: an update of one chat may finish while an earlier one of another chat still runs.
  @Test
  void anUpdateDoneBeyondTheOffsetIsRememberedAcrossARestartUntilTheOffsetPassesIt() {
    state.markHandled(5);
    state.markDone(7);
    assertEquals(5, state.lastUpdateId().getAsLong(), "the offset stays below the gap");
    assertTrue(state.isHandled(7));
    assertFalse(state.isHandled(6));

    db.close();
    db = target.open();
    state = new SqliteBotState(db);
    assertTrue(state.isHandled(5));
    assertFalse(state.isHandled(6));
    assertTrue(state.isHandled(7), "still known after a restart");
    assertFalse(state.isHandled(8));
    assertEquals(1, rows());

    state.markHandled(7);
    assertTrue(state.isHandled(6));
    assertTrue(state.isHandled(7));
    assertEquals(0, rows(), "covered by the offset, the row is gone");
  }

  @Test
  void markingDoneAtOrBelowTheOffsetKeepsNothing() {
    state.markHandled(10);
    state.markDone(10);
    state.markDone(3);
    assertEquals(0, rows());
    assertEquals(10, state.lastUpdateId().getAsLong());
  }

  @Test
  void theOffsetPrunesOnlyWhatItCovers() {
    state.markDone(4);
    state.markDone(9);
    assertTrue(state.lastUpdateId().isEmpty(), "done out of order moves no offset");
    state.markHandled(5);
    assertEquals(1, rows());
    assertTrue(state.isHandled(9));
    assertFalse(state.isHandled(8));
  }

  private long rows() {
    return db.read(
        c -> {
          try (java.sql.Statement s = c.createStatement();
              java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM handled_updates")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
