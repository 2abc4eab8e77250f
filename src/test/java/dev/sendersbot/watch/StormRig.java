package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.gateway.CachingGateway;
import dev.sendersbot.gateway.MovingClockWaits;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.testing.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bot's process over real parts ({@link SandboxWatchRig}), its notifications recorded and its
 * chats' screens kept by {@link ChatScreen}. A wait for budget moves the clock.
 */
final class StormRig extends SandboxWatchRig {
  final Duration interval;
  final Config.Gateway budgets;
  final RecordingMessenger notifications = new RecordingMessenger();
  final ChatScreen screen = new ChatScreen();

  /** When each notification was handed to Telegram, in the order of {@link #notifications}. */
  final List<Instant> notifiedAt = new ArrayList<>();

  StormRig(Path dir, Config.Gateway budgets, Duration interval) {
    super(dir, "@senders_bot");
    this.budgets = budgets;
    this.interval = interval;
    startProcess();
  }

  /** The bot's defaults: 2 identical lists a minute, 5 s wait, a 60 s list ttl and interval. */
  static StormRig defaults(Path dir) {
    return new StormRig(
        dir, new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), Duration.ofSeconds(60));
  }

  /** What a start of the process builds: a new gateway (empty cache), watcher and chat core. */
  private void startProcess() {
    startProcess(
        TestSettings.gateway(budgets, Duration.ofSeconds(60)),
        b -> MovingClockWaits.on(b, clock::advance).watchInterval(interval),
        notifications,
        interval,
        WatchEvents.NONE);
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
    type(group(chatId, "team " + chatId), member(chatId), text, screen);
    return screen.last();
  }

  /** A member presses a button of the bot's message; returns the toast. */
  String press(ChatScreen.Shown message, String label) {
    press(
        group(message.chatId(), "team " + message.chatId()),
        member(message.chatId()),
        message.messageId(),
        message.button(label),
        screen);
    return screen.lastToast();
  }

  private static UserRef member(long chatId) {
    return new UserRef(-chatId * 10 + 1, "member" + (-chatId), "Member");
  }

  /** Sends what the watcher queued, noting when. */
  @Override
  int drain() {
    int before = notifications.sent().size();
    int n = super.drain();
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
}
