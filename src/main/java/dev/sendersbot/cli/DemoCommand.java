package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.console.ConsoleChat;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SentCode;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.time.SystemTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: the SMSC sandbox on loopback and a console chat in which the person at the terminal
 * is an owner. No credentials; the database lives in a temporary folder unless a configuration file
 * names one.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the SMSC sandbox on loopback and a console chat acting as an owner;"
            + " no credentials needed.")
final class DemoCommand implements Callable<Integer> {
  /** The console user's Telegram-like id: an owner. */
  static final long CONSOLE_USER = 100_200_300L;

  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Option(
      names = "--no-progress",
      description = "Keep the sandbox's statuses still (no automatic moves).")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    quietLogs(parent.context().env());
    Config base = parent.context().loadConfig(config.file);
    boolean ownDatabase =
        config.file != null || parent.context().env().containsKey("SENDERS_BOT_CONFIG");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return run(base, ownDatabase, !noProgress, in, out, SystemTime.clock());
  }

  /**
   * The demo over a console: everything {@link #call} does after reading the configuration, so a
   * test drives the same wiring with scripted input and reads what a person would see.
   *
   * @param ownDatabase use the configured database; otherwise one in a temporary folder, deleted at
   *     the end
   * @param progress let the sandbox move statuses by themselves
   * @param clock the time of the bot and of its sandbox (which keeps it in Moscow, as SMSC does)
   */
  static int run(
      Config base,
      boolean ownDatabase,
      boolean progress,
      BufferedReader in,
      PrintStream out,
      Clock clock)
      throws IOException {
    Path tempDir = ownDatabase ? null : Files.createTempDirectory("senders-bot-demo");
    try (SmscSandbox sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults()
                .withClock(clock.withZone(ZoneId.of("Europe/Moscow")))
                .withSeedDemoNames(true)
                .withAutoProgress(progress))) {
      Config cfg = demoConfig(base, sandbox, tempDir);
      OkHttpClient http = Assembly.httpClient();
      ConsoleChat console = new ConsoleChat(out, CONSOLE_USER, "you");
      try (Assembly bot =
          Assembly.build(
              cfg, clock, http, console, "senders_demo_bot", dev.sendersbot.ops.Metrics.noop())) {
        bot.watcher.subscriptions().subscribe(console.chatId(), null, Set.of());
        bot.watcher.start();
        printGuide(out, sandbox, cfg);
        SmsRelay sms = new SmsRelay(sandbox, console);
        console.run(
            in,
            incoming -> {
              bot.core.handle(incoming, console);
              sms.relay();
            });
      } finally {
        Assembly.closeHttp(http);
      }
    } finally {
      if (tempDir != null) {
        deleteQuietly(tempDir);
      }
    }
    out.println();
    out.println("Bye.");
    return ExitCodes.OK;
  }

  /** Log lines would interleave with the console chat: only warnings, unless LOG_LEVEL asks. */
  private static void quietLogs(java.util.Map<String, String> env) {
    if (env.get("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.sendersbot"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  static Config demoConfig(Config base, SmscSandbox sandbox, Path tempDir) {
    Config.Smsc smsc =
        new Config.Smsc(
            sandbox.baseUrl(),
            sandbox.login(),
            Secret.ofNullable(sandbox.password()),
            null,
            base.smsc().timeout());
    Config.Telegram telegram =
        new Config.Telegram(
            base.telegram().token(), base.telegram().apiUrl(), List.of(CONSOLE_USER));
    Config.Storage storage =
        tempDir == null ? base.storage() : new Config.Storage(tempDir.resolve("senders-bot.db"));
    Config.Watch watch = new Config.Watch(base.watch().interval());
    return new Config(
        telegram, smsc, base.cache(), base.gateway(), watch, storage, base.http(), base.logging());
  }

  private static void printGuide(PrintStream out, SmscSandbox sandbox, Config cfg) {
    out.println(
        """
        senders-bot demo
        ================
        A console chat with the bot. You are an owner; the SMSC provider is a local sandbox
        (%s) with a few sample names whose statuses move by themselves.
        Try:
          /help                      what you can do
          /senders                   the names, with their statuses
          /add shop_demo "My shop"   add a name (then press a button to register it)
          /sendcode 79990001122      the sandbox "texts" a code; it is shown below as an SMS
          /confirm <code>            confirm the digital name with that code
          /del shop_demo             delete, after pressing the confirmation button
        Press a button by typing its number. Attach a file with: /doc NAME --file PATH
        Status changes are polled every %s and shown here as notifications.
        Database: %s
        Ctrl-D or /quit ends the demo.
        """
            .formatted(
                sandbox.baseUrl(),
                formatDuration(cfg.watch().interval()),
                cfg.storage().postgres() ? cfg.storage().url() : cfg.storage().sqliteFile()));
  }

  private static String formatDuration(java.time.Duration d) {
    return d.toSeconds() % 60 == 0 && d.toMinutes() > 0
        ? d.toMinutes() + " min"
        : d.toSeconds() + " s";
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }

  /** Shows the codes the sandbox "sent by SMS", as a phone would. */
  static final class SmsRelay {
    private final SmscSandbox sandbox;
    private final ConsoleChat console;
    private int shown;

    SmsRelay(SmscSandbox sandbox, ConsoleChat console) {
      this.sandbox = sandbox;
      this.console = console;
      this.shown = sandbox.sentCodes().size();
    }

    void relay() {
      List<SentCode> codes = sandbox.sentCodes();
      for (int i = shown; i < codes.size(); i++) {
        SentCode c = codes.get(i);
        console.notice("SMS to +" + c.phone() + ": your confirmation code is " + c.code());
      }
      shown = codes.size();
    }
  }
}
