package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.console.ConsoleChat;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the SMSC sandbox on loopback and a console chat in which the person at the terminal
 * is an owner. No credentials; the database lives in a temporary folder, deleted at the end,
 * whatever the configuration names.
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
  @Spec CommandSpec spec;
  @Mixin ConfigFileOption config;

  @Option(
      names = "--no-progress",
      description = "Keep the sandbox's statuses still (no automatic moves).")
  boolean noProgress;

  @Option(
      names = "--language",
      paramLabel = "ru|en",
      description =
          "The language you write in at the console, as a Telegram client reports it"
              + " (default: ui.language, ru as shipped).")
  String language;

  @Override
  public Integer call() throws IOException {
    // A wrong option is refused before anything changes in this process (the log levels).
    Lang lang = language == null ? null : parseLanguage(language);
    quietLogs(parent.context().env());
    Config base = parent.context().loadConfig(config.file);
    if (lang != null) {
      base = base.withUi(new Config.Ui(lang.tag(), base.ui().timeZone()));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return run(base, !noProgress, in, out, SystemTime.clock());
  }

  /**
   * The demo over a console: everything {@link #call} does after reading the configuration, so a
   * test drives the same wiring with scripted input and reads what a person would see.
   *
   * @param progress let the sandbox move statuses by themselves
   * @param clock the time of the bot and of its sandbox (which keeps it in Moscow, as SMSC does)
   */
  static int run(Config base, boolean progress, BufferedReader in, PrintStream out, Clock clock)
      throws IOException {
    // Always a database of its own, whatever the configuration names: the bot's own database would
    // get the sandbox's names, and its chats' notifications would go to this console, marked sent.
    Path tempDir = Files.createTempDirectory("senders-bot-demo");
    // Ctrl-C ends the JVM without the finally below: the demo's database goes with it all the same.
    Thread cleanUp = new Thread(() -> deleteQuietly(tempDir), "demo-clean");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    try (SmscSandbox sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults()
                .withClock(clock.withZone(ZoneId.of("Europe/Moscow")))
                .withSeedDemoNames(true)
                .withAutoProgress(progress))) {
      Config cfg = demoConfig(base, sandbox, tempDir);
      OkHttpClient http = ProcessHttp.create();
      Texts texts = Texts.of(Lang.parse(cfg.ui().language()).orElseThrow(), cfg.ui().timeZone());
      ConsoleChat console = new ConsoleChat(out, CONSOLE_USER, "you", texts);
      try (Assembly bot =
          Assembly.build(
              cfg, clock, http, console, "senders_demo_bot", dev.sendersbot.ops.Metrics.noop())) {
        bot.watcher.subscriptions().subscribe(console.chatId(), null, Set.of());
        bot.watcher.start();
        printGuide(out, sandbox, cfg, texts);
        SmsRelay sms = new SmsRelay(sandbox, console, texts);
        console.run(
            in,
            incoming -> {
              bot.core.handle(incoming, console);
              sms.relay();
            });
      } finally {
        ProcessHttp.close(http);
      }
    } finally {
      deleteQuietly(tempDir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs anyway.
      }
    }
    out.println();
    out.println(
        Html.visibleText(
            Texts.of(Lang.parse(base.ui().language()).orElseThrow(), base.ui().timeZone())
                .t("demo.bye")));
    return ExitCodes.OK;
  }

  private Lang parseLanguage(String raw) {
    return Lang.parse(raw)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "--language must be ru or en, not '" + raw + "'"));
  }

  /**
   * Log lines would interleave with the console chat, in English: only errors, unless LOG_LEVEL
   * asks. The warnings a demo meets (a provider error the sandbox was told to give) are in the
   * chat's own replies already.
   */
  private static void quietLogs(java.util.Map<String, String> env) {
    if (env.get("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.sendersbot"))
          .setLevel(ch.qos.logback.classic.Level.ERROR);
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
    Config.Storage storage = new Config.Storage(tempDir.resolve("senders-bot.db"));
    Config.Watch watch = new Config.Watch(base.watch().interval());
    // The configured language and zone are kept: the person at the console reads the bot in them.
    return new Config(
        telegram,
        smsc,
        base.cache(),
        base.gateway(),
        watch,
        storage,
        base.http(),
        base.logging(),
        base.audit(),
        base.ui());
  }

  private static void printGuide(PrintStream out, SmscSandbox sandbox, Config cfg, Texts t) {
    out.println(
        Html.visibleText(
            t.t(
                "demo.guide",
                sandbox.baseUrl().toString(),
                new Markup(t.duration(cfg.watch().interval())),
                cfg.storage().postgres()
                    ? cfg.storage().url()
                    : cfg.storage().sqliteFile().toString())));
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
    private final Texts texts;
    private int shown;

    SmsRelay(SmscSandbox sandbox, ConsoleChat console, Texts texts) {
      this.sandbox = sandbox;
      this.console = console;
      this.texts = texts;
      this.shown = sandbox.sentCodes().size();
    }

    void relay() {
      List<SentCode> codes = sandbox.sentCodes();
      for (int i = shown; i < codes.size(); i++) {
        SentCode c = codes.get(i);
        console.notice(Html.visibleText(texts.t("demo.sms", c.phone(), c.code())));
      }
      shown = codes.size();
    }
  }
}
