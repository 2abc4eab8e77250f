package dev.sendersbot.cli;

import dev.sendersbot.config.ConfigException;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.smsc.SmscException;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code java -jar senders-bot.jar <command>}. Parsing and dispatch only; each command lives in its
 * own class ({@link RunCommand}, {@link DemoCommand}, {@link SandboxCommand}, {@link
 * CheckConfigCommand}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliContext ctx = CliContext.system();
    int code = execute(args, ctx);
    ctx.out().flush();
    ctx.err().flush();
    System.exit(code);
  }

  /** Runs one command line in-process and returns its exit code; never calls System.exit. */
  static int execute(String[] args, CliContext ctx) {
    Optional<RunArguments> run = RunArguments.of(args);
    return run.isPresent() ? run(run.get(), ctx) : withPicocli(args, ctx);
  }

  /**
   * {@code run} as production starts it, without picocli ({@link RunArguments} says why); its
   * failures end as picocli's execution handler ends them.
   */
  private static int run(RunArguments args, CliContext ctx) {
    int code;
    try {
      code = RunCommand.run(ctx, args.configFile());
    } catch (Exception e) {
      code = failed(e, ctx);
    }
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /** Every command line through picocli, {@code run} included; what {@link #execute} falls to. */
  static int withPicocli(String[] args, CliContext ctx) {
    CommandLine cli = new CommandLine(new SendersBotCommand(ctx));
    cli.setOut(ctx.out());
    cli.setErr(ctx.err());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, ctx));
    int code = cli.execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  // A configuration problem is the user's to fix (exit 2); anything else is a runtime failure
  // (exit 1). Messages of our exceptions carry no secret, so they are printed as they are.
  private static int failed(Exception e, CliContext ctx) {
    if (e instanceof ConfigException ce) {
      ctx.err().println("invalid configuration:");
      ce.problems().forEach(p -> ctx.err().println("  " + p));
      return ExitCodes.USAGE;
    }
    // Which side failed, in words a reader knows, rather than an exception's class name.
    String side =
        e instanceof DeliveryException
            ? "Telegram"
            : e instanceof SmscException ? "SMSC" : e.getClass().getSimpleName();
    ctx.err().println("senders-bot: " + side + ": " + e.getMessage());
    // Looked up here rather than kept in a static field: initialising this class would set logging
    // up before RunCommand has started building its HTTP client beside it.
    LoggerFactory.getLogger(Main.class).debug("command failed", e);
    return ExitCodes.RUNTIME_FAILURE;
  }
}
