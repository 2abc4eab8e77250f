package dev.sendersbot.chat;

import dev.sendersbot.access.Decision;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One command or button press being handled: who, where, with which decision, and how to answer.
 * Replies go to the topic the command came from.
 */
final class Context {
  final Env env;
  final Messenger out;
  final ChatRef chat;
  final UserRef user;
  final Decision decision;

  /** The parsed command; for a button press, its action's arguments are in {@link #pressArgs}. */
  final CommandLine line;

  /** The message that carried the command; null for a button press. */
  final Incoming.Message message;

  /** The pressed button's message; 0 for a command. */
  final int pressedMessageId;

  /** The pressed button's token; null for a command. */
  final String pressedToken;

  final List<String> pressArgs;

  /** The reader's words and times. */
  final Texts t;

  private String toast;

  /** The id of this command's or press's own audit entry once recorded; 0 before. */
  long auditId;

  Context(
      Env env,
      Messenger out,
      ChatRef chat,
      UserRef user,
      Decision decision,
      CommandLine line,
      Incoming.Message message,
      int pressedMessageId,
      String pressedToken,
      List<String> pressArgs) {
    this.env = env;
    this.out = out;
    this.chat = chat;
    this.user = user;
    this.decision = decision;
    this.line = line;
    this.message = message;
    this.pressedMessageId = pressedMessageId;
    this.pressedToken = pressedToken;
    this.pressArgs = pressArgs == null ? List.of() : List.copyOf(pressArgs);
    this.t = env.textsFor(chat.id(), user);
  }

  /** The same command after the chat's settings changed: its texts read again. */
  Context reread() {
    Context c =
        new Context(
            env,
            out,
            chat,
            user,
            decision,
            line,
            message,
            pressedMessageId,
            pressedToken,
            pressArgs);
    c.auditId = auditId;
    return c;
  }

  /** The text of {@code key} in the reader's language. */
  String tr(String key, Object... args) {
    return t.t(key, args);
  }

  ChatCore.Deps deps() {
    return env.deps;
  }

  Instant now() {
    return env.now();
  }

  /** The sub-client every provider call of this chat must pass as {@code user}; null for none. */
  String sub() {
    return decision.subClient();
  }

  boolean owner() {
    return decision.owner();
  }

  /** The role the chat acts with; null for an unknown chat. Owners act as admins and more. */
  Role role() {
    return decision.effectiveRole();
  }

  boolean knownChat() {
    return owner() || role() != null;
  }

  List<String> args() {
    return line == null ? List.of() : line.args();
  }

  String arg(int i) {
    return i < args().size() ? args().get(i) : null;
  }

  /** Sends HTML, split under Telegram's limit; returns the last message's id. */
  int reply(String html) {
    return reply(Reply.html(html));
  }

  /**
   * Sends a reply; a text over the limit goes as several messages, the buttons, the ForceReply and
   * the message it answers on the last one.
   */
  int reply(Reply r) {
    List<String> chunks = Html.split(r.html(), Reply.MAX_TEXT);
    int id = 0;
    long to = chat.id();
    Integer topic = chat.topicId();
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      Reply part =
          new Reply(
              chunks.get(i),
              last ? r.keyboard() : List.of(),
              last && r.forceReply(),
              r.silent(),
              last ? r.replyTo() : 0);
      try {
        id = out.send(to, topic, part);
      } catch (DeliveryException e) {
        Long moved = e.migratedTo();
        if (e.kind() != DeliveryException.Kind.MIGRATED || moved == null || moved == to) {
          throw e;
        }
        // The group became a supergroup after it sent this: answer where it is now (a basic
        // group has no topics).
        to = moved;
        topic = null;
        id = out.send(to, topic, part);
      }
    }
    return id;
  }

  /** Replaces an earlier message of the bot's (it must fit in one message). */
  void edit(int messageId, Reply r) {
    out.edit(chat.id(), messageId, r);
  }

  /** A short toast for a button press; ignored for commands. */
  void toast(String text) {
    this.toast = text;
  }

  String toast() {
    return toast;
  }

  /** Creates a button whose press runs {@code action} with {@code args} in this chat. */
  Button button(String text, long onlyUser, String action, Duration ttl, String... args) {
    return new Button(text, env.token(chat.id(), onlyUser, action, Args.join(args), ttl));
  }
}
