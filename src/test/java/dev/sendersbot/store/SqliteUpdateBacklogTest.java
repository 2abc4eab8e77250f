package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.store.UpdateBacklog.Parked;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteUpdateBacklogTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  private static final long CHAT = 77;
  private static final long GROUP = -4_001;

  @TempDir Path dir;
  Database db;
  SqliteBotState state;
  UpdateBacklog backlog;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    state = new SqliteBotState(db);
    backlog = state.backlog();
  }

  @AfterEach
  void close() {
    db.close();
  }

  // Parking is what lets the offset pass an update: after it, a restart must skip the update
  // from Telegram and find it in the backlog, never both or neither.
  @Test
  void parkingStoresTheUpdatesAndRecordsThemAndTheDroppedOnesAsHandled() {
    state.markHandled(100);
    backlog.park(
        List.of(new Parked(102, CHAT, "{\"a\":2}"), new Parked(101, CHAT, "{\"a\":1}")),
        List.of(103L));

    assertTrue(state.isHandled(101));
    assertTrue(state.isHandled(102));
    assertTrue(state.isHandled(103), "a dropped update is not offered again either");
    assertFalse(state.isHandled(104));
    assertEquals(Optional.of(new Parked(101, CHAT, "{\"a\":1}")), backlog.next(CHAT, 0));
    assertEquals(Optional.of(new Parked(102, CHAT, "{\"a\":2}")), backlog.next(CHAT, 101));
    assertEquals(Optional.empty(), backlog.next(CHAT, 102));
    assertEquals(Map.of(CHAT, 2), backlog.counts());
    assertEquals(2, Sql.count(db, "update_backlog"));
  }

  @Test
  void aFailedParkLeavesNeitherRowNorMark() {
    backlog.park(List.of(new Parked(201, CHAT, "{}")), List.of());
    // The marks are written after the rows: make the last mark fail.
    db.write(
        c -> {
          try (java.sql.Statement s = c.createStatement()) {
            if (engine == StoreEngine.SQLITE) {
              s.execute(
                  "CREATE TRIGGER refuse_204 BEFORE INSERT ON handled_updates"
                      + " WHEN NEW.update_id = 204 BEGIN SELECT RAISE(ABORT, 'refused'); END");
            } else {
              s.execute(
                  "CREATE FUNCTION refuse_204() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                      + " IF NEW.update_id = 204 THEN RAISE EXCEPTION 'refused'; END IF;"
                      + " RETURN NEW; END $$");
              s.execute(
                  "CREATE TRIGGER refuse_204 BEFORE INSERT ON handled_updates"
                      + " FOR EACH ROW EXECUTE FUNCTION refuse_204()");
            }
          }
          return null;
        });
    assertThrows(
        StoreException.class,
        () ->
            backlog.park(
                List.of(new Parked(202, CHAT, "{}"), new Parked(203, CHAT, "{}")), List.of(204L)));
    assertFalse(state.isHandled(202));
    assertFalse(state.isHandled(204));
    assertEquals(Map.of(CHAT, 1), backlog.counts());
  }

  @Test
  void removingForgetsOneAndTheOffsetPrunesTheMarks() {
    backlog.park(List.of(new Parked(301, CHAT, "{}"), new Parked(302, GROUP, "{}")), List.of());
    backlog.remove(301);
    assertEquals(Map.of(GROUP, 1), backlog.counts());
    state.markHandled(302);
    assertEquals(0, Sql.count(db, "handled_updates"));
    assertEquals(1, Sql.count(db, "update_backlog"), "the offset does not touch the backlog");
  }

  // A group that becomes a supergroup takes its waiting commands along, whoever moves it.
  @Test
  void aGroupsParkedUpdatesFollowItToItsNewId() {
    long supergroup = -1_004_001;
    backlog.park(List.of(new Parked(401, GROUP, "{}"), new Parked(402, GROUP, "{}")), List.of());
    backlog.moveChat(GROUP, supergroup);
    assertEquals(Map.of(supergroup, 2), backlog.counts());

    backlog.park(List.of(new Parked(403, GROUP, "{}")), List.of());
    new SqliteChatRegistry(db).migrate(GROUP, supergroup);
    assertEquals(Map.of(supergroup, 3), backlog.counts());
    assertEquals(401, backlog.next(supergroup, 0).orElseThrow().updateId());
  }
}
