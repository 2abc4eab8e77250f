package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A viewer's /subscribe and /mute stored one row per name typed, any valid spelling, with no bound
 * per chat. Those rows are not the viewer's alone to pay for:
 *
 * <ul>
 *   <li>SqliteSubscriptions.subscribe runs, per name, an UPDATE whose {@code coalesce(name, '')}
 *       does not match the unique index's {@code ifnull(name, '')}: SQLite searches only by chat_id
 *       and reads every subscription of the chat for every name typed. With 100,000 rows in the
 *       chat a /subscribe of 300 names held the single write lock 16.6 s (measured on SQLite 3.40);
 *       1,000 names, about a minute: the outbox's markSent, the poll's record and every other
 *       chat's audit entry wait for it (Database.write gives up after 60 s);
 *   <li>every poll with a change reads every active subscription of every chat into memory inside
 *       its write transaction (Router.route), and so does each chat's daily summary
 *       (DailySummaries.summary, once per chat with /summary);
 *   <li>every outbox drain with due rows reads every active mute of every chat (MuteHold.pass), and
 *       ends due mutes one by one inside one write transaction (endDue).
 * </ul>
 */
class ViewerRowsBoundTest {
  static final int BOUND = SubscribeCommand.MAX_NAMES;

  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef viewer = user(7);

  @Test
  void aViewerCannotGrowTheSubscriptionsWithoutBound() {
    ChatRef viewers = bot.groupWith(-2002, Role.VIEWER, null);
    for (int batch = 0; batch < 5; batch++) {
      bot.say(viewers, viewer, "/subscribe " + names(batch));
    }
    long rows = sqlLong("SELECT count(*) FROM subscriptions WHERE chat_id = -2002");
    assertTrue(rows <= BOUND, "one viewer's chat holds " + rows + " subscriptions");
    assertTrue(bot.out.lastText().contains("at most 1,000 names"), bot.out.lastText());
  }

  @Test
  void aViewerCannotGrowTheMutesWithoutBound() {
    ChatRef viewers = bot.groupWith(-2002, Role.VIEWER, null);
    for (int batch = 0; batch < 5; batch++) {
      bot.say(viewers, viewer, "/mute " + names(batch) + " 1d");
    }
    long rows = sqlLong("SELECT count(*) FROM mutes WHERE chat_id = -2002");
    assertTrue(rows <= BOUND, "one viewer's chat holds " + rows + " mutes");
    assertTrue(bot.out.lastText().contains("at most 1,000 names"), bot.out.lastText());
  }

  /** 1,000 distinct valid sender names in one message (3 letters and a comma each). */
  private static String names(int batch) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = batch * 1000 + i;
      out.add("" + letter(n / 676) + letter(n / 26) + letter(n));
    }
    return String.join(",", out);
  }

  private static char letter(int n) {
    return (char) ('A' + n % 26);
  }

  long sqlLong(String sql) {
    return dev.sendersbot.testing.TestDatabase.count(bot.db, sql);
  }
}
