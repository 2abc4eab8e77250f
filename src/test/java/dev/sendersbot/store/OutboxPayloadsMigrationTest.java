package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * V10 splits the outbox into what a notification says (outbox_payloads) and whom it goes to
 * (outbox): a database of V9 with rows in every state keeps each of them, under the same id, with
 * the same words, state, attempts and due time, so the sending side carries on where it was.
 */
@BothEngines
class OutboxPayloadsMigrationTest {
  static final int BEFORE = 9;

  @Parameter StoreEngine engine;
  @TempDir Path dir;

  @Test
  void everyOutboxRowOfV9IsKeptWithItsWordsAndState() {
    StoreEngine.Target target = engine.empty(dir);
    Migrations sqlite = Migrations.shipped();
    Migrations postgresql = Migrations.load(Dialect.POSTGRESQL.migrations());
    List<String> before;
    try (Database db = target.open(sqlite, postgresql, BEFORE)) {
      assertEquals(BEFORE, db.schemaVersion());
      db.write(
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate(
                  "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names,"
                      + " created_at, state, attempts, due_at, name) VALUES (-1001, 7, 'change',"
                      + " '🔴 <code>MyShop</code>', 1, 'MyShop', 1000, 'pending', 2, 5000,"
                      + " 'MyShop')");
              s.executeUpdate(
                  "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names,"
                      + " created_at, state, attempts, due_at, done_at) VALUES (-1002, NULL,"
                      + " 'summary', 'while away', 0, '', 1100, 'sent', 0, 1100, 1200)");
              s.executeUpdate(
                  "INSERT INTO outbox (chat_id, topic_id, kind, html, actionable, card_names,"
                      + " created_at, state, attempts, due_at, done_at, error) VALUES (111, NULL,"
                      + " 'notice', 'trouble', 1, 'A B', 1300, 'failed', 5, 1300, 1400,"
                      + " 'blocked')");
            }
            return null;
          });
      before =
          db.read(
              c ->
                  rows(
                      c,
                      "SELECT id, chat_id, topic_id, kind, html, actionable, card_names,"
                          + " created_at, state, attempts, due_at, done_at, error, name"
                          + " FROM outbox ORDER BY id"));
    }
    assertEquals(3, before.size(), before.toString());

    try (Database db = target.open()) {
      assertEquals(Database.latestSchemaVersion(), db.schemaVersion());
      List<String> after =
          db.read(
              c ->
                  rows(
                      c,
                      "SELECT o.id, o.chat_id, o.topic_id, p.kind, p.html, p.actionable,"
                          + " p.card_names, o.created_at, o.state, o.attempts, o.due_at,"
                          + " o.done_at, o.error, p.name FROM outbox o"
                          + " JOIN outbox_payloads p ON p.id = o.payload_id ORDER BY o.id"));
      assertEquals(before, after);
      assertEquals(3, Sql.count(db, "outbox_payloads"), "one payload per old row");
      assertTrue(db.chatTables().contains("outbox"), db.chatTables().toString());
      assertTrue(
          !db.chatTables().contains("outbox_payloads"),
          "a payload names no chat: only delivery rows follow a group to its supergroup");
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          b.append(i == 1 ? "" : " | ").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
