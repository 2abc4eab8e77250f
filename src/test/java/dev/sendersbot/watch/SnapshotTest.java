package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller compares with a copy of the snapshot in memory; SQLite stays the truth. These show the
 * copy never tells a change twice nor loses one: when a write fails, when another poller records
 * polls on the same file, and across a restart.
 */
class SnapshotTest {
  static final long CHAT = -100_200_300L;

  @TempDir Path dir;
  WatchRig rig;

  @BeforeEach
  void setUp() {
    rig = new WatchRig(dir);
    rig.grant(CHAT, null);
    rig.subscribe(CHAT);
    rig.gateway.add(null, "SHOP", 1, Map.of("mts_step", 1));
    rig.gateway.add(null, "CAFE", 1, Map.of("mts_step", 1));
    assertEquals(Poller.Outcome.BASELINE, rig.poll().outcome());
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void aChangeWhoseWriteFailedIsToldByTheNextPoll() throws Exception {
    rig.gateway.setOperator(null, "SHOP", "mts_step", 3);
    execute(
        "CREATE TRIGGER full_disk BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'full'); END");

    assertEquals(Poller.Outcome.FAILED, rig.nextPoll().outcome());

    execute("DROP TRIGGER full_disk");
    Poller.Result r = rig.nextPoll();
    assertEquals(1, r.changes(), "the change the failed poll could not record");
    assertEquals(1, r.messages());
    assertEquals(0, rig.nextPoll().changes());
  }

  @Test
  void pollsRecordedByAnotherPollerOnTheSameFileAreNotToldAgain() {
    rig.gateway.setOperator(null, "SHOP", "mts_step", 3);
    rig.clock.advance(WatchRig.INTERVAL);
    Poller other =
        new Poller(
            new WatchStore(rig.db),
            rig.gateway,
            rig.chats,
            WatchRig.OWNERS,
            rig.clock,
            WatchRig.INTERVAL,
            () -> {});
    assertEquals(1, other.pollOnce().changes());

    assertEquals(0, rig.nextPoll().changes(), "the other poller told it already");
    rig.gateway.setOperator(null, "CAFE", "mts_step", 2);
    Poller.Result r = rig.nextPoll();
    assertEquals(1, r.changes());
    assertEquals(1, r.messages());
  }

  @Test
  void afterARestartTheCopyIsReadFromTheFile() {
    rig.gateway.setOperator(null, "SHOP", "mts_step", 3);
    assertEquals(1, rig.nextPoll().changes());
    rig.reopen();

    assertEquals(0, rig.nextPoll().changes());
    rig.gateway.setOperator(null, "SHOP", "mts_step", 2);
    rig.gateway.remove(null, "CAFE");
    rig.clock.advance(WatchRig.INTERVAL.multipliedBy(Poller.FULL_EVERY));
    Poller.Result r = rig.poll();
    assertEquals(2, r.changes(), "SHOP's status and CAFE's removal");
  }

  private void execute(String sql) {
    rig.db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
          return null;
        });
  }
}
