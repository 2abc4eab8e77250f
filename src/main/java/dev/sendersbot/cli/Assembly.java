package dev.sendersbot.cli;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.IpBlocks;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.ops.Metrics;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.PostgresTarget;
import dev.sendersbot.store.PostgresTimeouts;
import dev.sendersbot.store.StoredInstant;
import dev.sendersbot.store.Stores;
import dev.sendersbot.watch.Watcher;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's parts wired by hand, the same for {@code run} and {@code demo}: only the messenger
 * (Telegram or the console) and the bot's username differ.
 */
final class Assembly implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Assembly.class);

  final Config config;
  final Database database;
  final Stores stores;
  final CachingGateway gateway;
  final Watcher watcher;
  final ChatCore core;

  /** Where a chat's /lang is told (the command menus, once the Telegram adapter runs). */
  final LanguageChanges languageChanges;

  private Assembly(
      Config config,
      Database database,
      Stores stores,
      CachingGateway gateway,
      Watcher watcher,
      ChatCore core,
      LanguageChanges languageChanges) {
    this.languageChanges = languageChanges;
    this.config = config;
    this.database = database;
    this.stores = stores;
    this.gateway = gateway;
    this.watcher = watcher;
    this.core = core;
  }

  /**
   * The client's own settings from the application's; an API key wins over a login and password.
   *
   * @throws IllegalArgumentException when no credentials are configured
   */
  static SmscSettings smscSettings(Config.Smsc smsc) {
    if (!smsc.hasCredentials()) {
      throw new IllegalArgumentException(
          "smsc credentials are missing: set smsc.login and smsc.password, or smsc.api-key");
    }
    Credentials credentials =
        smsc.apiKey() != null
            ? Credentials.apiKey(smsc.apiKey().reveal())
            : Credentials.password(smsc.login(), smsc.password().reveal());
    return new SmscSettings(smsc.baseUrl(), credentials, smsc.timeout());
  }

  /**
   * @param messenger where replies and notifications go
   * @param botUsername for {@code /cmd@BotName} in groups
   * @param metrics where counts go ({@link Metrics#noop()} where nobody reads them)
   */
  static Assembly build(
      Config config,
      Clock clock,
      OkHttpClient http,
      Messenger messenger,
      String botUsername,
      Metrics metrics) {
    return build(
        config, clock, http, messenger, () -> botUsername, metrics, openDatabase(config.storage()));
  }

  /**
   * The same on a database already open, which is closed when the assembly cannot be built.
   *
   * @param botUsername asked for once, for the chat core, which is made last: {@code run} passes
   *     {@code getMe}'s answer, still on its way while the rest is made
   */
  static Assembly build(
      Config config,
      Clock clock,
      OkHttpClient http,
      Messenger messenger,
      Supplier<String> botUsername,
      Metrics metrics,
      Database database) {
    LanguageChanges languageChanges = new LanguageChanges();
    try {
      Stores stores = Stores.of(database, clock);
      SendersApi api = SmscClients.http(smscSettings(config.smsc()), http);
      CachingGateway gateway =
          CachingGateway.builder(api, Settings.gateway(config))
              .watchInterval(config.watch().interval())
              .clock(clock)
              .ipBlocks(ipBlocks(database))
              .build();
      Instrumentation.bindGateway(metrics, gateway);
      Set<Long> owners = new HashSet<>(config.telegram().owners());
      // Notifications, quiet hours, daily summaries and mute ends in each chat's language and
      // zone (/lang, /tz), else the configured ui.language and ui.time-zone.
      Watcher watcher =
          Watcher.builder(
                  database,
                  gateway,
                  stores.chats(),
                  stores.buttons(),
                  messenger,
                  owners,
                  config.watch().interval(),
                  clock)
              .events(Instrumentation.watchEvents(metrics))
              .readers(
                  stores.settings(),
                  Lang.parse(config.ui().language()).orElseThrow(),
                  config.ui().timeZone())
              .build();
      metrics.outboxDepth(() -> watcher.status().outboxDepth());
      metrics.oldestUnsentAge(watcher::oldestPendingAge);
      AccessPolicy policy = new AccessPolicy(owners, stores.chats());
      ChatCore core =
          new ChatCore(
              new ChatCore.Deps(
                  gateway,
                  policy,
                  stores.chats(),
                  Instrumentation.countingAudit(stores.audit(), metrics),
                  stores.accessRequests(),
                  stores.pendingCodes(),
                  stores.buttons(),
                  stores.senderComments(),
                  watcher.subscriptions(),
                  watcher::status,
                  clock,
                  botUsername.get(),
                  watcher.alerts(),
                  stores.settings()),
              new ChatCore.Options(
                      config.audit().retention(),
                      Instrumentation.chatEvents(metrics, languageChanges))
                  .readers(
                      Lang.parse(config.ui().language()).orElseThrow(),
                      config.ui().timeZone(),
                      Messages.standard()));
      if (!config.storage().postgres()) {
        // Audit rows past the retention go at start-up. On PostgreSQL this replica may be a
        // standby, which writes nothing to the shared database: the leader does it as its term
        // starts (Replica).
        core.housekeeping();
      }

      return new Assembly(config, database, stores, gateway, watcher, core, languageChanges);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (RuntimeException e) {
      log.warn("stopping the watcher failed", e);
    }
    database.close();
  }

  /** The storage keys' waits and the election's pace (their ranges keep its promises). */
  static PostgresTimeouts postgresTimeouts(Config.Storage storage) {
    return new PostgresTimeouts(
        storage.connectTimeout(), storage.leaderCheckInterval(), storage.leaderTimeout());
  }

  /** SQLite by default; PostgreSQL when {@code storage.url} names it. */
  static Database openDatabase(Config.Storage storage) {
    if (storage.postgres()) {
      String password = storage.password() == null ? null : storage.password().reveal();
      return Database.open(
          new PostgresTarget(storage.url(), storage.user(), password, postgresTimeouts(storage)));
    }
    return Database.open(storage.sqliteFile());
  }

  /** An SMSC IP block kept in the database, so that a restart during one waits it out. */
  private static IpBlocks ipBlocks(Database database) {
    StoredInstant kept = new StoredInstant(database, "smsc_ip_blocked_until");
    return new IpBlocks() {
      @Override
      public Optional<Instant> until() {
        return kept.get();
      }

      @Override
      public void blockedUntil(Instant until) {
        kept.set(until);
      }
    };
  }
}
