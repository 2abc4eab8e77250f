package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image's AppCDS training run: on the configuration file the image ships, with no
 * credentials and no network, the bot starts twice as {@code run} does and answers an owner's first
 * commands each time (the command fails when a reply does not come).
 */
class ArchiveTrainingIT {
  @TempDir Path dir;

  @Test
  void startsTheBotTwiceOnTheShippedConfigurationAndAnswersTheFirstCommands() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path shipped = Path.of("config", "senders-bot.yml").toAbsolutePath();
    int code =
        Main.execute(
            new String[] {"archive-training", "--config", shipped.toString()},
            new CliContext(Map.of(), dir, new PrintWriter(out), new PrintWriter(err)));
    assertEquals(ExitCodes.OK, code, "err: " + err);
    assertEquals("", err.toString());
  }
}
