package dev.sendersbot;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code run}: the bot itself. Wired once polling, the watcher and the outbox exist. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the bot: Telegram long polling, the status watcher, the notification outbox.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Override
  public Integer call() {
    parent.context().err().println("senders-bot run: not available yet");
    return ExitCodes.USAGE;
  }
}
