package dev.sendersbot.e2e;

import static org.awaitility.Awaitility.await;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.cli.Harness;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole bot as {@code senders-bot run} starts it — a real SQLite file, the SMSC sandbox over
 * HTTP, and the Telegram adapter long-polling a fake Bot API on 127.0.0.1 — with helpers that act
 * as Telegram users and wait for what the bot does. Waiting is for the bot's threads, never for
 * time to pass: every wait ends as soon as its condition holds.
 */
final class Rig implements AutoCloseable {
  static final long OWNER = 4242;
  static final Duration WAIT = Duration.ofSeconds(20);

  final Path dir;

  /** The time of the bot and of the provider: starts where the test said and runs on. */
  final TestClocks.Ticking clock;

  final SmscSandbox sandbox;
  final FakeBotApi telegram;
  final Config config;
  private Harness.Bot bot;

  /**
   * A rig whose time starts at {@link TestClocks#suiteStart()}, by default just before a new year.
   */
  Rig(Path dir) {
    this(dir, TestClocks.suiteStart());
  }

  /** The suites here were written in English and UTC: their configuration says so. */
  static final String ENGLISH_UTC = "ui:\n  language: en\n  time-zone: UTC\n";

  /**
   * A rig whose time starts at {@code start} and moves on in real time. Its configuration sets
   * ui.language en and ui.time-zone UTC: the suites here were written in English and UTC.
   */
  Rig(Path dir, Instant start) {
    this(dir, start, ENGLISH_UTC);
  }

  /**
   * The same, with a configuration file of the test's own ({@code yaml}: top-level keys but http);
   * "" is the bot as it ships (Russian, Moscow time): the languages suite.
   */
  Rig(Path dir, Instant start, String yaml) {
    this.dir = dir;
    this.clock = TestClocks.ticking(start);
    // The provider keeps Moscow time, as SMSC does; the instant is the bot's.
    this.sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults().withClock(clock.withZone(ZoneId.of("Europe/Moscow"))));
    this.telegram = FakeBotApi.start(clock);
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, OWNER);
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    java.nio.file.Path file = dir.resolve("senders-bot.yml");
    try {
      // An ephemeral port for health and metrics, so bots of parallel or successive tests never
      // fight over 8081.
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(file, "http:\n  port: 0\n" + yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.config = new ConfigLoader(env, dir).load(file).validateForRun();
  }

  /** Starts the bot; returns once it polls and its watcher made its first (baseline) poll. */
  Rig start() {
    bot = Harness.run(config, clock);
    await().atMost(WAIT).until(() -> bot.watcher().lastPoll() != null);
    return this;
  }

  /** Stops the bot and starts it again on the same database. */
  void restart() {
    bot.close();
    start();
  }

  Harness.Bot bot() {
    return bot;
  }

  /** Grants a chat a role straight in the bot's database, as an earlier /allow would have. */
  void grant(long chatId, Role role) {
    bot.stores()
        .chats()
        .grant(new ChatGrant(chatId, role, null, "Team " + chatId, OWNER, clock.instant()));
  }

  @Override
  public void close() {
    try {
      if (bot != null) {
        bot.close();
      }
    } finally {
      telegram.close();
      sandbox.close();
    }
  }

  // ---- acting as Telegram users

  /** A user types {@code text} in a chat; returns the bot's next message to that chat. */
  FakeBotApi.Sent say(long chatId, long userId, String text) {
    return say(chatId, FakeBotApi.Msg.text(chatId, userId, text));
  }

  /** What the bot answered while time stood still, and the instant it stood at. */
  record Heard(Instant now, FakeBotApi.Sent sent) {
    String text() {
      return visible(sent);
    }
  }

  /**
   * Like {@link #say(long, long, String)}, with the clock held still until the bot has answered, so
   * a test computes exactly what the reply says about "now", whatever the instant.
   */
  Heard sayWithTimeStill(long chatId, long userId, String text) {
    Instant now = clock.pause();
    try {
      return new Heard(now, say(chatId, userId, text));
    } finally {
      clock.resume();
    }
  }

  /** Enqueues the message; returns the bot's next message to the chat. */
  FakeBotApi.Sent say(long chatId, FakeBotApi.Msg message) {
    int before = telegram.sentTo(chatId).size();
    telegram.enqueue(message);
    FakeBotApi.Sent reply = awaitMessages(chatId, before + 1).get(before);
    awaitIdle();
    return reply;
  }

  /**
   * Waits until every update the bot received is handled to the end: a reply leaves before its
   * handler returns (and records the audit outcome, say), on a worker of its own chat.
   */
  void awaitIdle() {
    await().atMost(WAIT).until(() -> bot.updatesInFlight() == 0);
  }

  /** Waits until the bot sent at least {@code count} messages to the chat; returns them all. */
  List<FakeBotApi.Sent> awaitMessages(long chatId, int count) {
    await().atMost(WAIT).until(() -> telegram.sentTo(chatId).size() >= count);
    return telegram.sentTo(chatId);
  }

  /** Waits until the update was handled: the bot then asks for the updates after it. */
  void awaitHandled(long updateId) {
    await().atMost(WAIT).until(() -> telegram.highestOffset() > updateId);
  }

  /**
   * Presses the button of {@code message} whose text contains {@code label}, with the callback data
   * the bot put in its reply_markup; waits until the press is answered.
   *
   * @return the toast shown, null for none
   */
  String press(long chatId, long userId, FakeBotApi.Sent message, String label) {
    long update =
        telegram.enqueueCallback(chatId, userId, message.messageId(), data(message, label));
    return awaitAnswer(update);
  }

  /**
   * Waits for the answerCallbackQuery of the press enqueued as {@code update}; returns its text.
   */
  String awaitAnswer(long update) {
    String id = FakeBotApi.callbackId(update);
    AtomicReference<FakeBotApi.Call> answer = new AtomicReference<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Optional<FakeBotApi.Call> c =
                  telegram.calls("answerCallbackQuery").stream()
                      .filter(x -> id.equals(x.text("callback_query_id")))
                      .findFirst();
              c.ifPresent(answer::set);
              return c.isPresent();
            });
    awaitIdle();
    return answer.get().text("text");
  }

  /** The callback data of the button whose text contains {@code label}. */
  static String data(FakeBotApi.Sent message, String label) {
    List<List<String>> texts = message.buttonTexts();
    List<List<String>> data = message.buttonData();
    for (int r = 0; r < texts.size(); r++) {
      for (int c = 0; c < texts.get(r).size(); c++) {
        if (texts.get(r).get(c).contains(label)) {
          return data.get(r).get(c);
        }
      }
    }
    throw new AssertionError("no button '" + label + "' in " + texts);
  }

  /** What a person sees of a message: the text without its HTML. */
  static String visible(FakeBotApi.Sent s) {
    return FakeBotApi.visibleText(s.text());
  }

  // ---- what the provider saw

  /** The sandbox's requests of one operation ({@code get}, {@code add}, {@code chg}, …). */
  List<RecordedRequest> requests(String operation) {
    return sandbox.requests().stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** Every operation the sandbox received except lists (which the watcher makes on its own). */
  List<String> changes() {
    return sandbox.requests().stream()
        .map(RecordedRequest::operation)
        .filter(op -> !op.equals("get"))
        .toList();
  }
}
