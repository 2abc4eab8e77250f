package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log keeps what chats with access did, within bounds: strangers are counted, not stored;
 * the name column holds sender names only; old rows go; confirmation codes never stay. Tables are
 * read with SQL, as someone opening the database file would.
 */
class AuditHolesTest {
  static final String X4000 = "X".repeat(4000);

  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef stranger = user(9);
  final UserRef alice = user(7);

  @Test
  void strangerFloodIsCountedNotStored() {
    ChatRef strangers = TestBot.group(-4004);
    for (int i = 0; i < 50; i++) {
      bot.say(strangers, stranger, "/sender " + X4000);
      bot.clock.advance(Duration.ofMinutes(11)); // past the one-answer window: every one counts
    }
    assertEquals(0, sqlLong("SELECT count(*) FROM audit"), "no audit row per stranger command");
    assertEquals(
        50,
        sqlLong("SELECT sum(count) FROM stranger_hits WHERE chat_id = -4004"),
        "every command counted");
    assertTrue(
        sqlLong("SELECT count(*) FROM stranger_hits") <= 10,
        "one row per chat and hour: " + sqlLong("SELECT count(*) FROM stranger_hits"));
    assertEquals(
        0, sqlLong("SELECT count(*) FROM stranger_hits WHERE length(CAST(count AS TEXT)) > 5"));
    assertEquals(0, bot.gateway.calls);
  }

  @Test
  void strangerChatsBeyondTheHourlyLimitShareOneRow() {
    for (int i = 0; i < 300; i++) {
      bot.say(TestBot.group(-70_000 - i), stranger, "/senders");
    }
    assertEquals(300, sqlLong("SELECT sum(count) FROM stranger_hits"), "every chat counted");
    // The first 50 unknown chats of an hour get a row each; the rest share one (chat_id 0).
    assertEquals(51, sqlLong("SELECT count(*) FROM stranger_hits"), "bounded rows in one hour");
    assertEquals(
        250,
        sqlLong("SELECT count FROM stranger_hits WHERE chat_id = 0"),
        "the rest share the hour's row");
    assertEquals(0, sqlLong("SELECT count(*) FROM audit"));
  }

  @Test
  void historyHidesDeniedStrangers() {
    bot.gateway.seed(null, "SHOP", 1);
    bot.say(TestBot.group(-4004), stranger, "/del SHOP");
    ChatRef viewers = bot.groupWith(-2002, Role.VIEWER, null);
    bot.say(viewers, alice, "/history SHOP");
    String reply = bot.out.lastText();
    assertFalse(reply.contains("/del SHOP"), reply);
    assertFalse(reply.contains("-4004"), reply);
    assertTrue(
        reply.contains("/history SHOP"), "the asker's own look-up is all there is: " + reply);
  }

  @Test
  void historyShowsOnlyTheAskersSubClientAsItWasAtTheTime() {
    bot.gateway.seed("alpha", "SHOP", 1);
    ChatRef moved = bot.groupWith(-2003, Role.OPERATOR, "alpha");
    bot.say(moved, alice, "/chg SHOP spring");
    assertEquals("ok", bot.lastAudit().outcome());
    // The chat is bound to another sub-client since: what it did for alpha stays alpha's.
    bot.chats.grant(
        new ChatGrant(
            moved.id(), Role.OPERATOR, "beta", "Team", TestBot.OWNER, bot.clock.instant()));
    ChatRef betaViewers = bot.groupWith(-2004, Role.VIEWER, "beta");
    bot.say(betaViewers, alice, "/history SHOP");
    assertFalse(bot.out.lastText().contains("/chg SHOP spring"), bot.out.lastText());
    assertTrue(bot.out.lastText().contains("/history SHOP"), bot.out.lastText());

    ChatRef alphaViewers = bot.groupWith(-2005, Role.VIEWER, "alpha");
    bot.say(alphaViewers, alice, "/history SHOP");
    assertTrue(bot.out.lastText().contains("/chg SHOP spring"), bot.out.lastText());
    ChatRef account = bot.groupWith(-2006, Role.VIEWER, null);
    bot.say(account, alice, "/history SHOP");
    assertTrue(
        bot.out.lastText().contains("/chg SHOP spring"), "an unbound chat sees every sub-client");
  }

  @Test
  void auditNameHoldsOnlyValidSenderNames() {
    ChatRef viewers = bot.groupWith(-2002, Role.VIEWER, null);
    bot.say(viewers, alice, "/sender " + X4000);
    bot.say(viewers, alice, "/sender \"my shop\"");
    bot.say(viewers, alice, "/sender <b>x</b>");
    bot.say(viewers, alice, "/sender \"+7 999 000-11-22\"");
    bot.say(viewers, alice, "/sender shop.24");
    List<String> names = sqlStrings("SELECT sender_name FROM audit ORDER BY id");
    assertEquals(5, names.size());
    assertNull(names.get(0), "4,000 X are no sender name");
    assertNull(names.get(1));
    assertNull(names.get(2));
    assertEquals("79990001122", names.get(3), "a phone as /history looks it up");
    assertEquals("shop.24", names.get(4));
    assertTrue(sqlLong("SELECT max(length(args)) FROM audit") <= 301, "arguments are cut");
  }

  @Test
  void retentionPurgesOldAuditRows() {
    ChatRef viewers = bot.groupWith(-2002, Role.VIEWER, null);
    bot.say(viewers, alice, "/sender first");
    bot.say(TestBot.group(-4004), stranger, "/senders");
    bot.clock.advance(Duration.ofDays(364));
    bot.say(viewers, alice, "/sender second");
    String viewersRows = "SELECT sender_name FROM audit WHERE chat_id = -2002 ORDER BY id";
    assertEquals(List.of("first", "second"), sqlStrings(viewersRows));
    bot.clock.advance(Duration.ofDays(2)); // the first rows are 366 days old, the default keeps 365
    bot.say(viewers, alice, "/sender third");
    assertEquals(List.of("second", "third"), sqlStrings(viewersRows));
    assertEquals(
        0,
        sqlLong("SELECT count(*) FROM stranger_hits WHERE chat_id = -4004"),
        "old stranger counts go too");
  }

  /** The two arrangements of the issue; the property test tries many more. */
  @Test
  void confirmCodeIsMaskedWhereverItStands() {
    String phone = "79991234567";
    ChatRef ops = bot.groupWith(-1001, Role.OPERATOR, null);
    bot.say(ops, alice, "/sendcode " + phone);
    bot.say(ops, alice, "/confirm 338824 please");
    bot.say(ops, alice, "/confirm 338824, " + phone);
    bot.say(ops, alice, "/confirm please 33882412 «" + phone + "»");
    bot.say(ops, alice, "/confirm 33882412 1234567");
    ChatRef admins = bot.groupWith(-1002, Role.ADMIN, null);
    bot.say(admins, alice, "/history " + phone);
    String history = bot.out.lastText();
    bot.say(admins, alice, "/audit 100");
    String audit = bot.out.lastText();

    Pattern code = Pattern.compile("(?<![0-9])(338824|33882412)(?![0-9])");
    for (String row : allRows("audit")) {
      assertFalse(code.matcher(row).find(), "a code in the audit table: " + row);
    }
    assertTrue(history.contains("/confirm"), history);
    assertFalse(code.matcher(history).find(), history);
    assertFalse(code.matcher(audit).find(), audit);
    assertEquals(
        0, sqlLong("SELECT count(*) FROM audit WHERE sender_name IN ('338824', '33882412')"));
    for (RecordingMessenger.Sent s : bot.out.to(ops.id())) {
      assertFalse(code.matcher(s.reply().html()).find(), "a code in a reply: " + s.text());
    }
  }

  // ---- SQL

  long sqlLong(String sql) {
    return bot.db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  List<String> sqlStrings(String sql) {
    return bot.db.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  /** Every row of a table, every column as text. */
  List<String> allRows(String table) {
    return bot.db.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table);
              ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              StringBuilder b = new StringBuilder();
              for (int i = 1; i <= md.getColumnCount(); i++) {
                b.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(" | ");
              }
              out.add(b.toString());
            }
          }
          return out;
        });
  }
}
