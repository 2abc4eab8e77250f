package dev.sendersbot.chat;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.watch.Subscriptions;
import dev.sendersbot.watch.WatcherStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The chat core wired to in-memory fakes, with helpers to type messages and press buttons. Every
 * dependency is built here, in one place, so the same tests can run over the real stores.
 */
final class TestBot {
  static final long OWNER = 100;
  static final String BOT = "SendersBot";
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final FakeGateway gateway = new FakeGateway(clock);
  // Typed as the interfaces, so the SQLite implementations can be put in here unchanged.
  final ChatRegistry chats = new FakeStores.Chats();
  final AuditLog audit = new FakeStores.Audit();
  final AccessRequests requests = new FakeStores.Requests();
  final PendingCodes pending = new FakeStores.Pending();
  final ButtonActions buttons = new FakeStores.Buttons();
  final Subscriptions subs = new FakeStores.Subs();
  final RecordingMessenger out = new RecordingMessenger();
  volatile WatcherStatus watcher;
  final ChatCore core;
  private int nextMessageId = 1;
  private long nextUpdate = 1;
  private int nextCallback = 1;

  TestBot() {
    core = new ChatCore(new ChatCore.Deps(gateway, new AccessPolicy(Set.of(OWNER), chats), chats, audit,
        requests, pending, buttons, subs, () -> watcher, clock, "@" + BOT));
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
    return new Incoming.Message(nextUpdate++, chat, user, nextMessageId++, text, null, null, false);
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
    core.handle(new Incoming.Callback(nextUpdate++, chat, user, "cb" + nextCallback++, messageId, b.data()), out);
  }

  void pressData(ChatRef chat, UserRef user, String data, int messageId) {
    core.handle(new Incoming.Callback(nextUpdate++, chat, user, "cb" + nextCallback++, messageId, data), out);
  }

  /** The button whose text contains {@code label} on a sent message. */
  static Button button(RecordingMessenger.Sent s, String label) {
    return button(s.reply(), label);
  }

  static Button button(Reply r, String label) {
    return r.keyboard().stream().flatMap(List::stream).filter(b -> b.text().contains(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + r.keyboard()));
  }

  static boolean hasButton(Reply r, String label) {
    return r.keyboard().stream().flatMap(List::stream).anyMatch(b -> b.text().contains(label));
  }
}
