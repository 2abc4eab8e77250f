package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigException;
import dev.sendersbot.config.ConfigException.Problem;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.config.PlainHttp;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.ops.LogMasking;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.telegram.TelegramMessenger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code check-config}: loads and validates the configuration, prints the effective values with
 * secrets masked, then reports what {@code run} would still miss. Exit 0 only when {@code run}
 * could start with it.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description =
        "Validate the configuration and print the effective values, secrets masked;"
            + " exit 2 on an invalid one or one that run cannot start with.")
final class CheckConfigCommand implements Callable<Integer> {
  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Option(
      names = "--online",
      description =
          "Also check that the provider accepts the credentials (one list request) and"
              + " Telegram the token (getMe).")
  boolean online;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    PrintWriter out = ctx.out();
    PrintWriter err = ctx.err();
    ConfigLoader loader = ctx.configLoader();
    Config loaded;
    try {
      Optional<Path> file = loader.locate(config.file);
      out.println(
          "# configuration file: "
              + file.map(Path::toString).orElse("none (built-in defaults and environment)"));
      loaded = file.isPresent() ? loader.loadFile(file.get()) : loader.loadWithoutFile();
    } catch (ConfigException e) {
      printProblems(err, "invalid configuration:", e.problems());
      return ExitCodes.USAGE;
    }
    out.print(loaded.describe());
    out.flush();

    List<Problem> invalid = new ArrayList<>();
    if (!loaded.storage().postgres()) {
      DatabasePathCheck.problem(ctx.resolve(loaded.storage().sqliteFile()))
          .ifPresent(
              m ->
                  invalid.add(
                      new Problem(
                          loaded.storage().url() == null ? "storage.database" : "storage.url", m)));
    }
    List<Problem> unchecked = new ArrayList<>();
    if (online) {
      onlineChecks(loaded, ctx, invalid, unchecked);
    }
    List<Problem> forRun = loaded.runProblems();
    printProblems(err, "invalid configuration:", invalid);
    printProblems(err, "missing for run:", forRun);
    printProblems(err, "could not check:", unchecked);
    printProblems(err, "warnings:", PlainHttp.warnings(loaded));
    if (!invalid.isEmpty() || !forRun.isEmpty()) {
      return ExitCodes.USAGE;
    }
    if (!unchecked.isEmpty()) {
      return ExitCodes.RUNTIME_FAILURE;
    }
    out.println("# configuration OK");
    return ExitCodes.OK;
  }

  /**
   * The provider's and Telegram's verdict on the credentials, one request each: a one-name list and
   * getMe. Only a refusal of the credentials is a problem of the configuration ({@code invalid}:
   * SMSC error 2, or the Bot API's 401 or 404 to the token); a host that cannot be reached, a rate
   * limit or an IP block only means the check could not be made ({@code unchecked}).
   */
  void onlineChecks(Config loaded, CliContext ctx, List<Problem> invalid, List<Problem> unchecked) {
    OkHttpClient http = ProcessHttp.create();
    try {
      if (loaded.smsc().hasCredentials()) {
        try {
          SmscClients.http(Assembly.smscSettings(loaded.smsc()), http)
              .list(new ListQuery(false, false, null, null, 1, null));
          ctx.out().println("# provider: " + loaded.smsc().baseUrl() + " accepted the credentials");
        } catch (SmscException e) {
          boolean refused = e instanceof SmscError err && err.is(SmscErrorCode.CREDENTIALS);
          String said = "the provider at " + loaded.smsc().baseUrl() + " said: " + e.explanation();
          if (refused) {
            invalid.add(
                new Problem(
                    loaded.smsc().apiKey() != null ? "smsc.api-key" : "smsc.password", said));
          } else {
            unchecked.add(new Problem("smsc.base-url", said));
          }
        }
      }
      if (loaded.telegram().token() != null) {
        try (TelegramMessenger telegram =
            new TelegramMessenger(Settings.telegram(loaded.telegram()), http)) {
          ctx.out().println("# telegram: the token belongs to @" + telegram.me().username());
        } catch (RuntimeException e) {
          String why = LogMasking.mask(String.valueOf(e.getMessage()));
          if (e instanceof DeliveryException d && d.kind() == DeliveryException.Kind.REJECTED) {
            invalid.add(
                new Problem(
                    "telegram.token",
                    "the Bot API at " + loaded.telegram().apiUrl() + " did not accept it: " + why));
          } else {
            unchecked.add(
                new Problem(
                    "telegram.api-url",
                    "the Bot API at "
                        + loaded.telegram().apiUrl()
                        + " could not be asked: "
                        + why));
          }
        }
      }
    } finally {
      ProcessHttp.close(http);
    }
  }

  private static void printProblems(PrintWriter err, String heading, List<Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    err.println(heading);
    for (Problem p : problems) {
      err.println("  " + p);
    }
    err.flush();
  }
}
