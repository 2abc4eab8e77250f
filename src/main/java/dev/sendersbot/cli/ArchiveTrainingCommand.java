package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.ops.LogSetup;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.time.SystemTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code archive-training} (hidden): the training run of the Docker image's AppCDS archive. The bot
 * starts exactly as {@code run} starts it, on the configuration file the image ships, against the
 * SMSC sandbox and a loopback Bot API ({@link TrainingBotApi}), answers an owner's first commands,
 * and stops; twice, once creating its database and once reopening it, as every later start does.
 * Run under {@code -XX:DumpLoadedClassList}, it lists every class that start-up and the first
 * commands load: the Telegram transport and its JSON types, the YAML configuration, the metrics,
 * the schema check, where {@code demo} covers only part of that. The Dockerfile drops from the list
 * what a start on a current database never loads (its own stand-ins, Flyway, picocli) and dumps the
 * archive from the rest (docs/docker.md).
 */
@Command(
    name = "archive-training",
    hidden = true,
    description = "Start and stop the bot against local stand-ins, for the AppCDS archive.")
final class ArchiveTrainingCommand implements Callable<Integer> {
  private static final long OWNER = 1;

  /** What an owner types first; each is answered with at least one message. */
  static final List<String> COMMANDS =
      List.of("/start", "/help", "/senders", "/status", "/id", "/sender SHOP24");

  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("senders-bot-training");
    Clock clock = SystemTime.clock();
    try (SmscSandbox sandbox =
            SmscSandbox.start(
                SandboxOptions.defaults().withSeedDemoNames(true).withAutoProgress(false));
        TrainingBotApi telegram = TrainingBotApi.start(OWNER, clock)) {
      Config cfg = config(sandbox, telegram, dir);
      LogSetup.configure(cfg);
      for (int pass = 1; pass <= 2; pass++) {
        try (RunCommand.Running bot = RunCommand.Running.start(cfg, clock)) {
          bot.awaitPolling();
          telegram.send(COMMANDS);
          if (!telegram.awaitSent(pass * COMMANDS.size(), Duration.ofSeconds(60))) {
            parent.context().err().println("archive-training: the bot did not answer in time");
            return ExitCodes.RUNTIME_FAILURE;
          }
          scrape(bot.opsAddress());
        }
      }
    } finally {
      deleteQuietly(dir);
    }
    return ExitCodes.OK;
  }

  /** The configuration {@code run} would read, pointed at the stand-ins and a new database. */
  private Config config(SmscSandbox sandbox, TrainingBotApi telegram, Path dir) {
    Map<String, String> env = new HashMap<>(parent.context().env());
    env.keySet().removeIf(k -> k.startsWith("SMSC_") || k.startsWith("SENDERS_BOT_DATABASE"));
    env.put("TELEGRAM_BOT_TOKEN", TrainingBotApi.TOKEN);
    env.put("TELEGRAM_API_URL", telegram.url());
    env.put("SENDERS_BOT_OWNERS", Long.toString(OWNER));
    env.put("SMSC_BASE_URL", sandbox.baseUrl().toString());
    env.put("SMSC_LOGIN", sandbox.login());
    env.put("SMSC_PASSWORD", sandbox.password());
    env.put("SENDERS_BOT_DATABASE", dir.resolve("senders-bot.db").toString());
    Config c = new ConfigLoader(env, parent.context().workDir()).load(config.file).validateForRun();
    Config.Telegram polling =
        new Config.Telegram(
            c.telegram().token(),
            c.telegram().apiUrl(),
            c.telegram().owners(),
            Config.Webhook.polling());
    // An ephemeral port: a training run must not collide with a bot on the same machine.
    return new Config(
        polling,
        c.smsc(),
        c.cache(),
        c.gateway(),
        c.watch(),
        c.storage(),
        new Config.Http(c.http().enabled(), "127.0.0.1", 0),
        c.logging(),
        c.audit(),
        c.ui());
  }

  /** One health check and one metrics scrape, as a running bot serves them. */
  private static void scrape(String address) throws IOException {
    if (address == null) {
      return;
    }
    for (String path : List.of("/healthz", "/metrics")) {
      URL url = URI.create("http://" + address + path).toURL();
      try (InputStream in = url.openStream()) {
        in.readAllBytes();
      } catch (IOException e) {
        // /healthz answers 503 while the watcher has not polled yet: the classes are loaded.
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }
}
