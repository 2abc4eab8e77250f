package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteChatRegistryTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final long GROUP = -4001;
  static final long SUPERGROUP = -1001234567890L;

  @TempDir Path dir;
  Database db;
  Stores stores;
  SqliteChatRegistry chats;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    stores = Stores.of(db, Clock.fixed(T0, ZoneOffset.UTC));
    chats = new SqliteChatRegistry(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void anUngrantedChatIsUnknown() {
    assertTrue(chats.find(42).isEmpty());
    assertEquals(List.of(), chats.all());
  }

  @Test
  void aGrantIsFoundWithEveryField() {
    ChatGrant grant = new ChatGrant(GROUP, Role.OPERATOR, "shop-1", "Shop \"team\" O'Neil", 7, T0);
    chats.grant(grant);
    assertEquals(grant, chats.find(GROUP).orElseThrow());
  }

  @Test
  void grantingAgainReplacesRoleSubClientAndTitle() {
    chats.grant(new ChatGrant(GROUP, Role.OPERATOR, "shop-1", "Shop", 7, T0));
    ChatGrant later = new ChatGrant(GROUP, Role.VIEWER, null, null, 8, T0.plusSeconds(60));
    chats.grant(later);
    assertEquals(later, chats.find(GROUP).orElseThrow());
    assertEquals(1, chats.all().size());
  }

  @Test
  void revokeRemovesTheGrantAndSaysWhetherThereWasOne() {
    chats.grant(new ChatGrant(GROUP, Role.ADMIN, null, null, 7, T0));
    assertTrue(chats.revoke(GROUP));
    assertTrue(chats.find(GROUP).isEmpty());
    assertFalse(chats.revoke(GROUP));
  }

  @Test
  void allListsEveryGrantByChatId() {
    chats.grant(new ChatGrant(5, Role.VIEWER, null, null, 7, T0));
    chats.grant(new ChatGrant(SUPERGROUP, Role.ADMIN, null, null, 7, T0));
    chats.grant(new ChatGrant(GROUP, Role.OPERATOR, "x", null, 7, T0));
    assertEquals(
        List.of(SUPERGROUP, GROUP, 5L), chats.all().stream().map(ChatGrant::chatId).toList());
  }

  @Test
  void anUnknownRoleInTheTableIsReportedNamingTheChat() {
    db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            // Bypasses the CHECK constraint the way a hand edit with a newer schema might.
            if (engine == StoreEngine.SQLITE) {
              s.execute("PRAGMA ignore_check_constraints = ON");
            } else {
              s.execute("ALTER TABLE chats DROP CONSTRAINT chats_role_check");
            }
            s.executeUpdate(
                "INSERT INTO chats (chat_id, role, granted_by, granted_at)"
                    + " VALUES (9, 'owner', 1, 0)");
            if (engine == StoreEngine.SQLITE) {
              s.execute("PRAGMA ignore_check_constraints = OFF");
            }
          }
          return null;
        });
    StoreException e = assertThrows(StoreException.class, () -> chats.find(9));
    assertTrue(
        e.getMessage().contains("chat 9") && e.getMessage().contains("'owner'"), e.getMessage());
  }

  @Test
  void migrateMovesTheGrantAndTheRowsOfEveryChatTable() {
    chats.grant(new ChatGrant(GROUP, Role.OPERATOR, "shop-1", "Shop", 7, T0));
    stores
        .audit()
        .record(new AuditEntry(0, T0, GROUP, 7, "ann", "add", "MyShop", "MyShop", "allowed", "ok"));
    stores
        .pendingCodes()
        .put(
            new PendingCode(
                GROUP, 7, "79991234567", "shop-1", T0, 3, T0.plus(Duration.ofMinutes(10)), 55));
    String token = stores.buttons().create(GROUP, 7, "del", "MyShop", T0.plusSeconds(300));
    stores.accessRequests().shouldNotify(GROUP, T0);
    // A later feature's table, keyed by chat, referencing chats: it follows too, with no code
    // change.
    db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            // On PostgreSQL a key onto chats must be DEFERRABLE (see Database): a move changes
            // both ends, and only a deferred check sees them agree.
            s.executeUpdate(
                "CREATE TABLE watch_subscriptions (chat_id BIGINT NOT NULL"
                    + " REFERENCES chats (chat_id)"
                    + (engine == StoreEngine.POSTGRESQL ? " DEFERRABLE" : "")
                    + ", name TEXT, UNIQUE (chat_id, name))");
            s.executeUpdate("INSERT INTO watch_subscriptions VALUES (" + GROUP + ", 'MyShop')");
          }
          return null;
        });
    // Another chat's rows stay where they are.
    chats.grant(new ChatGrant(5, Role.VIEWER, null, null, 7, T0));

    chats.migrate(GROUP, SUPERGROUP);

    assertTrue(chats.find(GROUP).isEmpty());
    ChatGrant moved = chats.find(SUPERGROUP).orElseThrow();
    assertEquals(Role.OPERATOR, moved.role());
    assertEquals("shop-1", moved.subClient());
    assertEquals(SUPERGROUP, stores.audit().recent(1).get(0).chatId());
    assertTrue(stores.pendingCodes().find(SUPERGROUP, "79991234567", T0).isPresent());
    assertTrue(stores.pendingCodes().forChat(GROUP, T0).isEmpty());
    assertEquals(SUPERGROUP, stores.buttons().find(token, T0).orElseThrow().chatId());
    assertFalse(
        stores.accessRequests().shouldNotify(SUPERGROUP, T0.plusSeconds(1)),
        "the request record moved with the chat");
    for (String table : db.chatTables()) {
      assertEquals(0, countWhere(table, GROUP), table + " still holds rows of the old id");
    }
    assertEquals(1, countWhere("watch_subscriptions", SUPERGROUP));
    assertTrue(chats.find(5).isPresent());
  }

  // The supergroup may have been granted by hand before the bot saw the migration: that is newer.
  @Test
  void migrateKeepsTheNewIdsOwnGrantWhenItAlreadyHasOne() {
    chats.grant(new ChatGrant(GROUP, Role.OPERATOR, null, null, 7, T0));
    chats.grant(new ChatGrant(SUPERGROUP, Role.VIEWER, null, null, 8, T0.plusSeconds(5)));
    chats.migrate(GROUP, SUPERGROUP);
    assertEquals(Role.VIEWER, chats.find(SUPERGROUP).orElseThrow().role());
    assertTrue(chats.find(GROUP).isEmpty());
    assertEquals(1, chats.all().size());
  }

  @Test
  void migrateOfAChatWithNothingChangesNothing() {
    chats.grant(new ChatGrant(5, Role.VIEWER, null, null, 7, T0));
    chats.migrate(GROUP, SUPERGROUP);
    chats.migrate(5, 5);
    assertEquals(List.of(5L), chats.all().stream().map(ChatGrant::chatId).toList());
  }

  private long countWhere(String table, long chatId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT count(*) FROM " + Identifiers.quote(table) + " WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
