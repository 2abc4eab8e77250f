package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteAccessRequestsTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  Database db;
  SqliteAccessRequests requests;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    requests = new SqliteAccessRequests(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theFirstRequestOfAChatIsPassedOnAndRepeatsWithinTheHourAreNot() {
    assertTrue(requests.shouldNotify(-5, T0));
    assertFalse(requests.shouldNotify(-5, T0.plusSeconds(1)));
    assertFalse(requests.shouldNotify(-5, T0.plus(Duration.ofMinutes(59))));
    assertTrue(requests.shouldNotify(-5, T0.plus(Duration.ofHours(1))));
    assertFalse(requests.shouldNotify(-5, T0.plus(Duration.ofMinutes(61))));
  }

  // Requests that were not passed on do not push the next notification further away.
  @Test
  void theHourCountsFromTheLastNotificationNotTheLastRequest() {
    assertTrue(requests.shouldNotify(-5, T0));
    for (int m = 10; m < 60; m += 10) {
      assertFalse(requests.shouldNotify(-5, T0.plus(Duration.ofMinutes(m))));
    }
    assertTrue(requests.shouldNotify(-5, T0.plus(Duration.ofMinutes(60))));
  }

  @Test
  void chatsAreCountedSeparately() {
    assertTrue(requests.shouldNotify(-5, T0));
    assertTrue(requests.shouldNotify(-6, T0));
    assertTrue(requests.shouldNotify(42, T0.plusSeconds(1)));
  }

  @Test
  void everyRequestIsCounted() {
    requests.shouldNotify(-5, T0);
    requests.shouldNotify(-5, T0.plusSeconds(5));
    requests.shouldNotify(-5, T0.plusSeconds(9));
    long seen =
        db.read(c -> Sql.longValue(c, "SELECT seen_count FROM access_requests WHERE chat_id = -5"));
    long lastSeen =
        db.read(
            c -> Sql.longValue(c, "SELECT last_seen_at FROM access_requests WHERE chat_id = -5"));
    assertEquals(3, seen);
    assertEquals(T0.plusSeconds(9).toEpochMilli(), lastSeen);
  }

  // A burst of messages from one unknown chat must reach the owners as one request.
  @Test
  void simultaneousRequestsFromOneChatNotifyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> requests.shouldNotify(-9, T0)));
      }
      int notified = 0;
      for (Future<Boolean> f : answers) {
        notified += f.get() ? 1 : 0;
      }
      assertEquals(1, notified);
    } finally {
      pool.shutdownNow();
    }
  }
}
