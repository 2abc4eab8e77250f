package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.access.UnknownChatTally;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteAuditLogTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

  @TempDir Path dir;
  Database db;
  SqliteAuditLog audit;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    audit = new SqliteAuditLog(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRecordedEntryComesBackWithItsIdAndEveryField() {
    long id =
        audit.record(entry(T0, "add", "MyShop a 'quoted' comment; DROP TABLE audit", "MyShop"));
    List<AuditEntry> recent = audit.recent(10);
    assertEquals(1, recent.size());
    AuditEntry got = recent.get(0);
    assertEquals(id, got.id());
    assertEquals(T0, got.at());
    assertEquals(-100L, got.chatId());
    assertEquals(7L, got.userId());
    assertEquals("ann", got.username());
    assertEquals("add", got.command());
    assertEquals("MyShop a 'quoted' comment; DROP TABLE audit", got.args());
    assertEquals("MyShop", got.senderName());
    assertEquals("allowed", got.decision());
    assertNull(got.outcome(), "no outcome while the command runs");
  }

  @Test
  void completeSetsTheOutcome() {
    long id = audit.record(entry(T0, "del", "MyShop", "MyShop"));
    audit.complete(id, "smsc error 3");
    assertEquals("smsc error 3", audit.recent(1).get(0).outcome());
  }

  @Test
  void completingAnUnknownEntryFailsNamingTheId() {
    StoreException e = assertThrows(StoreException.class, () -> audit.complete(999, "ok"));
    assertTrue(e.getMessage().contains("999"), e.getMessage());
  }

  @Test
  void recentIsNewestFirstAndLimited() {
    long a = audit.record(entry(T0, "senders", "", null));
    long b = audit.record(entry(T0.plusSeconds(1), "sender", "X", "X"));
    long c = audit.record(entry(T0.plusSeconds(2), "add", "Y", "Y"));
    assertNotEquals(a, b);
    assertEquals(List.of(c, b), audit.recent(2).stream().map(AuditEntry::id).toList());
    assertEquals(List.of(c, b, a), audit.recent(50).stream().map(AuditEntry::id).toList());
  }

  @Test
  void aboutFindsOneSenderNameCaseInsensitivelyNewestFirst() {
    long first = audit.record(entry(T0, "add", "MyShop", "MyShop"));
    audit.record(entry(T0.plusSeconds(1), "add", "Other", "Other"));
    long second = audit.record(entry(T0.plusSeconds(2), "chg", "MYSHOP new comment", "MYSHOP"));
    audit.record(entry(T0.plusSeconds(3), "senders", "", null));
    assertEquals(
        List.of(second, first), audit.about("myshop", 10).stream().map(AuditEntry::id).toList());
    assertEquals(List.of(second), audit.about(" MyShop ", 1).stream().map(AuditEntry::id).toList());
    assertEquals(List.of(), audit.about("MyShop2", 10));
  }

  // A name is matched whole: LIKE-style wildcards in it are plain characters.
  @Test
  void aboutTreatsWildcardsAsPlainCharacters() {
    audit.record(entry(T0, "add", "MyShop", "MyShop"));
    assertEquals(List.of(), audit.about("My%", 10));
    assertEquals(List.of(), audit.about("My_hop", 10));
  }

  @Test
  void recordingAnEntryThatAlreadyHasAnIdIsRefused() {
    AuditEntry recorded = new AuditEntry(5, T0, 1, 2, null, "id", "", null, "allowed", null);
    assertThrows(IllegalArgumentException.class, () -> audit.record(recorded));
    assertEquals(0, audit.count());
  }

  @Test
  void aLimitBelowOneIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> audit.recent(0));
    assertTrue(e.getMessage().contains(": 0"), e.getMessage());
  }

  @Test
  void aScopeSeesOnlyTheEntriesOfItsSubClient() {
    long account = audit.record(entry(T0, "add", "MyShop", "MyShop"));
    long alpha =
        audit.record(
            new AuditEntry(
                0, T0, -200, 7, "ann", "add", "MyShop", "MyShop", "allowed", "ok", "alpha"));
    audit.record(
        new AuditEntry(0, T0, -300, 7, "ann", "add", "MyShop", "MyShop", "allowed", "ok", "beta"));
    assertEquals(3, audit.recent(AuditScope.ALL, 10).size());
    assertEquals(
        List.of(alpha),
        audit.recent(AuditScope.of("alpha"), 10).stream().map(AuditEntry::id).toList());
    assertEquals(
        List.of(alpha),
        audit.about("myshop", AuditScope.of("alpha"), 10).stream().map(AuditEntry::id).toList());
    assertEquals(3, audit.about("myshop", AuditScope.ALL, 10).size());
    assertEquals("alpha", audit.recent(AuditScope.of("alpha"), 1).get(0).subClient());
    assertTrue(audit.recent(10).stream().anyMatch(e -> e.id() == account && e.subClient() == null));
  }

  @Test
  void unknownChatsAreCountedPerChatAndHourWithinABound() {
    for (int i = 0; i < 3; i++) {
      audit.countUnknownChat(-1, T0.plusSeconds(i * 60));
    }
    audit.countUnknownChat(-1, T0.plusSeconds(3600));
    for (int chat = 2; chat <= AuditLog.UNKNOWN_CHATS_PER_HOUR + 20; chat++) {
      audit.countUnknownChat(-chat, T0);
    }
    UnknownChatTally all = audit.unknownChats(T0.minusSeconds(3600));
    assertEquals(4 + AuditLog.UNKNOWN_CHATS_PER_HOUR + 19, all.answered());
    assertEquals(
        AuditLog.UNKNOWN_CHATS_PER_HOUR, all.chats(), "own rows: the first chats of the hour");
    assertEquals(20, all.sharedAnswered(), "the rest of the hour, together");
    assertEquals(
        1, audit.unknownChats(T0.plusSeconds(3600)).answered(), "by whole hours from then");
    assertEquals(0, audit.count(), "no audit entry for them");
  }

  @Test
  void purgeDeletesEntriesAndHourlyCountsFromBeforeTheCutoff() {
    audit.record(entry(T0, "add", "Old", "Old"));
    long kept = audit.record(entry(T0.plusSeconds(10), "add", "New", "New"));
    audit.countUnknownChat(-1, T0); // the hour 10:00-11:00
    audit.countUnknownChat(-2, T0.plusSeconds(3600));
    assertEquals(1, audit.purgeBefore(T0.plusSeconds(1)), "the entry only: its hour is not over");
    assertEquals(List.of(kept), audit.recent(10).stream().map(AuditEntry::id).toList());
    Instant eleven = Instant.parse("2025-03-01T11:00:00Z");
    assertEquals(
        1, audit.purgeBefore(eleven.minusMillis(1)), "the entry; the 10:00 hour is not over yet");
    assertEquals(2, audit.unknownChats(T0).answered());
    assertEquals(1, audit.purgeBefore(eleven), "the 10:00 hour is over at 11:00");
    assertEquals(1, audit.unknownChats(T0).answered());
    assertEquals(List.of(), audit.recent(10));
    assertEquals(0, audit.purgeBefore(T0.minusSeconds(86_400)));
  }

  static AuditEntry entry(Instant at, String command, String args, String senderName) {
    return new AuditEntry(0, at, -100, 7, "ann", command, args, senderName, "allowed", null);
  }
}
