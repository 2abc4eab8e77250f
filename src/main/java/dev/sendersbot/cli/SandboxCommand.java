package dev.sendersbot.cli;

import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sandbox}: the SMSC simulator alone, until the process is stopped. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Serve the SMSC sandbox over HTTP on 127.0.0.1; prints its base URL and credentials.")
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand SendersBotCommand parent;

  @Option(names = "--port", paramLabel = "N", description = "TCP port (default: a free port).")
  Integer port;

  @Option(names = "--demo-names", description = "Seed sample names in several states.")
  boolean demoNames;

  @Option(
      names = "--progress",
      description = "Move statuses forward by themselves, as a real account would.")
  boolean progress;

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 0 || port > 65535)) {
      parent.context().err().println("--port must be 0..65535: " + port);
      return ExitCodes.USAGE;
    }
    SandboxOptions options =
        SandboxOptions.defaults()
            .withPort(port == null ? 0 : port)
            .withSeedDemoNames(demoNames)
            .withAutoProgress(progress);
    SmscSandbox sandbox;
    try {
      sandbox = SmscSandbox.start(options);
    } catch (RuntimeException e) {
      parent.context().err().println("senders-bot sandbox: cannot start: " + e.getMessage());
      return ExitCodes.RUNTIME_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
    parent.context().out().println(sandbox.summary());
    parent.context().out().println("Stop it with Ctrl-C.");
    parent.context().out().flush();
    sandbox.awaitClose();
    return ExitCodes.OK;
  }
}
