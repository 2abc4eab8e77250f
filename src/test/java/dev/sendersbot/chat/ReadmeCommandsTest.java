package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's command table is the users' reference: it must match the registry. */
class ReadmeCommandsTest {

  @Test
  void readmeListsEveryCommandWithItsSyntaxAndLeastRole() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (CommandSpec c : CommandRegistry.standard().commands()) {
      String role = c.least() == null ? "anyone" : c.least().word();
      String[] syntaxes = c.syntax().split(" or ");
      String row =
          "| `"
              + syntaxes[0]
              + "`"
              + (syntaxes.length > 1 ? " or `" + syntaxes[1] + "`" : "")
              + " | "
              + role
              + " |";
      assertTrue(readme.contains(row), "README row for /" + c.name() + ": " + row);
    }
  }

  @Test
  void readmeConfigurationTableNamesEveryKeyOfTheReferenceFile() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String reference = Files.readString(Path.of("config/senders-bot.yml"));
    String section = null;
    int keys = 0;
    for (String line : reference.split("\n")) {
      String l = line.replaceFirst("^(\\s*)#\\s?", "$1");
      if (l.matches("[a-z-]+:\\s*")) {
        section = l.strip().replace(":", "");
      } else if (section != null && l.matches("  [a-z-]+:.*")) {
        String key = section + "." + l.strip().split(":")[0];
        assertTrue(readme.contains("| `" + key + "` |"), "README names " + key);
        keys++;
      }
    }
    assertTrue(keys >= 20, "the reference file's keys were read: " + keys);
  }
}
