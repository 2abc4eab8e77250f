package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.MutableClock;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.Stores;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The chat core and the watcher of one bot over the same SQLite file, with every part real: the
 * SMSC sandbox over HTTP behind the caching gateway, and the Telegram messenger talking HTTP to a
 * fake Bot API on 127.0.0.1. One test clock drives them all (the messenger's waits move it); the
 * watcher's threads never start, tests poll and drain by hand.
 */
final class ChatWatchRig implements AutoCloseable {
  static final long OWNER = 111;
  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  final MutableClock clock = new MutableClock(T0, ZoneId.of("Europe/Moscow"));
  final SmscSandbox sandbox;
  final FakeBotApi telegram;
  final OkHttpClient http = new OkHttpClient();
  final TelegramMessenger messenger;
  final Database db;
  final Stores stores;
  final Watcher watcher;
  final ChatCore core;

  /**
   * Called after each wait the messenger makes on its own (pacing, a short 429), with its length.
   */
  volatile Consumer<Duration> duringTelegramWait = d -> {};

  /** What the watcher told its metrics listener: {@code sent}, or the failure kind. */
  final List<String> events = new CopyOnWriteArrayList<>();

  private long nextUpdate = 1;
  private int nextMessage = 1;

  ChatWatchRig(Path dir) {
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    telegram = FakeBotApi.start();
    var api =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), sandbox.password()),
                Duration.ofSeconds(5)),
            http);
    var gateway =
        CachingGateway.builder(
                api,
                new Config.Gateway(2, 4, 4, Duration.ZERO),
                new Config.Cache(Duration.ofSeconds(60)))
            .clock(clock)
            .build();
    messenger =
        new TelegramMessenger(
            new Config.Telegram(
                Secret.ofNullable(telegram.token()), telegram.apiUrl(), List.of(OWNER)),
            http,
            clock,
            d -> {
              clock.advance(d);
              duringTelegramWait.accept(d);
            },
            TelegramMessenger.Options.defaults());
    db = Database.open(dir.resolve("bot.db"));
    stores = Stores.of(db, clock);
    watcher =
        Watcher.create(
            db,
            gateway,
            stores.chats(),
            stores.buttons(),
            messenger,
            Set.of(OWNER),
            INTERVAL,
            clock,
            clock::advance,
            new WatchEvents() {
              @Override
              public void notificationSent() {
                events.add("sent");
              }

              @Override
              public void notificationFailed(String kind) {
                events.add(kind);
              }
            });
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
                FakeBotApi.BOT_USERNAME,
                watcher.alerts(),
                chatId -> java.time.ZoneOffset.UTC));
  }

  static ChatRef group(long id) {
    return new ChatRef(id, ChatRef.Type.SUPERGROUP, "Team " + id, null);
  }

  static ChatRef chat(long id) {
    return id > 0 ? ChatRef.privateChat(id) : group(id);
  }

  static UserRef user(long id) {
    return new UserRef(id, "user" + id, "User " + id);
  }

  /** A grant as an earlier /allow left it. */
  void grant(long chatId, Role role, String subClient) {
    stores
        .chats()
        .grant(new ChatGrant(chatId, role, subClient, "Team " + chatId, OWNER, clock.instant()));
  }

  /** A user types {@code text} in the chat; returns the bot's last message to it since. */
  String say(long chatId, long userId, String text) {
    int before = telegram.sentTo(chatId).size();
    core.handle(
        new Incoming.Message(
            nextUpdate++, chat(chatId), user(userId), nextMessage++, text, null, null, false),
        messenger);
    List<FakeBotApi.Sent> to = telegram.sentTo(chatId);
    if (to.size() == before) {
      throw new AssertionError("no answer in chat " + chatId + " to " + text);
    }
    return FakeBotApi.visibleText(to.get(to.size() - 1).text());
  }

  /**
   * A user presses the button of {@code message} whose text contains {@code label}, with the
   * callback data the bot put there; returns the toast.
   */
  String press(long chatId, long userId, FakeBotApi.Sent message, String label) {
    String data = null;
    for (int r = 0; r < message.buttonTexts().size(); r++) {
      for (int c = 0; c < message.buttonTexts().get(r).size(); c++) {
        if (message.buttonTexts().get(r).get(c).contains(label)) {
          data = message.buttonData().get(r).get(c);
        }
      }
    }
    if (data == null) {
      throw new AssertionError("no button '" + label + "' in " + message.buttonTexts());
    }
    long update = nextUpdate++;
    core.handle(
        new Incoming.Callback(
            update, chat(chatId), user(userId), "cb" + update, message.messageId(), data),
        messenger);
    List<FakeBotApi.Call> answers = telegram.calls("answerCallbackQuery");
    return answers.get(answers.size() - 1).text("text");
  }

  Poller.Result poll() {
    return watcher.poller().pollOnce();
  }

  int drain() {
    return watcher.dispatcher().drainOnce();
  }

  /** The outbox rows of the chat as {@code state: error}, oldest first. */
  List<String> outbox(long chatId) {
    return db.read(
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT state, error FROM outbox WHERE chat_id = ? ORDER BY id")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(rs.getString(1) + (rs.getString(2) == null ? "" : ": " + rs.getString(2)));
              }
            }
          }
          return rows;
        });
  }

  /** The audit entries about the chat, oldest first. */
  List<AuditEntry> auditOf(long chatId) {
    List<AuditEntry> all = new ArrayList<>(stores.audit().recent(10_000));
    java.util.Collections.reverse(all);
    return all.stream().filter(e -> e.chatId() == chatId).toList();
  }

  @Override
  public void close() {
    watcher.close();
    db.close();
    messenger.close();
    telegram.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
