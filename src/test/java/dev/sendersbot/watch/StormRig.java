package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.MovingClockWaits;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.MutableClock;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The bot's process state over real parts on one moved clock: the SMSC sandbox over HTTP, the real
 * client and caching gateway, SQLite, the watcher (polled and drained by the caller, as its threads
 * would) and the chat core, which the chats reach as Telegram would deliver their commands and
 * button presses. A wait for budget moves the clock.
 */
final class StormRig implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  static final long OWNER = 111;

  final MutableClock clock = new MutableClock(T0, ZoneId.of("Europe/Moscow"));
  final SmscSandbox sandbox;
  final Duration interval;
  final Config.Gateway budgets;
  final RecordingMessenger notifications = new RecordingMessenger();
  final ChatScreen screen = new ChatScreen();

  /** When each notification was handed to Telegram, in the order of {@link #notifications}. */
  final List<Instant> notifiedAt = new ArrayList<>();

  private final OkHttpClient http = new OkHttpClient();
  private final SendersApi api;
  private final Database db;
  private final Stores stores;
  private CachingGateway gateway;
  private Watcher watcher;
  private ChatCore core;
  private long nextUpdate = 1;
  private int nextMessage = 1;

  StormRig(Path dir, Config.Gateway budgets, Duration interval) {
    this.budgets = budgets;
    this.interval = interval;
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    api =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), sandbox.password()),
                Duration.ofSeconds(5)),
            http);
    db = Database.open(dir.resolve("bot.db"));
    stores = Stores.of(db, clock);
    startProcess();
  }

  /** The bot's defaults: 2 identical lists a minute, 5 s wait, a 60 s list ttl and interval. */
  static StormRig defaults(Path dir) {
    return new StormRig(
        dir, new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60));
  }

  /** What a start of the process builds: a new gateway (empty cache), watcher and chat core. */
  private void startProcess() {
    gateway =
        MovingClockWaits.on(
                CachingGateway.builder(api, budgets, new Config.Cache(Duration.ofSeconds(60)))
                    .clock(clock),
                clock::advance)
            .watchInterval(interval)
            .build();
    watcher =
        Watcher.create(
            db,
            gateway,
            stores.chats(),
            stores.buttons(),
            notifications,
            Set.of(OWNER),
            interval,
            clock,
            clock::advance);
    core =
        new ChatCore(
            new ChatCore.Deps(
                gateway,
                new AccessPolicy(Set.of(OWNER), stores.chats()),
                stores.chats(),
                stores.audit(),
                stores.accessRequests(),
                stores.pendingCodes(),
                stores.buttons(),
                stores.senderComments(),
                watcher.subscriptions(),
                watcher::status,
                clock,
                "@senders_bot",
                watcher.alerts(),
                chatId -> java.time.ZoneOffset.UTC));
  }

  /** A restart: the same database file and provider, the process's objects new. */
  void restart() {
    watcher.close();
    startProcess();
  }

  WatchStore store() {
    return new WatchStore(db);
  }

  /** Moves the clock to {@code t} unless a wait for budget already took it past. */
  void moveTo(Instant t) {
    if (clock.instant().isBefore(t)) {
      clock.set(t);
    }
  }

  /** Polls one interval apart until the next poll on schedule reads the account's full list. */
  void pollUntilTheNextPollIsFull() {
    while (true) {
      WatchStore.Scope account = store().scopes().get(WatchStore.ACCOUNT);
      Instant fullFrom =
          account
              .lastFullAt()
              .plus(interval.multipliedBy(Poller.FULL_EVERY))
              .minus(interval.dividedBy(2));
      if (!clock.instant().plus(interval).isBefore(fullFrom)) {
        return;
      }
      clock.advance(interval);
      Poller.Result r = poll();
      if (r.outcome() != Poller.Outcome.POLLED) {
        throw new AssertionError("a poll on schedule failed: " + r);
      }
      drain();
    }
  }

  CachingGateway gateway() {
    return gateway;
  }

  /** A group chat granted viewer on the account, subscribed to every name. */
  void viewerGroup(long chatId) {
    stores.chats().grant(new ChatGrant(chatId, Role.VIEWER, null, "team " + chatId, OWNER, T0));
    watcher.subscriptions().subscribe(chatId, null, Set.of());
  }

  /** A member of the group sends a command; returns the bot's last message after it. */
  ChatScreen.Shown say(long chatId, String text) {
    core.handle(
        new Incoming.Message(
            nextUpdate++, group(chatId), member(chatId), nextMessage++, text, null, null, false),
        screen);
    return screen.last();
  }

  /** A member presses a button of the bot's message; returns the toast. */
  String press(ChatScreen.Shown message, String label) {
    core.handle(
        new Incoming.Callback(
            nextUpdate++,
            group(message.chatId()),
            member(message.chatId()),
            "cb" + nextUpdate,
            message.messageId(),
            message.button(label)),
        screen);
    return screen.lastToast();
  }

  private static ChatRef group(long chatId) {
    return new ChatRef(chatId, ChatRef.Type.SUPERGROUP, "team " + chatId, null);
  }

  private static UserRef member(long chatId) {
    return new UserRef(-chatId * 10 + 1, "member" + (-chatId), "Member");
  }

  Poller.Result poll() {
    return watcher.poller().pollOnce();
  }

  /** Sends what the watcher queued, noting when. */
  int drain() {
    int before = notifications.sent().size();
    int n = watcher.dispatcher().drainOnce();
    for (int i = before; i < notifications.sent().size(); i++) {
      notifiedAt.add(clock.instant());
    }
    return n;
  }

  /** The watcher's notifications to this chat, each with when it went out. */
  List<Notified> notified(long chatId) {
    List<RecordingMessenger.Sent> all = notifications.sent();
    List<Notified> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).chatId() == chatId) {
        out.add(new Notified(notifiedAt.get(i), all.get(i).text()));
      }
    }
    return out;
  }

  record Notified(Instant at, String text) {}

  /** Requests the sandbox answered with error 9. */
  List<RecordedRequest> errorNines() {
    return sandbox.requests().stream()
        .filter(r -> r.errorCode() != null && r.errorCode() == 9)
        .toList();
  }

  /** List requests that reached the sandbox. */
  long lists() {
    return sandbox.requests().stream().filter(r -> r.operation().equals("get")).count();
  }

  @Override
  public void close() {
    watcher.close();
    db.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
