package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendersbot.store.Database;
import dev.sendersbot.store.PostgresServer;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Payload;
import dev.sendersbot.watch.Outbox.Pending;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox's writes on a real PostgreSQL (the watcher's suites run on SQLite): a run of shared
 * payloads written by one statement per chat, single rows around it, each chat's order and words
 * kept, and the payloads purged only with their last row.
 */
class OutboxOnPostgresIT {
  static final Instant T0 = TestClocks.NEW_YEAR_EVE;

  @Test
  void runsAndSingleRowsKeepOrderAndWordsAndPurgeFollowsTheRows() {
    try (Database db = Database.open(PostgresServer.shared().createMigratedDatabase())) {
      Outbox outbox = new Outbox(db);
      List<Payload> moves = new ArrayList<>();
      for (int i = 0; i < OutboxWrites.RUN * 2; i++) {
        moves.add(new Payload(Kind.CHANGE, "move " + i, i == 3, List.of("N" + i), "N" + i));
      }
      List<NewMessage> out = new ArrayList<>();
      out.add(new NewMessage(-2, null, Kind.NOTICE, "first", true, List.of()));
      moves.forEach(m -> out.add(new NewMessage(-1, 7, m)));
      moves.forEach(m -> out.add(new NewMessage(-2, null, m)));
      outbox.enqueue(out, T0);

      List<Pending> due = outbox.due(T0);
      List<String> expected = new ArrayList<>(List.of("-2 null first")); // in the order written
      moves.forEach(m -> expected.add("-1 7 " + m.html()));
      moves.forEach(m -> expected.add("-2 null " + m.html()));
      assertEquals(
          expected,
          due.stream().map(p -> p.chatId() + " " + p.topicId() + " " + p.html()).toList());
      Pending third = due.get(moves.size() + 4);
      assertEquals("move 3", third.html());
      assertEquals(List.of("N3"), third.cardNames());
      assertEquals(true, third.actionable());

      outbox.markSent(due.stream().filter(p -> p.chatId() == -1).map(Pending::id).toList(), T0);
      db.write(c -> Outbox.purge(c, T0.plus(Duration.ofDays(1))));
      assertEquals(moves.size() + 1, outbox.due(T0).size(), "chat -2 still reads every payload");
      outbox.markSent(outbox.due(T0).stream().map(Pending::id).toList(), T0);
      db.write(c -> Outbox.purge(c, T0.plus(Duration.ofDays(1))));
      assertEquals(
          0L,
          (long)
              db.read(
                  c -> {
                    try (var s = c.createStatement();
                        var rs = s.executeQuery("SELECT count(*) FROM outbox_payloads")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  }));
    }
  }
}
