package dev.sendersbot.chat;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Role;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SmscClients;
import dev.sendersbot.smsc.SmscSettings;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.ChatSettings;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.store.SenderComments;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.store.Stores;
import dev.sendersbot.store.Subscriptions;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestDatabase;
import dev.sendersbot.testing.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The chat core wired to the real SQLite stores (a fresh file in its own temporary folder) and to
 * either the hand-written {@link FakeGateway}, for tests that need exact control of the provider's
 * answers, or the real provider stack ({@link #overSandbox()}): {@link CachingGateway} over {@link
 * SmscClients#http} talking HTTP to an {@link SmscSandbox} on 127.0.0.1. Every dependency is built
 * here, in one place. Helpers type messages and press buttons.
 *
 * <p>Declare it with {@code @RegisterExtension} (closed after each test) or close it yourself.
 */
final class TestBot implements AutoCloseable, AfterEachCallback {
  static final long OWNER = 100;
  static final String BOT = "SendersBot";
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  /** The bot's time; over the sandbox, the sandbox reads the same moving time. */
  final FakeClock clock = new FakeClock(START);

  /** The fake provider; null over the sandbox. */
  final FakeGateway gateway;

  /** The sandbox the real stack talks to; null with the fake gateway. */
  final SmscSandbox sandbox;

  /** What the core calls: the fake, or the caching gateway over HTTP. */
  SendersGateway provider;

  final Path dir;
  // Rebuilt by restart(). Typed as the interfaces; the instances are the SQLite repositories.
  Database db;
  ChatRegistry chats;
  AuditLog audit;
  AccessRequests requests;
  PendingCodes pending;
  ButtonActions buttons;
  SenderComments comments;
  Subscriptions subs;
  final RecordingMessenger out = new RecordingMessenger();

  /** What the core told about unknown chats: "answered /cmd" or "dropped", in order. */
  final List<String> unknownChatEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Chats whose language changed, as the core told its events (the menus follow it). */
  final List<Long> languageChanges = new java.util.concurrent.CopyOnWriteArrayList<>();

  volatile WatcherStatus watcher;
  ChatCore core;

  /** The bundles the core reads; {@link #speak} swaps them (the pseudo form). */
  private Messages messages = Messages.standard();

  /** What a reader nobody asked is told in, and the zone times are shown in; {@link #readers}. */
  private Lang readersLanguage = Lang.EN;

  private ZoneId readersZone = ZoneId.of("UTC");

  ChatSettings settings;
  private final OkHttpClient http;
  private int nextMessageId = 1;
  private long nextUpdate = 1;
  private int nextCallback = 1;
  private boolean closed;

  /** Over the fake gateway. */
  TestBot() {
    this(false);
  }

  /** Over the real stack: caching gateway, HTTP client and the sandbox, all on one moving clock. */
  static TestBot overSandbox() {
    return new TestBot(true);
  }

  private TestBot(boolean real) {
    dir = tempDir();
    SmscSandbox box = null;
    OkHttpClient client = null;
    try {
      if (real) {
        // The provider keeps Moscow time; the instant is the same as the bot's.
        box =
            SmscSandbox.start(
                SandboxOptions.defaults().withClock(clock.withZone(ZoneId.of("Europe/Moscow"))));
        client = new OkHttpClient();
      }
    } catch (RuntimeException e) {
      release(null, box, client, dir);
      throw e;
    }
    sandbox = box;
    http = client;
    gateway = real ? null : new FakeGateway(clock);
    try {
      wire();
    } catch (RuntimeException e) {
      release(db, sandbox, http, dir);
      throw e;
    }
  }

  /** The bot's process state over the provider and the database file, as a start builds it. */
  private void wire() {
    if (sandbox != null) {
      SmscSettings smsc =
          new SmscSettings(
              sandbox.baseUrl(),
              Credentials.password(sandbox.login(), sandbox.password()),
              Duration.ofSeconds(10));
      provider =
          CachingGateway.builder(
                  SmscClients.http(smsc, http),
                  TestSettings.gateway(new Config.Gateway(2, 4, 4, Duration.ZERO), FakeGateway.TTL))
              .clock(clock)
              .build();
    } else {
      provider = gateway;
    }
    db = TestDatabase.open(dir.resolve("bot.db"));
    Stores stores = Stores.of(db, clock);
    chats = stores.chats();
    audit = stores.audit();
    requests = stores.accessRequests();
    pending = stores.pendingCodes();
    buttons = stores.buttons();
    comments = stores.senderComments();
    subs = new SqliteSubscriptions(db, clock);
    settings = stores.settings();
    core =
        new ChatCore(
            new ChatCore.Deps(
                provider,
                new AccessPolicy(Set.of(OWNER), chats),
                chats,
                audit,
                requests,
                pending,
                buttons,
                comments,
                subs,
                () -> watcher,
                clock,
                "@" + BOT,
                new dev.sendersbot.store.SqliteChatAlerts(db, clock),
                stores.settings()),
            new ChatCore.Options(
                    ChatCore.Options.DEFAULT_RETENTION,
                    new ChatEvents() {
                      @Override
                      public void unknownChatAnswered(
                          String command, String decision, String outcome) {
                        unknownChatEvents.add("answered " + (command == null ? "" : "/" + command));
                      }

                      @Override
                      public void unknownChatDropped() {
                        unknownChatEvents.add("dropped");
                      }

                      @Override
                      public void chatLanguageChanged(long chatId) {
                        languageChanges.add(chatId);
                      }
                    })
                // The suites here were written in English and UTC (what an owner reads unasked,
                // too); the
                // Russian ones say so themselves.
                .readers(readersLanguage, readersZone, messages));
  }

  /**
   * A restart of the bot: the database file closed and opened again, a new gateway (an empty cache)
   * and a new core. The provider, sandbox or fake, keeps its names as the real one would.
   */
  /** The same bot over other bundles (the pseudo form), its database kept. */
  synchronized void speak(Messages m) {
    messages = m;
    restart();
  }

  /** The same bot with {@code ui.language} and {@code ui.time-zone} set so, its database kept. */
  synchronized void readers(Lang language, ZoneId zone) {
    readersLanguage = language;
    readersZone = zone;
    restart();
  }

  /** A user whose Telegram client is in {@code languageCode}. */
  static UserRef user(long id, String languageCode) {
    return new UserRef(id, "user" + id, "User " + id, languageCode);
  }

  synchronized void restart() {
    db.close();
    db = null;
    wire();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("chat-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      release(db, sandbox, http, dir);
    }
  }

  private static void release(Database db, SmscSandbox sandbox, OkHttpClient http, Path dir) {
    if (db != null) {
      db.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }

  // ---- chats and users

  static UserRef user(long id) {
    return new UserRef(id, "user" + id, "User " + id);
  }

  static ChatRef privateChat(long userId) {
    return ChatRef.privateChat(userId);
  }

  static ChatRef group(long id) {
    return new ChatRef(id, ChatRef.Type.SUPERGROUP, "Team " + id, null);
  }

  /** A group with the role (null: unknown chat), bound to the sub-client (null: none). */
  ChatRef groupWith(long id, Role role, String sub) {
    if (role != null) {
      chats.grant(new ChatGrant(id, role, sub, "Team " + id, OWNER, START));
    }
    return group(id);
  }

  // ---- reading the stores through their interfaces

  /** Every audit entry, oldest first. */
  List<AuditEntry> auditEntries() {
    List<AuditEntry> all = new ArrayList<>(audit.recent(100_000));
    Collections.reverse(all);
    return all;
  }

  AuditEntry lastAudit() {
    List<AuditEntry> r = audit.recent(1);
    if (r.isEmpty()) {
      throw new AssertionError("nothing audited");
    }
    return r.get(0);
  }

  /** Whether the chat is subscribed to the name (null: every name). */
  boolean subscribed(long chatId, String name) {
    return subs.forChat(chatId).stream().anyMatch(s -> Objects.equals(s.name(), name));
  }

  // ---- typing and pressing

  Incoming.Message message(ChatRef chat, UserRef user, String text) {
    return message(chat, user, text, null);
  }

  /** A message with a file (null: none), as a caption carries a command. */
  Incoming.Message message(ChatRef chat, UserRef user, String text, Attachment file) {
    return new Incoming.Message(nextUpdate++, chat, user, nextMessageId++, text, file, null, false);
  }

  /** Types text; returns the message's id. */
  int say(ChatRef chat, UserRef user, String text) {
    Incoming.Message m = message(chat, user, text);
    core.handle(m, out);
    return m.messageId();
  }

  void handle(Incoming in) {
    core.handle(in, out);
  }

  void press(ChatRef chat, UserRef user, Button b, int messageId) {
    core.handle(
        new Incoming.Callback(nextUpdate++, chat, user, "cb" + nextCallback++, messageId, b.data()),
        out);
  }

  void pressData(ChatRef chat, UserRef user, String data, int messageId) {
    core.handle(
        new Incoming.Callback(nextUpdate++, chat, user, "cb" + nextCallback++, messageId, data),
        out);
  }

  /** The button whose text contains {@code label} on a sent message. */
  static Button button(RecordingMessenger.Sent s, String label) {
    return button(s.reply(), label);
  }

  static Button button(Reply r, String label) {
    return r.keyboard().stream()
        .flatMap(List::stream)
        .filter(b -> b.text().contains(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + r.keyboard()));
  }

  static boolean hasButton(Reply r, String label) {
    return r.keyboard().stream().flatMap(List::stream).anyMatch(b -> b.text().contains(label));
  }

  /**
   * Inserts into {@code table} fail from now on, as a full disk makes them, until {@link
   * #diskFreed}.
   */
  void diskFullFor(String table) {
    sql(
        "CREATE TRIGGER full_disk BEFORE INSERT ON "
            + table
            + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  }

  void diskFreed() {
    sql("DROP TRIGGER full_disk");
  }

  private void sql(String statement) {
    db.write(
        c -> {
          try (var st = c.createStatement()) {
            st.execute(statement);
          }
          return null;
        });
  }
}
