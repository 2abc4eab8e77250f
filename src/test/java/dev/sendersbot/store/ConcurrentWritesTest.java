package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Concurrent commands must never surface SQLITE_BUSY, and no write may be lost. */
class ConcurrentWritesTest {
  private static final Logger log = LoggerFactory.getLogger(ConcurrentWritesTest.class);
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final int THREADS = 8;
  static final Duration RUN_FOR = Duration.ofMillis(2500);

  @TempDir Path dir;

  /** What one thread did, to compare with what the database holds. */
  record Work(List<Long> auditIds, Set<Long> grantedChats, int reads) {}

  @Test
  void eightThreadsWritingAuditAndGrantsLoseNothingAndFailNothing() throws Exception {
    try (Database db = Database.open(dir.resolve("bot.db"))) {
      SqliteAuditLog audit = new SqliteAuditLog(db);
      SqliteChatRegistry chats = new SqliteChatRegistry(db);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Work>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          futures.add(pool.submit(worker(t, audit, chats, start)));
        }
        List<Work> done = new ArrayList<>();
        for (Future<Work> f : futures) {
          done.add(f.get(30, TimeUnit.SECONDS)); // any exception in a worker fails here
        }

        long recorded = done.stream().mapToLong(w -> w.auditIds().size()).sum();
        Set<Long> ids = new HashSet<>();
        done.forEach(w -> ids.addAll(w.auditIds()));
        Set<Long> granted = new HashSet<>();
        done.forEach(w -> granted.addAll(w.grantedChats()));
        int reads = done.stream().mapToInt(Work::reads).sum();
        log.info(
            "{} threads in {} ms: {} audit entries, {} chats kept, {} reads",
            THREADS,
            RUN_FOR.toMillis(),
            recorded,
            granted.size(),
            reads);

        assertTrue(recorded > THREADS * 10, "the run did real work: " + recorded);
        assertEquals(recorded, ids.size(), "every audit id distinct");
        assertEquals(recorded, Sql.count(db, "audit"), "no audit entry lost");
        Set<Long> stored = new HashSet<>();
        chats.all().forEach(g -> stored.add(g.chatId()));
        assertEquals(granted, stored, "exactly the grants that were not revoked");
        for (Work w : done) {
          for (long id : w.auditIds()) {
            assertTrue(id > 0);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // Another process on the same file (an admin tool, a second instance) is outside the in-process
  // lock: there BEGIN IMMEDIATE and the busy timeout must make writers wait, not fail.
  @Test
  void twoDatabasesOnOneFileWaitForEachOtherInsteadOfFailing() throws Exception {
    Path file = dir.resolve("shared.db");
    try (Database first = Database.open(file);
        Database second = Database.open(file)) {
      CyclicBarrier start = new CyclicBarrier(4);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Work>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          Database db = t % 2 == 0 ? first : second;
          futures.add(
              pool.submit(
                  worker(
                      t,
                      new SqliteAuditLog(db),
                      new SqliteChatRegistry(db),
                      start,
                      Duration.ofMillis(800))));
        }
        long recorded = 0;
        for (Future<Work> f : futures) {
          recorded += f.get(30, TimeUnit.SECONDS).auditIds().size();
        }
        assertEquals(recorded, Sql.count(first, "audit"));
        assertEquals(recorded, Sql.count(second, "audit"));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Callable<Work> worker(
      int t, SqliteAuditLog audit, SqliteChatRegistry chats, CyclicBarrier start) {
    return worker(t, audit, chats, start, RUN_FOR);
  }

  private static Callable<Work> worker(
      int t, SqliteAuditLog audit, SqliteChatRegistry chats, CyclicBarrier start, Duration runFor) {
    return () -> {
      List<Long> ids = new ArrayList<>();
      Set<Long> kept = new HashSet<>();
      int reads = 0;
      start.await();
      long deadline = System.nanoTime() + runFor.toNanos();
      for (int i = 0; System.nanoTime() < deadline; i++) {
        long chatId = -(t * 1_000_000L + i) - 1;
        ids.add(
            audit.record(
                new AuditEntry(
                    0,
                    T0.plusMillis(i),
                    chatId,
                    t,
                    "user" + t,
                    "allow",
                    chatId + " operator",
                    "Name" + (i % 50),
                    "allowed",
                    null)));
        chats.grant(
            new ChatGrant(
                chatId, Role.values()[i % 3], i % 2 == 0 ? null : "sub" + t, "chat " + i, t, T0));
        kept.add(chatId);
        if (i % 5 == 4) {
          long revoked = chatId + 1; // the chat granted one step earlier
          if (!chats.revoke(revoked)) {
            throw new AssertionError("thread " + t + " could not revoke its own chat " + revoked);
          }
          kept.remove(revoked);
        }
        if (i % 3 == 0) {
          if (chats.find(chatId).isEmpty()) {
            throw new AssertionError("thread " + t + " does not see its own grant " + chatId);
          }
          audit.about("Name" + (i % 50), 5);
          reads += 2;
        }
      }
      return new Work(ids, kept, reads);
    };
  }
}
