package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sendersbot.store.Database;
import dev.sendersbot.testing.TestDatabase;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Pending;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  static final long ALICE = 1001;
  static final long GROUP = -4001;

  @TempDir Path dir;
  Database db;
  Outbox outbox;

  @BeforeEach
  void open() {
    db = TestDatabase.open(dir.resolve("bot.db"));
    outbox = new Outbox(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static NewMessage change(long chat, Integer topic, String html, String... cards) {
    return new NewMessage(chat, topic, Kind.CHANGE, html, true, List.of(cards));
  }

  @Test
  void dueRowsComeInTheOrderTheyWereWrittenWhateverTheChatIdsAndKeepWhatWasWritten() {
    outbox.enqueue(List.of(change(ALICE, null, "a1", "SHOP", "CAFE"), change(GROUP, 7, "g1")), T0);
    outbox.enqueue(List.of(change(ALICE, null, "a2")), T0.plusSeconds(1));

    List<Pending> due = outbox.due(T0.plusSeconds(1));

    assertEquals(
        List.of("a1", "g1", "a2"),
        due.stream().map(Pending::html).toList(),
        "GROUP's id sorts first, but ALICE's row was written first");
    Pending g1 = due.get(1);
    assertEquals(7, g1.topicId());
    assertEquals(List.of(), g1.cardNames());
    Pending a1 = due.get(0);
    assertNull(a1.topicId());
    assertEquals(Kind.CHANGE, a1.kind());
    assertEquals(List.of("SHOP", "CAFE"), a1.cardNames());
    assertEquals(0, a1.attempts());
    assertEquals(T0, a1.createdAt());
    assertEquals(
        List.of("a1", "g1"),
        outbox.due(T0).stream().map(Pending::html).toList(),
        "a row written later is not due earlier");
  }

  @Test
  void aDeferredRowHoldsEveryPendingRowOfItsChatButNoOtherChat() {
    outbox.enqueue(
        List.of(change(ALICE, null, "a1"), change(ALICE, null, "a2"), change(GROUP, null, "g1")),
        T0);
    long a1 =
        outbox.due(T0).stream().filter(p -> p.html().equals("a1")).findFirst().orElseThrow().id();

    outbox.defer(ALICE, List.of(a1), T0.plusSeconds(30));

    assertEquals(
        List.of("g1"), outbox.due(T0.plusSeconds(29)).stream().map(Pending::html).toList());
    List<Pending> later = outbox.due(T0.plusSeconds(30));
    assertEquals(List.of("a1", "a2", "g1"), later.stream().map(Pending::html).toList());
    assertEquals(
        List.of(1, 0, 0),
        later.stream().map(Pending::attempts).toList(),
        "only the row that was tried counts an attempt");
    assertEquals(Optional.of(T0), outbox.nextDue());
  }

  @Test
  void sentAndFailedRowsAreNoLongerPending() {
    outbox.enqueue(
        List.of(change(ALICE, null, "a1"), change(GROUP, null, "g1"), change(GROUP, null, "g2")),
        T0);
    outbox.enqueue(List.of(change(GROUP, null, "g3")), T0.plusSeconds(5));
    List<Long> ids = new ArrayList<>(outbox.due(T0).stream().map(Pending::id).toList());

    assertEquals(Map.of(ALICE, 1L, GROUP, 3L), outbox.pendingByChat());
    assertEquals(Optional.of(T0), outbox.oldestPending());

    outbox.markSent(List.of(ids.get(1), ids.get(2)), T0.plusSeconds(6)); // g1 and g2
    outbox.markFailed(List.of(ids.get(0)), T0.plusSeconds(6), "rejected: too long"); // a1

    assertEquals(1, outbox.depth());
    assertEquals(Map.of(GROUP, 1L), outbox.pendingByChat());
    assertEquals(Optional.of(T0.plusSeconds(5)), outbox.oldestPending());
    assertEquals(Map.of("g1", "sent", "g2", "sent", "a1", "failed", "g3", "pending"), states());
  }

  @Test
  void failingAChatFailsOnlyItsPendingRowsAndPurgeDropsOnlyFinishedOnes() {
    outbox.enqueue(
        List.of(change(ALICE, null, "a1"), change(GROUP, null, "g1"), change(GROUP, null, "g2")),
        T0);
    long g1 =
        outbox.due(T0).stream().filter(p -> p.html().equals("g1")).findFirst().orElseThrow().id();
    outbox.markSent(List.of(g1), T0);

    int failed = db.write("fail", c -> Outbox.failChat(c, GROUP, T0.plusSeconds(1), "forbidden"));

    assertEquals(1, failed, "g1 was sent already");
    assertEquals(Map.of("a1", "pending", "g1", "sent", "g2", "failed"), states());

    int purged = db.write("purge", c -> Outbox.purge(c, T0.plusSeconds(1)));

    assertEquals(1, purged, "g2 finished at the purge's bound, not before it");
    assertEquals(Map.of("a1", "pending", "g2", "failed"), states());
    int later = db.write("purge", c -> Outbox.purge(c, T0.plus(Duration.ofDays(1))));
    assertEquals(1, later, "the pending row stays");
    assertEquals(Map.of("a1", "pending"), states());
    assertFalse(outbox.nextDue().isEmpty());
  }

  @Test
  void aPayloadSharedByChatsIsWrittenOnceAndPurgedOnlyWithItsLastRow() {
    Outbox.Payload shared =
        new Outbox.Payload(Kind.CHANGE, "shop moved", true, List.of("SHOP"), "SHOP");
    outbox.enqueue(List.of(change(ALICE, null, "a0")), T0);
    outbox.enqueue(
        List.of(
            new NewMessage(ALICE, null, shared),
            new NewMessage(GROUP, 7, shared),
            change(GROUP, 7, "g1")),
        T0);

    assertEquals(3, payloads(), "a0, the shared change and g1");
    List<Pending> due = outbox.due(T0);
    assertEquals(
        List.of("a0", "shop moved", "shop moved", "g1"), due.stream().map(Pending::html).toList());
    Pending group = due.get(2);
    assertEquals(7, group.topicId());
    assertEquals(List.of("SHOP"), group.cardNames());
    assertEquals("SHOP", group.name());

    // The group's rows go out and are purged; Alice's older row still waits, so the shared
    // payload (hers too) must stay readable.
    outbox.markSent(List.of(due.get(2).id(), due.get(3).id()), T0);
    db.write("purge", c -> Outbox.purge(c, T0.plus(Duration.ofDays(1))));
    assertEquals(List.of("a0", "shop moved"), outbox.due(T0).stream().map(Pending::html).toList());

    outbox.markSent(outbox.due(T0).stream().map(Pending::id).toList(), T0);
    db.write("purge", c -> Outbox.purge(c, T0.plus(Duration.ofDays(1))));
    assertEquals(0, outbox.depth());
    assertEquals(0, payloads(), "no row left to name a payload");
  }

  @Test
  void longRunsAndSingleRowsKeepEachChatsOrderAndWords() {
    List<Outbox.Payload> moves = new ArrayList<>();
    for (int i = 0; i < OutboxWrites.RUN + 4; i++) {
      moves.add(new Outbox.Payload(Kind.CHANGE, "move " + i, false, List.of(), "N" + i));
    }
    List<NewMessage> out = new ArrayList<>();
    out.add(change(ALICE, null, "alice first"));
    moves.forEach(m -> out.add(new NewMessage(GROUP, 7, m)));
    out.add(change(ALICE, null, "alice second"));
    moves.forEach(m -> out.add(new NewMessage(ALICE, null, m)));
    moves.subList(0, 3).forEach(m -> out.add(new NewMessage(GROUP, null, m)));
    outbox.enqueue(out, T0);

    List<String> expected = new ArrayList<>(List.of("null alice first"));
    moves.forEach(m -> expected.add("7 " + m.html()));
    expected.add("null alice second");
    moves.forEach(m -> expected.add("null " + m.html()));
    moves.subList(0, 3).forEach(m -> expected.add("null " + m.html()));
    List<Pending> due = outbox.due(T0);
    assertEquals(expected, due.stream().map(p -> p.topicId() + " " + p.html()).toList());
    assertEquals("N5", due.get(6).name());
    assertEquals(moves.size() + 2, payloads(), "each move written once for both chats");
  }

  private long payloads() {
    return db.read(
        "payloads",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_payloads")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void nothingPendingHasNoNextOrOldest() {
    assertEquals(Optional.empty(), outbox.nextDue());
    assertEquals(Optional.empty(), outbox.oldestPending());
    assertEquals(0, outbox.depth());
    assertEquals(Map.of(), outbox.pendingByChat());
  }

  private Map<String, String> states() {
    return db.read(
        "states",
        c -> {
          Map<String, String> m = new java.util.HashMap<>();
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT p.html, o.state FROM outbox o"
                          + " JOIN outbox_payloads p ON p.id = o.payload_id")) {
            while (rs.next()) {
              m.put(rs.getString(1), rs.getString(2));
            }
          }
          return m;
        });
  }
}
