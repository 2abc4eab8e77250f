package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.store.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Opens the package-private wiring of {@code run} and {@code demo} to the end-to-end tests in
 * {@code dev.sendersbot.e2e}, so they start the bot exactly as the command line does, and nothing
 * more.
 */
public final class Harness {
  private Harness() {}

  /** Starts the bot as {@code senders-bot run} does; long polling runs once this returns. */
  public static Bot run(Config config, Clock clock) {
    RunCommand.Running running = RunCommand.Running.start(config, clock);
    try {
      running.awaitPolling();
      return new Bot(running);
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /**
   * Runs {@code senders-bot demo} over a console made of {@code in} and {@code out} until the input
   * ends or says {@code /quit}; the database lives in a temporary folder, and the bot and its
   * sandbox keep the time of {@code clock}.
   */
  public static int demo(BufferedReader in, PrintStream out, Clock clock) throws IOException {
    return demo(in, out, clock, Config.defaults().ui().language());
  }

  /** The same with {@code ui.language} set to {@code language} ({@code ru} or {@code en}). */
  public static int demo(BufferedReader in, PrintStream out, Clock clock, String language)
      throws IOException {
    Config c = Config.defaults();
    Config withLanguage = c.withUi(new Config.Ui(language, c.ui().timeZone()));
    return DemoCommand.run(withLanguage, true, in, out, clock);
  }

  /** The running bot. Closing it stops polling, the watcher and the database. */
  public static final class Bot implements AutoCloseable {
    private final RunCommand.Running running;

    private Bot(RunCommand.Running running) {
      this.running = running;
    }

    /** The username getMe gave, for {@code /cmd@username}. */
    public String username() {
      return running.username();
    }

    /** The SQLite repositories the bot uses (to read the audit log, say). */
    public Stores stores() {
      return running.assembly().stores;
    }

    public WatcherStatus watcher() {
      return running.assembly().watcher.status();
    }

    /** Where {@code /healthz} and {@code /metrics} are served ({@code host:port}). */
    public String opsAddress() {
      return running.opsAddress();
    }

    /** Where the webhook listens ({@code host:port}), in webhook mode. */
    public java.net.InetSocketAddress webhookAddress() {
      return running.transport().webhookAddress();
    }

    /** Telegram updates received and not yet handled to the end (running, queued or parked). */
    public int updatesInFlight() {
      return running.transport().updatesInFlight();
    }

    @Override
    public void close() {
      running.close();
    }
  }
}
