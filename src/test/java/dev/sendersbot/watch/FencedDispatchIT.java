package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.LeaderElection;
import dev.sendersbot.store.PostgresServer;
import dev.sendersbot.store.PostgresTarget;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.store.StoreException;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox under the leader election on a real PostgreSQL: a replica that lost the lock sends
 * nothing more, and a message Telegram accepted just as the lock went is not recorded as sent by
 * the deposed replica, so the new leader sends it: the one repeat a failover may cost, never a
 * loss.
 */
class FencedDispatchIT {
  static final Instant T0 = TestClocks.NEW_YEAR_EVE;
  static final long CHAT = 5001;
  static final long OWNER = 111;
  static final Duration WAIT = Duration.ofSeconds(15);

  /** Records what was sent, running {@code onSend} after Telegram "accepted" each message. */
  static final class Telegram implements Messenger {
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile Runnable onSend = () -> {};

    @Override
    public int send(long chatId, Integer topicId, Reply reply) {
      sent.add(chatId + ": " + reply.html());
      onSend.run();
      return sent.size();
    }

    @Override
    public void edit(long chatId, int messageId, Reply reply) {}

    @Override
    public boolean delete(long chatId, int messageId) {
      return true;
    }

    @Override
    public void answerCallback(String callbackId, String toast) {}

    @Override
    public byte[] download(Attachment file, long maxBytes) {
      throw new UnsupportedOperationException();
    }
  }

  /** One replica: its database, its election, its dispatcher. */
  final class Replica implements AutoCloseable {
    final Database db = Database.open(target);
    final LeaderElection election;
    final Telegram telegram = new Telegram();
    final Watcher watcher;

    Replica() {
      election =
          LeaderElection.start(
              db,
              new LeaderElection.Listener() {
                @Override
                public void elected() {}

                @Override
                public void deposed() {}
              });
      watcher =
          Watcher.builder(
                  db,
                  new FakeGateway(clock),
                  new SqliteChatRegistry(db),
                  new SqliteButtonActions(db, clock),
                  telegram,
                  Set.of(OWNER),
                  Duration.ofSeconds(60),
                  clock)
              .sleeper(FakeSleeper.advancing(clock))
              .build();
    }

    int drain() {
      return watcher.dispatcher().drainOnce();
    }

    @Override
    public void close() {
      watcher.close();
      election.close();
      db.close();
    }
  }

  final FakeClock clock = new FakeClock(T0);
  final PostgresTarget target = PostgresServer.shared().createMigratedDatabase();
  final List<AutoCloseable> open = new ArrayList<>();
  Connection lockHolder; // the test's own session, holding the lock after the leader's ended

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  Replica replica() {
    Replica r = new Replica();
    open.add(r);
    return r;
  }

  void enqueue(Database db, String html) {
    new Outbox(db)
        .enqueue(
            List.of(new NewMessage(CHAT, null, Kind.CHANGE, html, false, List.of())),
            clock.instant());
  }

  @Test
  void aReplicaDeposedMidSendRecordsNothingAndTheNewLeaderSendsTheMessageOnceMore()
      throws Exception {
    Replica a = replica();
    Awaitility.await().atMost(WAIT).until(a.election::leading);
    new SqliteChatRegistry(a.db)
        .grant(new ChatGrant(CHAT, Role.VIEWER, null, null, OWNER, T0.minusSeconds(3600)));
    enqueue(a.db, "SHOP: first move");
    assertEquals(1, a.drain());
    assertEquals(0, pending(a.db));

    // The lock's session ends right after Telegram accepted the next message.
    enqueue(a.db, "SHOP: second move");
    a.telegram.onSend = this::endTheLeadersSession;
    assertThrows(StoreException.class, a::drain, "marking it sent fails with the session");
    assertEquals(2, a.telegram.sent.size());
    assertFalse(a.election.leading(), "deposed at once");
    assertEquals(1, pending(a.db), "not recorded as sent");

    // Deposed, it sends nothing more, even with rows due.
    a.telegram.onSend = () -> {};
    enqueue(a.db, "SHOP: third move");
    assertEquals(0, a.drain());
    assertEquals(2, a.telegram.sent.size());
    // Nor does a poll of its record anything: the new leader's polls write the changes.
    Poller.Result poll = a.watcher.poller().pollOnce();
    assertEquals(
        true,
        String.valueOf(poll.error()).contains("does not hold the leader lock"),
        String.valueOf(poll.error()));
    assertEquals(2, pending(a.db));

    // The lock is free again: B, or A on its next try (a standby like any other), takes it.
    Replica b = replica();
    lockHolder.close();
    Awaitility.await().atMost(WAIT).until(() -> a.election.leading() || b.election.leading());
    Awaitility.await().pollDelay(Duration.ofMillis(1500)).atMost(WAIT).until(() -> true);
    Replica leader = b.election.leading() ? b : a;
    Replica standby = leader == b ? a : b;
    assertFalse(standby.election.leading(), "the other one stands by");
    int before = leader.telegram.sent.size();
    assertEquals(0, standby.drain());
    leader.drain();
    assertEquals(0, pending(leader.db));
    List<String> again = leader.telegram.sent.subList(before, leader.telegram.sent.size());
    String joined = String.join("\n", again);
    assertEquals(1, again.size(), joined);
    assertEquals(true, joined.contains("second move") && joined.contains("third move"), joined);
    assertEquals(2, a.telegram.sent.size() + b.telegram.sent.size() - again.size());
  }

  private static long pending(Database db) {
    return TestDatabase.count(db, "SELECT count(*) FROM outbox WHERE state = 'pending'");
  }

  /**
   * Ends the lock's session, then holds the lock on the test's own session until the test lets it
   * go: else the deposed replica, a standby now, could take it again at its next try (a second
   * later) while the test still checks that it acts no more.
   */
  private void endTheLeadersSession() {
    try {
      lockHolder = DriverManager.getConnection(target.url(), target.user(), "");
      open.add(lockHolder);
      try (PreparedStatement ps =
              lockHolder.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                      + " AND granted AND database ="
                      + " (SELECT oid FROM pg_database WHERE datname = current_database())");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          throw new AssertionError("no lock holder to end");
        }
      }
      // Waits for the ended session to go, which frees the lock.
      try (PreparedStatement ps = lockHolder.prepareStatement("SELECT pg_advisory_lock(?)")) {
        ps.setLong(1, 0x53424F54L);
        ps.executeQuery().close();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
