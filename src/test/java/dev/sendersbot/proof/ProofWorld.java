package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.Stores;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bot talks to in a proof suite: the SMSC sandbox and the fake Bot API on 127.0.0.1, a
 * real SQLite file, and a configuration file as an operator would write it. The sandbox and the bot
 * may share one {@link FakeClock}, so a test moves provider time and bot time together.
 */
final class ProofWorld implements AutoCloseable {
  final Path dir;
  final FakeClock clock;
  final SmscSandbox sandbox;
  final FakeBotApi telegram;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private URI providerUrl;

  private ProofWorld(Path dir, FakeClock clock) {
    this.dir = dir;
    this.clock = clock;
    this.sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(8L));
    this.telegram = FakeBotApi.start();
    // A watcher that polls once at start-up and then stays out of the way of the request log.
    settings.put("watch.interval", "24h");
    settings.put("gateway.max-wait", "0s");
    settings.put("smsc.timeout", "2s");
    settings.put("http.enabled", "false");
    // The proof suites read the bot's English replies and buttons (the access request's grant
    // buttons among them); the bot ships speaking Russian.
    settings.put("ui.language", "en");
    settings.put("ui.time-zone", "UTC");
  }

  /**
   * A world on a shared clock that starts at an instant the run chose (by default just before a new
   * year) and moves only when told.
   */
  static ProofWorld start(Path dir) {
    return new ProofWorld(dir, new FakeClock(TestClocks.suiteStart()));
  }

  /** Points the bot at another provider URL (a proxy in front of the sandbox). */
  ProofWorld providerUrl(URI url) {
    this.providerUrl = url;
    return this;
  }

  /** Sets a configuration key, as its line in the YAML file ("smsc.timeout", "1s"). */
  ProofWorld set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  /** The seeded names of {@link Fixtures#SEEDED}, with some waiting for moderation. */
  ProofWorld seedNames() {
    Fixtures.SEEDED.forEach(
        (scope, names) -> {
          for (String n : names) {
            int moderation = n.endsWith("_WAIT") ? 0 : 1;
            sandbox.seed(
                n,
                scope.isEmpty() ? null : scope,
                null,
                moderation,
                Map.of("mts_step", 2, "mega_step", 1, "bee_step", 3));
          }
        });
    return this;
  }

  /** Grants every fixture chat its role through the SQLite registry, before the bot starts. */
  ProofWorld grantFixtures() {
    Config cfg = config();
    try (Database db = Database.open(cfg.storage().database())) {
      Stores stores = Stores.of(db, clock);
      for (Fixtures.Chat c : Fixtures.GRANTED) {
        stores
            .chats()
            .grant(
                new ChatGrant(c.id(), c.role(), c.sub(), c.key(), Fixtures.OWNER, clock.instant()));
      }
    }
    return this;
  }

  /** Grants chats outside the fixtures (the load test's many chats). */
  ProofWorld grant(List<ChatGrant> grants) {
    try (Database db = Database.open(config().storage().database())) {
      Stores stores = Stores.of(db, clock);
      grants.forEach(stores.chats()::grant);
    }
    return this;
  }

  /** The configuration from the file written now, with the environment {@code run} reads. */
  Config config() {
    StringBuilder yaml = new StringBuilder();
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    settings.forEach(
        (k, v) -> {
          int dot = k.indexOf('.');
          sections
              .computeIfAbsent(k.substring(0, dot), s -> new LinkedHashMap<>())
              .put(k.substring(dot + 1), v);
        });
    sections.forEach(
        (section, keys) -> {
          yaml.append(section).append(":\n");
          keys.forEach((k, v) -> yaml.append("  ").append(k).append(": ").append(v).append('\n'));
        });
    Path file = dir.resolve("senders-bot.yml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, Fixtures.OWNER);
    if (providerUrl != null) {
      env.put("SMSC_BASE_URL", providerUrl.toString());
    }
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    return new ConfigLoader(env, dir).load(file).validateForRun();
  }

  /**
   * Starts the bot as {@code run} does and waits until it polls Telegram and its watcher has made
   * its first poll of the provider (so later requests in the sandbox's log are the test's).
   */
  ProofBridge.RunningBot runBot() {
    ProofBridge.RunningBot bot = ProofBridge.run(config(), clock);
    try {
      bot.awaitPolling();
      await().atMost(Duration.ofSeconds(10)).until(() -> bot.watcher().lastPoll() != null);
      return bot;
    } catch (RuntimeException | Error e) {
      bot.close();
      throw e;
    }
  }

  @Override
  public void close() {
    telegram.close();
    sandbox.close();
  }
}
