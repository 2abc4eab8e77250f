package dev.sendersbot.cli;

import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.store.Stores;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.telegram.TelegramTransport;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Test-only door for {@code dev.sendersbot.proof} into the package-private wiring of {@code run}
 * ({@link RunCommand.Running} and {@link Assembly}), so the proof suites drive exactly what the
 * command line starts. Adds no behaviour.
 */
public final class ProofBridge {
  private ProofBridge() {}

  /** The bot exactly as {@code run} starts it: {@code RunCommand.Running.start(config, clock)}. */
  public static RunningBot run(Config config, Clock clock) {
    return new RunningBot(RunCommand.Running.start(config, clock));
  }

  /** {@code run}'s parts around a messenger of the test's choosing (e.g. without rate limits). */
  public static Parts assemble(
      Config config, Clock clock, OkHttpClient http, Messenger messenger, String botUsername) {
    return new Parts(
        Assembly.build(
            config, clock, http, messenger, botUsername, dev.sendersbot.ops.Metrics.noop()));
  }

  /** The process-wide OkHttp client {@code run} builds. */
  /** The Telegram adapter's settings, as the wiring makes them from the configuration. */
  public static TelegramSettings telegramSettings(Config config) {
    return Settings.telegram(config.telegram());
  }

  public static OkHttpClient httpClient() {
    return ProcessHttp.create();
  }

  /** A running bot; closing it stops everything, as the shutdown hook of {@code run} does. */
  public static final class RunningBot implements AutoCloseable {
    private final RunCommand.Running running;

    private RunningBot(RunCommand.Running running) {
      this.running = running;
    }

    /** Blocks until long polling runs. */
    public void awaitPolling() {
      running.awaitPolling();
    }

    public Stores stores() {
      return running.assembly().stores;
    }

    public SendersGateway gateway() {
      return running.assembly().gateway;
    }

    public TelegramTransport transport() {
      return running.transport();
    }

    /** The watcher's state, as /status shows it. */
    public WatcherStatus watcher() {
      return running.assembly().watcher.status();
    }

    @Override
    public void close() {
      running.close();
    }
  }

  /** The assembly: chat core, stores, gateway and watcher over one SQLite file. */
  public static final class Parts implements AutoCloseable {
    private final Assembly assembly;

    private Parts(Assembly assembly) {
      this.assembly = assembly;
    }

    public ChatCore core() {
      return assembly.core;
    }

    public Stores stores() {
      return assembly.stores;
    }

    public SendersGateway gateway() {
      return assembly.gateway;
    }

    /** The watcher's state, as /status shows it. */
    public WatcherStatus watcher() {
      return assembly.watcher.status();
    }

    /** Starts the status watcher, as {@code run} does. */
    public void startWatcher() {
      assembly.watcher.start();
    }

    @Override
    public void close() {
      assembly.close();
    }
  }
}
