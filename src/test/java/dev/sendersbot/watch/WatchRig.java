package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteButtonActions;
import dev.sendersbot.store.SqliteChatRegistry;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import dev.sendersbot.testing.TestClocks;
import dev.sendersbot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A watcher over a real SQLite file, a fake gateway, a recording messenger and a test clock. The
 * threads are never started: tests call {@link #poll()} and {@link #drain()}.
 */
final class WatchRig implements AutoCloseable {
  /** Polls a minute apart from here cross a day, a month and a year at once. */
  static final Instant T0 = TestClocks.NEW_YEAR_EVE;

  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final long OWNER = 111;
  static final long OWNER_2 = 222;
  static final Set<Long> OWNERS = Set.of(OWNER, OWNER_2);

  final Path file;
  final FakeClock clock = new FakeClock(T0);
  final FakeGateway gateway = new FakeGateway(clock);
  final FakeSleeper sleeper = FakeSleeper.advancing(clock);
  RecordingMessenger messenger = new RecordingMessenger();
  final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  Database db;
  SqliteChatRegistry chats;
  SqliteButtonActions buttons;
  Watcher watcher;

  /** Each chat's language and zone; a change takes effect on {@link #reopen()}. */
  Readers readers = Readers.ENGLISH_UTC;

  WatchRig(Path dir) {
    this.file = dir.resolve("bot.db");
    open();
  }

  private void open() {
    db = TestDatabase.open(file);
    chats = new SqliteChatRegistry(db);
    buttons = new SqliteButtonActions(db, clock);
    watcher =
        Watcher.builder(db, gateway, chats, buttons, messenger, OWNERS, INTERVAL, clock)
            .sleeper(sleeper)
            .events(
                new WatchEvents() {
                  @Override
                  public void pollFinished(Duration took, boolean ok) {
                    events.add(ok ? "poll ok" : "poll failed");
                  }

                  @Override
                  public void notificationSent() {
                    events.add("sent");
                  }

                  @Override
                  public void notificationFailed(String kind) {
                    events.add(kind);
                  }
                })
            .readers(readers)
            .build();
  }

  /** As after a restart: the same file, a new process's objects. */
  void reopen() {
    watcher.close();
    db.close();
    open();
  }

  void grant(long chatId, String subClient) {
    chats.grant(new ChatGrant(chatId, Role.VIEWER, subClient, "chat " + chatId, OWNER, T0));
  }

  void subscribe(long chatId, String... names) {
    watcher.subscriptions().subscribe(chatId, null, Set.of(names));
  }

  Poller.Result poll() {
    return watcher.poller().pollOnce();
  }

  /** Moves the clock one interval on and polls. */
  Poller.Result nextPoll() {
    clock.advance(INTERVAL);
    return poll();
  }

  /** Polls (one interval apart) until the next poll is the periodic full list. */
  void pollsBeforeTheNextFullList() {
    Instant lastFull = new WatchStore(db).scopes().get(WatchStore.ACCOUNT).lastFullAt();
    Instant fullFrom =
        lastFull.plus(INTERVAL.multipliedBy(Poller.FULL_EVERY)).minus(INTERVAL.dividedBy(2));
    while (clock.instant().plus(INTERVAL).isBefore(fullFrom)) {
      if (!nextPoll().fullScopes().isEmpty()) {
        throw new AssertionError("a full list came early, at " + clock.instant());
      }
    }
  }

  int drain() {
    return watcher.dispatcher().drainOnce();
  }

  List<RecordingMessenger.Sent> sentTo(long chatId) {
    return messenger.sentTo(chatId);
  }

  long outbox(String state) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public void close() {
    watcher.close();
    db.close();
  }
}
