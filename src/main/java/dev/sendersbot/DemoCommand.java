package dev.sendersbot;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code demo}: the sandbox plus a console chat. Wired once both exist. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the SMSC sandbox on loopback and a console chat acting as an owner;"
            + " no credentials needed.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Override
  public Integer call() {
    parent.context().err().println("senders-bot demo: not available yet");
    return ExitCodes.USAGE;
  }
}
