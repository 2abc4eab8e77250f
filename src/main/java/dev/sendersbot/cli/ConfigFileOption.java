package dev.sendersbot.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read the configuration. */
final class ConfigFileOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: the file $SENDERS_BOT_CONFIG names, else config/senders-bot.yml"
              + " if it exists, else built-in defaults).")
  Path file;
}
