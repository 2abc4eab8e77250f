package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader election against a real PostgreSQL: two replicas (each its own {@link Database}, as
 * two processes would have) on one database. Real time, bounded waits: the election checks every
 * {@code storage.leader-check-interval}.
 */
class LeaderElectionIT {
  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  /** What a replica's listener heard. */
  private static final class Heard implements LeaderElection.Listener {
    final AtomicInteger elected = new AtomicInteger();
    final AtomicInteger deposed = new AtomicInteger();

    @Override
    public void elected() {
      elected.incrementAndGet();
    }

    @Override
    public void deposed() {
      deposed.incrementAndGet();
    }
  }

  private PostgresTarget target;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void database() {
    target = PostgresServer.shared().createMigratedDatabase();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Database db() {
    Database db = Database.open(target);
    open.add(db);
    return db;
  }

  private LeaderElection join(Database db, Heard heard) {
    LeaderElection e = LeaderElection.start(db, heard);
    open.add(e);
    return e;
  }

  @Test
  void ofTwoReplicasExactlyOneLeadsAndOnlyItMayMoveTheOffset() throws SQLException {
    Database dbA = db();
    Database dbB = db();
    Heard a = new Heard();
    Heard b = new Heard();
    LeaderElection ea = join(dbA, a);
    LeaderElection eb = join(dbB, b);

    Awaitility.await().atMost(TAKEOVER).until(() -> ea.leading() || eb.leading());
    // Several checks later, still one, and each heard it once at most.
    Awaitility.await()
        .pollDelay(Duration.ofMillis(2500))
        .atMost(TAKEOVER)
        .until(() -> ea.leading() != eb.leading());
    assertEquals(1, a.elected.get() + b.elected.get());
    assertEquals(0, a.deposed.get() + b.deposed.get());
    assertEquals(1, lockHolders());

    Database leader = ea.leading() ? dbA : dbB;
    Database standby = ea.leading() ? dbB : dbA;
    new SqliteBotState(leader).markHandled(41);
    NotLeaderException refused =
        assertThrows(NotLeaderException.class, () -> new SqliteBotState(standby).markHandled(42));
    assertTrue(
        refused.getMessage().contains("move the Telegram offset to 42"), refused.getMessage());
    assertEquals(OptionalLong.of(41), new SqliteBotState(standby).lastUpdateId());
    assertFalse(new SqliteBotState(standby).leading());
    assertTrue(new SqliteBotState(leader).leading());
    // A standby's ordinary writes still work (the health probe writes).
    new SqliteBotState(standby).backlog();
    standby.write(c -> exec(c, "DELETE FROM handled_updates WHERE update_id < 0"));
  }

  @Test
  void whenTheLeadersSessionDropsItStopsAtOnceAndTheStandbyTakesOver() throws Exception {
    Database dbA = db();
    Heard a = new Heard();
    LeaderElection ea = join(dbA, a);
    Awaitility.await().atMost(TAKEOVER).until(ea::leading);
    Database dbB = db();
    Heard b = new Heard();
    LeaderElection eb = join(dbB, b);
    Awaitility.await().pollDelay(Duration.ofMillis(1500)).atMost(TAKEOVER).until(() -> true);
    assertFalse(eb.leading(), "the lock is held: the second replica stands by");

    // The server ends the leader's session, as when its process dies or its network goes.
    assertEquals(1, terminateLockHolder());

    Awaitility.await().atMost(TAKEOVER).until(() -> a.deposed.get() == 1);
    assertFalse(ea.leading());
    // The deposed replica's fence refuses an offset commit, in memory and on its session.
    assertThrows(NotLeaderException.class, () -> new SqliteBotState(dbA).markHandled(7));
    assertThrows(NotLeaderException.class, () -> dbA.fence().ensureLeading("send a message"));

    Awaitility.await().atMost(TAKEOVER).until(eb::leading);
    assertEquals(1, b.elected.get());
    new SqliteBotState(dbB).markHandled(8);
    assertEquals(OptionalLong.of(8), new SqliteBotState(dbA).lastUpdateId());
    // The old leader opens a new session and stands by: it does not take the lock back.
    Awaitility.await().pollDelay(Duration.ofMillis(2500)).atMost(TAKEOVER).until(() -> true);
    assertFalse(ea.leading());
    assertEquals(1, a.elected.get());
    assertEquals(1, lockHolders());
  }

  @Test
  void aLeaderThatLeavesFreesTheLockForTheStandby() throws SQLException {
    Database dbA = db();
    Heard a = new Heard();
    LeaderElection ea = join(dbA, a);
    Awaitility.await().atMost(TAKEOVER).until(ea::leading);
    Heard b = new Heard();
    LeaderElection eb = join(db(), b);

    ea.close();
    assertFalse(ea.leading());
    assertThrows(NotLeaderException.class, () -> new SqliteBotState(dbA).markHandled(3));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(eb::leading);
  }

  @Test
  void onSqliteTheOneProcessLeadsAtOnceAndNothingIsFenced(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Database db = Database.open(dir.resolve("bot.db"));
    open.add(db);
    Heard heard = new Heard();
    LeaderElection e = join(db, heard);
    assertEquals(1, heard.elected.get());
    assertTrue(e.leading());
    assertFalse(e.replicated());
    assertEquals("leader", e.role());
    new SqliteBotState(db).markHandled(5);
    assertEquals(OptionalLong.of(5), new SqliteBotState(db).lastUpdateId());
  }

  private static Void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
    return null;
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(target.url(), target.user(), "");
  }

  private static final String HOLDER =
      " FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::text::bigint = "
          + LeaderSession.LOCK_KEY
          + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  private int lockHolders() throws SQLException {
    try (Connection c = admin();
        PreparedStatement ps = c.prepareStatement("SELECT count(*)" + HOLDER);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private int terminateLockHolder() throws SQLException {
    try (Connection c = admin();
        PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid)" + HOLDER);
        ResultSet rs = ps.executeQuery()) {
      int n = 0;
      while (rs.next()) {
        n += rs.getBoolean(1) ? 1 : 0;
      }
      return n;
    }
  }
}
