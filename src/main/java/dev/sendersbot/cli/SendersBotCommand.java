package dev.sendersbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to a subcommand. */
@Command(
    name = "senders-bot",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Telegram chat-ops bot for the SMS sender names of an SMSC account.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      SandboxCommand.class,
      CheckConfigCommand.class,
      ArchiveTrainingCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:runtime failure", "2:usage or configuration error"})
final class SendersBotCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  SendersBotCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing a command: run, demo, sandbox or check-config");
  }
}
