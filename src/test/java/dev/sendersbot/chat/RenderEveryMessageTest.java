package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every message of every command, button, the core's answers and the provider's errors, rendered in
 * Russian and in English through the real chat core over the SMSC sandbox: no text missing, no
 * failure, valid Telegram HTML, at most 4,096 characters, and no English word in a Russian reply
 * beyond the data and {@link TextChecks#LATIN_IN_RUSSIAN}.
 */
class RenderEveryMessageTest {
  static MessageDrive drive(Messages messages, Lang lang) {
    TestBot bot = TestBot.overSandbox();
    try {
      if (messages != Messages.standard()) {
        bot.speak(messages);
      }
      bot.readers(lang, MessageDrive.ZONE);
      MessageDrive d = new MessageDrive(bot, lang);
      d.run();
      return d;
    } catch (RuntimeException | Error e) {
      bot.close();
      throw e;
    }
  }

  private static String report(List<String> problems) {
    return problems.size() + " problem(s):\n" + String.join("\n", problems);
  }

  @Test
  void everyRussianMessageIsRussianValidAndShort() {
    MessageDrive d = drive(Messages.standard(), Lang.RU);
    try {
      List<String> problems =
          TextChecks.problems(d, Messages.standard(), TextChecks.LATIN_IN_RUSSIAN, true);
      assertTrue(problems.isEmpty(), report(problems));
    } finally {
      d.bot.close();
    }
  }

  @Test
  void everyEnglishMessageIsFromTheBundlesValidAndShort() {
    MessageDrive d = drive(Messages.standard(), Lang.EN);
    try {
      List<String> problems = TextChecks.problems(d, Messages.standard(), Set.of(), false);
      assertTrue(problems.isEmpty(), report(problems));
    } finally {
      d.bot.close();
    }
  }

  @Test
  void theDriveCoversEveryCommandAndEveryButtonOfTheRegistry() {
    MessageDrive d = drive(Messages.standard(), Lang.EN);
    try {
      CommandRegistry r = CommandRegistry.standard();
      Set<String> commands =
          r.commands().stream()
              .map(CommandSpec::name)
              .collect(Collectors.toCollection(TreeSet::new));
      commands.removeAll(d.areas);
      assertEquals(Set.of(), commands, "commands the drive never typed");
      Set<String> actions =
          r.actions().stream()
              .map(Press.Spec::action)
              .collect(Collectors.toCollection(TreeSet::new));
      actions.removeAll(d.actionsPressed);
      assertEquals(Set.of(), actions, "buttons the drive never pressed");
      assertTrue(d.said.size() > 200, "the drive said " + d.said.size() + " things");
    } finally {
      d.bot.close();
    }
  }

  @Test
  void everyRussianMenuIsRussianAndFitsTelegram() {
    try (TestBot bot = new TestBot()) {
      List<String> problems = new java.util.ArrayList<>();
      java.util.List<dev.sendersbot.access.Role> roles =
          new java.util.ArrayList<>(java.util.Arrays.asList(dev.sendersbot.access.Role.values()));
      roles.add(null);
      for (dev.sendersbot.access.Role role : roles) {
        for (boolean owner : new boolean[] {false, true}) {
          for (CommandInfo c : bot.core.menuFor(role, owner, Lang.RU)) {
            // Telegram takes a command's description of 1 to 256 characters.
            if (c.help().isEmpty() || c.help().length() > 256) {
              problems.add(c.name() + ": " + c.help().length() + " characters");
            }
            List<String> latin =
                TextChecks.latinWords(
                    c.help(), List.of(RegisterCommand.validCodes()), TextChecks.LATIN_IN_RUSSIAN);
            if (!latin.isEmpty()) {
              problems.add(c.name() + ": " + latin + " in " + c.help());
            }
          }
        }
      }
      assertTrue(problems.isEmpty(), report(problems));
    }
  }

  @Test
  void theLatinWordFinderSeesEnglishAndLeavesDataAlone() {
    List<String> data = List.of("shop1", "Команда 601");
    assertEquals(
        List.of("Muted", "every", "name"),
        TextChecks.latinWords("🔕 Muted every name в чате", data, Set.of()));
    assertEquals(
        List.of(),
        TextChecks.latinWords(
            "Имя shop1, чат Команда 601, /help, Europe/Moscow, 79991234567, SMSC, id",
            data,
            TextChecks.LATIN_IN_RUSSIAN));
    assertEquals(List.of("sub", "client"), TextChecks.latinWords("sub-client", data, Set.of()));
  }
}
