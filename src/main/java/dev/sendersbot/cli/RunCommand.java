package dev.sendersbot.cli;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigPrinter;
import dev.sendersbot.config.PlainHttp;
import dev.sendersbot.ops.HealthCheck;
import dev.sendersbot.ops.HealthChecks;
import dev.sendersbot.ops.LogSetup;
import dev.sendersbot.ops.Metrics;
import dev.sendersbot.ops.OpsServer;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.LeaderElection;
import dev.sendersbot.telegram.Fairness;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramTransport;
import dev.sendersbot.telegram.UpdateSink;
import dev.sendersbot.time.SystemTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code run}: the bot itself — Telegram long polling, the status watcher, the outbox. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the bot: Telegram long polling, the status watcher, the notification outbox.")
final class RunCommand implements Callable<Integer> {
  // Set up by the first lookup, so not a static field of this class: run() starts the HTTP client's
  // TLS set-up on a thread of its own first, and logging is set up beside it.
  private static final class Log {
    static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  }

  @ParentCommand SendersBotCommand parent;
  @Mixin ConfigFileOption config;

  @Override
  public Integer call() throws InterruptedException {
    return run(parent.context(), config.file);
  }

  /**
   * The bot on the configuration {@code file} (null: the usual search), until SIGTERM; what {@code
   * run} does whether picocli parsed its command line or not.
   */
  static int run(CliContext context, Path file) throws InterruptedException {
    // Building the HTTP client is mostly TLS set-up (the JDK's trust store), which needs nothing
    // from the configuration: it runs while the configuration is read and the log set up.
    Prepared<OkHttpClient> http = Prepared.start("senders-bot-http-setup", ProcessHttp::create);
    Logger log = Log.log;
    Config cfg;
    try {
      cfg = context.loadConfig(file).validateForRun();
    } catch (RuntimeException e) {
      http.discard(ProcessHttp::close);
      throw e;
    }
    LogSetup.configure(cfg);
    log.info("starting senders-bot {}: {}", Version.current(), ConfigPrinter.oneLine(cfg));
    PlainHttp.warnings(cfg).forEach(w -> log.warn("{}", w));
    CountDownLatch stopped = new CountDownLatch(1);
    try (Running bot = Running.start(cfg, SystemTime.clock(), http)) {
      Thread hook =
          new Thread(
              () -> {
                log.info("stopping");
                bot.close();
                stopped.countDown();
              },
              "senders-bot-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      bot.awaitPolling();
      log.info(
          "senders-bot is running as @{}{}",
          bot.username(),
          bot.opsAddress() == null ? "" : "; health and metrics on http://" + bot.opsAddress());
      stopped.await();
    }
    return ExitCodes.OK;
  }

  /** The running bot: the assembly plus the Telegram side. Closing it stops everything. */
  static final class Running implements AutoCloseable {
    private final OkHttpClient http;
    private final TelegramMessenger messenger;
    private final Assembly assembly;
    private final Replica replica;
    private final LeaderElection election;
    private final String username;
    private final Metrics metrics;
    private final OpsServer ops;
    private final ChatMenus menus;
    private volatile boolean closed;

    private Running(
        OkHttpClient http,
        TelegramMessenger messenger,
        Assembly assembly,
        Replica replica,
        LeaderElection election,
        String username,
        Metrics metrics,
        OpsServer ops,
        ChatMenus menus) {
      this.http = http;
      this.menus = menus;
      this.messenger = messenger;
      this.assembly = assembly;
      this.replica = replica;
      this.election = election;
      this.username = username;
      this.metrics = metrics;
      this.ops = ops;
    }

    static Running start(Config cfg, Clock clock) {
      return start(cfg, clock, Prepared.start("senders-bot-http-setup", ProcessHttp::create));
    }

    /**
     * Starts the bot with the HTTP client being built meanwhile. The database opens (SQLite's
     * native library, the schema check) and the metrics registry (with its JVM binders) is made
     * beside the HTTP client and {@code getMe}; a rejected token still fails the start first, and a
     * database that cannot open fails it next, as before.
     */
    static Running start(Config cfg, Clock clock, Prepared<OkHttpClient> pendingHttp) {
      Prepared<Database> pendingDatabase =
          Prepared.start("senders-bot-database-open", () -> Assembly.openDatabase(cfg.storage()));
      Prepared<Metrics> pendingMetrics = Prepared.start("senders-bot-metrics", Metrics::prometheus);
      OkHttpClient http;
      try {
        http = pendingHttp.get();
      } catch (RuntimeException e) {
        pendingDatabase.discard(Database::close);
        pendingMetrics.discard(Metrics::close);
        throw e;
      }
      TelegramMessenger messenger = new TelegramMessenger(Settings.telegram(cfg.telegram()), http);
      // getMe on a thread of its own while the assembly is made: only the chat core, made last,
      // needs the bot's username.
      Prepared<String> pendingUsername =
          Prepared.start("senders-bot-get-me", () -> messenger.me().username());
      Metrics metrics;
      try {
        metrics = pendingMetrics.get();
      } catch (RuntimeException e) {
        pendingDatabase.discard(Database::close);
        pendingUsername.discard(u -> {});
        messenger.close();
        ProcessHttp.close(http);
        throw pendingUsername.failureBefore(e);
      }
      String username = null;
      Database database = null;
      Assembly assembly = null;
      Replica replica = null;
      LeaderElection election = null;
      ChatMenus menus = null;
      try {
        database = pendingDatabase.get();
        // From here Assembly.build closes the database if it fails.
        assembly =
            Assembly.build(cfg, clock, http, messenger, pendingUsername::get, metrics, database);
        username = pendingUsername.get();
        Assembly a = assembly;
        // The transport runs each chat's updates in order and different chats side by side, and
        // confirms an update to Telegram only once it and every earlier one has finished.
        UpdateSink sink =
            new UpdateSink() {
              @Override
              public void handle(Incoming in) {
                try {
                  a.core.handle(in, messenger);
                } finally {
                  metrics.updateHandled();
                }
              }

              @Override
              public void handle(Incoming in, long arrivedNanos) {
                try {
                  a.core.handle(in, new TimedReplies(messenger, metrics, arrivedNanos));
                } finally {
                  metrics.updateHandled();
                }
              }

              @Override
              public void chatMigrated(long oldChatId, long newChatId) {
                a.core.chatMigrated(oldChatId, newChatId);
              }
            };
        ChatMenus m = new ChatMenus(assembly, messenger);
        menus = m;
        // One transport per term as leader. The health check compares the last poll with this
        // clock: both read the same time. Once a term's transport runs, the leader (and only it)
        // purges what is due and publishes the command menus.
        Replica r =
            new Replica(
                () ->
                    new TelegramTransport(
                        Settings.telegram(cfg.telegram()),
                        Settings.webhook(cfg.telegram().webhook()),
                        a.stores.botState(),
                        sink,
                        http,
                        TelegramTransport.Options.defaults()
                            .withClock(clock)
                            .withFairness(fairness(cfg, a, messenger))),
                assembly.watcher,
                clock,
                () -> {
                  a.core.housekeeping();
                  m.publishAllLater();
                });
        replica = r;
        metrics.telegramBacklog(
            () -> r.fromTransport(TelegramTransport::updatesParked),
            () -> r.fromTransport(TelegramTransport::updatesDropped),
            () -> r.fromTransport(TelegramTransport::backlog));
        OpsServer ops = OpsServer.start(cfg.http(), metrics, healthChecks(a, r, clock));
        assembly.languageChanges.to(m);
        // Only the leader polls Telegram, watches and sends: on SQLite this process, at once.
        election = LeaderElection.start(assembly.database, r);
        r.join(election);
        return new Running(http, messenger, assembly, r, election, username, metrics, ops, menus);
      } catch (IOException e) {
        if (menus != null) {
          menus.close();
        }
        if (database == null) {
          pendingDatabase.discard(Database::close);
        }
        closeQuietly(replica, election, assembly, messenger, http, metrics);
        throw new UncheckedIOException(e.getMessage(), e);
      } catch (RuntimeException e) {
        if (menus != null) {
          menus.close();
        }
        if (database == null) {
          pendingDatabase.discard(Database::close);
        }
        // A rejected token is said first, as when getMe ran before the rest.
        RuntimeException first = username == null ? pendingUsername.failureBefore(e) : e;
        closeQuietly(replica, election, assembly, messenger, http, metrics);
        throw first;
      }
    }

    /**
     * The messenger's pacing, and who is known: an owner's private chat (its id is the owner's user
     * id) or a chat with a grant. Anyone else's backlog is kept short.
     */
    private static Fairness fairness(Config cfg, Assembly a, TelegramMessenger messenger) {
      Set<Long> owners = Set.copyOf(cfg.telegram().owners());
      return Fairness.defaults()
          .with(
              messenger.pacing(),
              chat -> owners.contains(chat) || a.stores.chats().find(chat).isPresent());
    }

    private static void closeQuietly(
        Replica replica,
        LeaderElection election,
        Assembly assembly,
        TelegramMessenger messenger,
        OkHttpClient http,
        Metrics metrics) {
      if (replica != null) {
        replica.close();
      }
      if (election != null) {
        election.close();
      }
      if (assembly != null) {
        assembly.close();
      }
      messenger.close();
      ProcessHttp.close(http);
      metrics.close();
    }

    /**
     * What {@code /healthz} checks: this replica's role (leader or standby: both healthy), Telegram
     * on the leader (polling alive, or the webhook serving), the provider's latest call, and a tiny
     * write to the database.
     */
    private static List<HealthCheck> healthChecks(Assembly a, Replica replica, Clock clock) {
      return List.of(
          replica.roleCheck(),
          replica.telegramCheck(),
          HealthChecks.lastCallSucceeded(
              "provider",
              () -> {
                var st = a.gateway.status();
                return new HealthChecks.Calls(st.lastSuccess(), st.lastErrorAt(), st.lastError());
              },
              clock),
          HealthChecks.of(
              "database",
              // A standby writes nothing to the shared database: it only reads.
              () ->
                  !replica.leading()
                      ? a.database.read(
                          c -> {
                            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                              ps.executeQuery().close();
                            }
                            return "readable (standby)";
                          })
                      : a.database.write(
                          c -> {
                            try (PreparedStatement ps =
                                c.prepareStatement(
                                    "INSERT INTO bot_state (name, value) VALUES ('health_probe', ?)"
                                        + " ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
                              ps.setLong(1, clock.millis());
                              ps.executeUpdate();
                            }
                            return "writable";
                          })));
    }

    /** Where health and metrics are served; null when turned off. */
    String opsAddress() {
      return ops.address().map(a -> a.getHostString() + ":" + a.getPort()).orElse(null);
    }

    Metrics metrics() {
      return metrics;
    }

    /**
     * Blocks until long polling runs, or the webhook listens and is set (retrying while the Bot API
     * cannot be reached), when this process leads from the start (SQLite). With PostgreSQL it
     * returns at once: this replica may be a standby, which polls nothing until elected. The leader
     * publishes the command menus in the background once its term's transport runs: a round trip
     * per chat and language, nothing the first getUpdates needs. Then binds the JVM's metrics
     * ({@link Metrics#bindJvmMetrics()}), which the start does not need either.
     */
    void awaitPolling() {
      if (!election.replicated()) {
        replica.awaitFirstTerm();
      }
      metrics.bindJvmMetrics();
    }

    String username() {
      return username;
    }

    Assembly assembly() {
      return assembly;
    }

    /** This term's transport; null on a standby. */
    TelegramTransport transport() {
      return replica.transport();
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      ops.close();
      menus.close();
      // The leader's work stops before the lock goes, so no two replicas ever serve at once.
      replica.close();
      election.close();
      assembly.close();
      messenger.close();
      ProcessHttp.close(http);
      metrics.close();
    }
  }
}
