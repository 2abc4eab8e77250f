package dev.sendersbot.watch;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.TelegramMessenger;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.testing.TestSettings;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The chat core and the watcher of one bot over the same SQLite file ({@link SandboxWatchRig}),
 * with the Telegram messenger talking HTTP to a fake Bot API on 127.0.0.1. One test clock drives
 * them all (the messenger's waits move it); the watcher's threads never start, tests poll and drain
 * by hand.
 */
final class ChatWatchRig extends SandboxWatchRig {
  static final Duration INTERVAL = Duration.ofSeconds(60);

  final FakeBotApi telegram;
  final TelegramMessenger messenger;

  /**
   * Called after each wait the messenger makes on its own (pacing, a short 429), with its length.
   */
  volatile Consumer<Duration> duringTelegramWait = d -> {};

  /** What the watcher told its metrics listener: {@code sent}, or the failure kind. */
  final List<String> events = new CopyOnWriteArrayList<>();

  ChatWatchRig(Path dir) {
    super(dir, FakeBotApi.BOT_USERNAME);
    telegram = FakeBotApi.start();
    messenger =
        new TelegramMessenger(
            new TelegramSettings(telegram.token(), telegram.apiUrl()),
            http,
            clock,
            d -> {
              clock.advance(d);
              duringTelegramWait.accept(d);
            },
            TelegramMessenger.Options.defaults());
    startProcess(
        TestSettings.gateway(new Config.Gateway(2, 4, 4, Duration.ZERO), Duration.ofSeconds(60)),
        UnaryOperator.identity(),
        messenger,
        INTERVAL,
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
  }

  static ChatRef group(long id) {
    return group(id, "Team " + id);
  }

  static ChatRef chat(long id) {
    return id > 0 ? ChatRef.privateChat(id) : group(id);
  }

  static UserRef user(long id) {
    return new UserRef(id, "user" + id, "User " + id);
  }

  /** A grant as an earlier /allow left it. */
  void grant(long chatId, Role role, String subClient) {
    grant(chatId, role, subClient, "Team " + chatId);
  }

  /** A user types {@code text} in the chat; returns the bot's last message to it since. */
  String say(long chatId, long userId, String text) {
    int before = telegram.sentTo(chatId).size();
    type(chat(chatId), user(userId), text, messenger);
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
    press(chat(chatId), user(userId), message.messageId(), data, messenger);
    List<FakeBotApi.Call> answers = telegram.calls("answerCallbackQuery");
    return answers.get(answers.size() - 1).text("text");
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
  void closeMessenger() {
    messenger.close();
    telegram.close();
  }
}
