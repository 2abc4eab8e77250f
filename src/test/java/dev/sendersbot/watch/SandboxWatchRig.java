package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.CachingGatewayBuilder;
import dev.sendersbot.gateway.GatewaySettings;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.store.ChatSettings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.Stores;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * The bot's process over real parts on one test clock: the SMSC sandbox (keeping Moscow time, as
 * SMSC does) over HTTP, the real client and caching gateway, SQLite, the watcher (polled and
 * drained by the caller, as its threads would) and the chat core, which chats reach as Telegram
 * would deliver their commands. Subclasses choose where messages go and how the gateway is built.
 */
abstract class SandboxWatchRig implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  static final long OWNER = 111;

  final FakeClock clock = new FakeClock(T0, ZoneId.of("Europe/Moscow"));
  final String botUsername;
  final SmscSandbox sandbox;
  final OkHttpClient http = new OkHttpClient();
  final Database db;
  final Stores stores;
  private final SendersApi api;
  CachingGateway gateway;
  Watcher watcher;
  ChatCore core;
  private long nextUpdate = 1;
  private int nextMessage = 1;

  SandboxWatchRig(Path dir, String botUsername) {
    this.botUsername = botUsername;
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    api =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), sandbox.password()),
                Duration.ofSeconds(5)),
            http);
    db = TestDatabase.open(dir.resolve("bot.db"));
    stores = Stores.of(db, clock);
  }

  /**
   * What a start of the process builds on the same database and provider: a new gateway (an empty
   * cache), watcher and chat core.
   *
   * @param gateway finishes the gateway's builder (waits, watch interval)
   */
  final void startProcess(
      GatewaySettings settings,
      UnaryOperator<CachingGatewayBuilder> gateway,
      Messenger messenger,
      Duration interval,
      WatchEvents events) {
    this.gateway = gateway.apply(CachingGateway.builder(api, settings).clock(clock)).build();
    watcher =
        Watcher.builder(
                db,
                this.gateway,
                stores.chats(),
                stores.buttons(),
                messenger,
                Set.of(OWNER),
                interval,
                clock)
            .sleeper(clock::advance)
            .events(events)
            .build();
    core =
        new ChatCore(
            new ChatCore.Deps(
                this.gateway,
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
                botUsername,
                watcher.alerts(),
                ChatSettings.NONE));
  }

  static ChatRef group(long id, String title) {
    return new ChatRef(id, ChatRef.Type.SUPERGROUP, title, null);
  }

  /** A grant as an earlier /allow left it. */
  void grant(long chatId, Role role, String subClient, String title) {
    stores.chats().grant(new ChatGrant(chatId, role, subClient, title, OWNER, clock.instant()));
  }

  /** The core handles a message as Telegram would deliver it; the answer goes to {@code out}. */
  void type(ChatRef chat, UserRef user, String text, Messenger out) {
    core.handle(
        new Incoming.Message(nextUpdate++, chat, user, nextMessage++, text, null, null, false),
        out);
  }

  /** The core handles a button press on the message; the answer goes to {@code out}. */
  void press(ChatRef chat, UserRef user, int messageId, String data, Messenger out) {
    long update = nextUpdate++;
    core.handle(new Incoming.Callback(update, chat, user, "cb" + update, messageId, data), out);
  }

  Poller.Result poll() {
    return watcher.poller().pollOnce();
  }

  int drain() {
    return watcher.dispatcher().drainOnce();
  }

  /** Closes what the subclass sends messages through, before the provider goes. */
  void closeMessenger() {}

  @Override
  public void close() {
    watcher.close();
    db.close();
    closeMessenger();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
