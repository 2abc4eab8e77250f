package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What the bot knew before a restart it still knows after one: same database, new process state.
 */
@BothEngines
class RestartTest {
  @Parameter StoreEngine engine;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void everythingStoredSurvivesClosingAndReopeningTheFile() {
    StoreEngine.Target file = engine.fresh(dir.resolve("data"));
    ChatGrant group = new ChatGrant(-1001, Role.OPERATOR, "shop-1", "Shop team", 7, T0);
    ChatGrant admin = new ChatGrant(42, Role.ADMIN, null, null, 7, T0.plusSeconds(1));
    PendingCode code =
        new PendingCode(
            -1001, 9, "79991234567", "shop-1", T0, 3, T0.plus(Duration.ofMinutes(10)), 77);
    AuditEntry entry =
        new AuditEntry(
            0, T0, -1001, 9, "bob", "sendcode", "79991234567", "79991234567", "allowed", null);
    String token;
    long auditId;

    try (Database db = file.open()) {
      Stores s = Stores.of(db, CLOCK);
      s.chats().grant(group);
      s.chats().grant(admin);
      auditId = s.audit().record(entry);
      s.audit().complete(auditId, "ok");
      s.pendingCodes().put(code);
      token = s.buttons().create(-1001, 9, "del", "MyShop", T0.plusSeconds(600));
      s.botState().markHandled(123_456);
      s.accessRequests().shouldNotify(-77, T0);
    }

    try (Database db = file.open()) {
      Stores s = Stores.of(db, CLOCK);
      assertEquals(List.of(group, admin), s.chats().all());
      assertEquals(
          List.of(
              new AuditEntry(
                  auditId,
                  T0,
                  -1001,
                  9,
                  "bob",
                  "sendcode",
                  "79991234567",
                  "79991234567",
                  "allowed",
                  "ok")),
          s.audit().recent(10));
      assertEquals(List.of(code), s.pendingCodes().forChat(-1001, T0));
      assertEquals(
          new ButtonAction(token, -1001, 9, "del", "MyShop", T0.plusSeconds(600)),
          s.buttons().find(token, T0).orElseThrow());
      assertEquals(123_456, s.botState().lastUpdateId().getAsLong());
      assertFalse(
          s.accessRequests().shouldNotify(-77, T0.plusSeconds(60)),
          "owners are not asked again within the hour after a restart");
      // A one-shot button taken before the restart stays taken after it.
      s.buttons().take(token, T0);
    }
    try (Database db = file.open()) {
      assertEquals(0, Sql.count(db, "button_actions"));
    }
  }
}
