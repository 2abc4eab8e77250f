package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The drive of {@link RenderEveryMessageTest} with every bundle letter replaced by an accented
 * look-alike ({@link Messages#pseudo()}): a plain English word of three letters or more left in a
 * reply, outside what the drive typed or seeded and the audit records, was built in code.
 */
class PseudoLocaleTest {
  @Test
  void noReplyHasAWordBuiltInCode() {
    for (Lang lang : Lang.values()) {
      MessageDrive d = RenderEveryMessageTest.drive(Messages.pseudo(), lang);
      try {
        List<String> problems = TextChecks.problems(d, Messages.pseudo(), Set.of(), true);
        assertTrue(
            problems.isEmpty(),
            lang + ": " + problems.size() + " problem(s):\n" + String.join("\n", problems));
      } finally {
        d.bot.close();
      }
    }
  }
}
