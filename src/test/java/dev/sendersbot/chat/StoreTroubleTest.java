package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write that fails after the provider has done what was asked (a full disk, a locked file) must
 * not turn the answer into "Something went wrong": the user would do it again.
 */
class StoreTroubleTest {
  static final String PHONE = "79990001122";
  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef alice = user(7);
  final ChatRef ops = bot.groupWith(-1001, Role.ADMIN, null);

  /** Updates of {@code table} fail from now on, as a full disk makes them (inserts still work). */
  private void updatesFailIn(String table) {
    failFrom("UPDATE", table);
  }

  private void failFrom(String statement, String table) {
    bot.db.write(
        c -> {
          try (var st = c.createStatement()) {
            st.execute(
                "CREATE TRIGGER full_disk_"
                    + statement
                    + " BEFORE "
                    + statement
                    + " ON "
                    + table
                    + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
          }
          return null;
        });
  }

  // Why: a database that takes no write (full, or locked by another program) stops a command
  // before it does anything, and the chat read only "Something went wrong": not that nothing was
  // done, nor why.
  @Test
  void aCommandTheDatabaseCannotRecordIsRefusedSayingNothingWasDone() {
    bot.diskFullFor("audit");
    bot.say(ops, alice, "/add NEWBRAND");
    assertEquals(0, bot.gateway.calls, "nothing unaudited reaches the provider");
    String t = bot.out.lastText();
    assertTrue(t.contains("database") && t.contains("nothing was done"), t);

    bot.gateway.seed(null, "shop", 1);
    bot.diskFreed();
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    bot.diskFullFor("audit");
    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(
        bot.out.lastAnswer().toast().contains("nothing was done"), bot.out.lastAnswer().toast());
    assertTrue(bot.gateway.find(null, "shop").isPresent());
  }

  // Why: the code was texted and the prompt sent, then the prompt's id could not be stored and the
  // chat read "Something went wrong"; a /sendcode again would meet error 10 for 8 hours.
  @Test
  void aSendcodeWhosePromptCannotBeRememberedStillStandsAndConfirms() {
    updatesFailIn("pending_codes");
    bot.say(ops, alice, "/sendcode " + PHONE);
    assertTrue(bot.out.lastText().contains(PHONE), bot.out.lastText());
    assertTrue(bot.out.last().reply().forceReply(), "the prompt is the last word");
    assertEquals("ok", bot.lastAudit().outcome());

    bot.say(ops, alice, "/confirm " + bot.gateway.codeSentTo(PHONE));
    assertTrue(bot.out.lastText().contains(PHONE + " is confirmed"), bot.out.lastText());
  }

  // Why: the provider confirmed the number, then forgetting it as pending failed and the chat read
  // "Something went wrong" instead of "confirmed".
  @Test
  void aConfirmedNumberThatCannotBeForgottenIsStillAnsweredAsConfirmed() {
    bot.say(ops, alice, "/sendcode " + PHONE);
    failFrom("DELETE", "pending_codes");
    bot.say(ops, alice, "/confirm " + bot.gateway.codeSentTo(PHONE));
    assertTrue(bot.out.lastText().contains(PHONE + " is confirmed"), bot.out.lastText());
    assertEquals(1, bot.gateway.find(null, PHONE).orElseThrow().moderation());
  }

  // Why: the name was added and the chat told so, then the audit entry's outcome could not be
  // written and "Something went wrong" followed, which reads as if the add had failed.
  @Test
  void anAddWhoseAuditOutcomeCannotBeWrittenIsAnsweredOnlyAsDone() {
    updatesFailIn("audit");
    bot.say(ops, alice, "/add NEWBRAND");
    assertTrue(bot.gateway.find(null, "NEWBRAND").isPresent());
    assertTrue(bot.out.lastText().contains("Added NEWBRAND"), bot.out.lastText());
    assertFalse(bot.out.lastText().contains("Something went wrong"), bot.out.lastText());
  }

  // Why: the same after a press: the name deleted, the press answered "Something went wrong".
  @Test
  void aDeleteWhoseAuditOutcomeCannotBeWrittenIsAnsweredAsDeleted() {
    bot.gateway.seed(null, "shop", 1);
    bot.say(ops, alice, "/del shop");
    RecordingMessenger.Sent ask = bot.out.last();
    updatesFailIn("audit");
    bot.press(ops, alice, TestBot.button(ask, "Delete"), ask.messageId());
    assertTrue(bot.gateway.find(null, "shop").isEmpty());
    assertEquals("Deleted", bot.out.lastAnswer().toast());
    assertEquals(1, bot.out.answered.size(), "the press is answered once");
  }
}
