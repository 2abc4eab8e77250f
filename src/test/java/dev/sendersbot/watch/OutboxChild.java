package dev.sendersbot.watch;

import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.time.Sleeper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The bot's sending half as its own process, for {@link OutboxCrashTest} to kill: opens the
 * database and sends its outbox through the real Telegram messenger until nothing is pending, then
 * exits 0.
 *
 * <p>Arguments: the database file, the Bot API URL, the bot token, an owner id, and the instant its
 * clock starts at (the parent's time, so that every row the parent's polls wrote is due); then,
 * optionally, {@code mutes}: also stay while a mute is on, until it ended and its summary went.
 */
final class OutboxChild {
  private OutboxChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    TelegramSettings telegram = new TelegramSettings(args[2], URI.create(args[1]));
    Clock clock = TestClocks.ticking(Instant.parse(args[4]));
    try (Database db = Database.open(file);
        TelegramMessenger messenger =
            new TelegramMessenger(
                telegram,
                new OkHttpClient(),
                clock,
                Sleeper.system(),
                TelegramMessenger.Options.defaults())) {
      WatchStore store = new WatchStore(db);
      Dispatcher dispatcher =
          new Dispatcher(
              store,
              messenger,
              new SqliteChatRegistry(db),
              new SqliteButtonActions(db, clock),
              Set.of(Long.parseLong(args[3])),
              clock,
              Sleeper.system(),
              WatchEvents.NONE);
      Outbox outbox = new Outbox(db);
      System.out.println("sending " + outbox.depth() + " pending row(s)");
      SqliteChatAlerts alerts = new SqliteChatAlerts(db, clock);
      boolean mutes = args.length > 5 && args[5].equals("mutes");
      while (outbox.depth() > 0 || (mutes && alerts.nextMuteEnd().isPresent())) {
        if (dispatcher.drainOnce() == 0) {
          Thread.sleep(50); // only deferred rows are left: wait for them to fall due
        }
      }
      System.out.println("done");
    }
    System.exit(0);
  }
}
