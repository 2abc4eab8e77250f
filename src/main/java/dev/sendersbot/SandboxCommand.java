package dev.sendersbot;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sandbox}: the SMSC simulator alone. Wired once the sandbox exists. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Serve the SMSC sandbox over HTTP on 127.0.0.1; prints its base URL and credentials.")
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand SendersBotCommand parent;

  @Option(names = "--port", paramLabel = "N", description = "TCP port (default: a free port).")
  Integer port;

  @Override
  public Integer call() {
    parent.context().err().println("senders-bot sandbox: not available yet");
    return ExitCodes.USAGE;
  }
}
