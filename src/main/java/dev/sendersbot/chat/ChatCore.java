package dev.sendersbot.chat;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Decision;
import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.store.SenderComments;
import dev.sendersbot.watch.Subscriptions;
import dev.sendersbot.watch.WatcherStatus;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation: turns what a chat sent into commands and button presses, checks the access
 * policy before any of them runs, records each in the audit log, and answers through a
 * {@link Messenger}. It knows no transport type: Telegram, the console and the tests drive it alike.
 * It never throws to its caller.
 */
public final class ChatCore {
  private static final Logger log = LoggerFactory.getLogger(ChatCore.class);

  /**
   * The action of a button that opens a name's card; its arguments are the name. Other features
   * (the watcher's alerts) create such buttons with {@link ButtonActions#create}.
   */
  public static final String CARD_ACTION = SenderCommand.CARD;

  static final String EXPIRED = "This button has expired.";
  private static final Pattern BARE_CODE = Pattern.compile("[0-9]{4,8}");
  private static final Pattern CODE_ANSWER = Pattern.compile("[0-9][0-9 \\-]{2,14}");
  private static final int MAX_AUDIT_ARGS = 300;

  /**
   * What the core depends on: interfaces only.
   *
   * @param watcher the watcher's status; the supplier may return null when the watcher is off
   * @param botUsername the bot's username, with or without '@', for {@code /cmd@BotName}
   */
  public record Deps(
      SendersGateway gateway,
      AccessPolicy policy,
      ChatRegistry chats,
      AuditLog audit,
      AccessRequests accessRequests,
      PendingCodes pendingCodes,
      ButtonActions buttons,
      SenderComments senderComments,
      Subscriptions subscriptions,
      Supplier<WatcherStatus> watcher,
      Clock clock,
      String botUsername) {
    public Deps {
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(chats, "chats");
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(accessRequests, "accessRequests");
      Objects.requireNonNull(pendingCodes, "pendingCodes");
      Objects.requireNonNull(buttons, "buttons");
      Objects.requireNonNull(senderComments, "senderComments");
      Objects.requireNonNull(subscriptions, "subscriptions");
      watcher = watcher == null ? () -> null : watcher;
      Objects.requireNonNull(clock, "clock");
      botUsername = CommandLine.stripAt(Objects.requireNonNull(botUsername, "botUsername").strip());
    }
  }

  private final Env env;

  public ChatCore(Deps deps) {
    this.env = new Env(Objects.requireNonNull(deps, "deps"), CommandRegistry.standard());
  }

  /** Handles one update; failures are answered or logged, never thrown. */
  public void handle(Incoming in, Messenger out) {
    try {
      env.purgeIfDue();
      if (in instanceof Incoming.Message m) {
        onMessage(m, out);
      } else if (in instanceof Incoming.Callback c) {
        onCallback(c, out);
      }
    } catch (RuntimeException e) {
      log.error("chat {}: update {} failed", in.chat().id(), in.updateId(), e);
      if (in instanceof Incoming.Callback c) {
        quietly(() -> out.answerCallback(c.callbackId(), Errors.SOMETHING_WRONG));
      } else {
        quietly(() -> out.send(in.chat().id(), in.chat().topicId(), Reply.html(Errors.SOMETHING_WRONG)));
      }
    }
  }

  /** A group became a supergroup: its grant (and what other features keep by chat) moves along. */
  public void chatMigrated(long oldId, long newId) {
    env.deps.chats().migrate(oldId, newId);
    log.info("chat {} migrated to {}", oldId, newId);
  }

  /** The commands a chat with this role (null: unknown) may use, for the transport's command menu. */
  public List<CommandInfo> menuFor(Role roleOrNull, boolean owner) {
    return env.registry.commands().stream().filter(s -> s.allows(roleOrNull, owner))
        .map(CommandSpec::info).toList();
  }

  /** Every command, whatever the role. */
  public List<CommandInfo> commands() {
    return env.registry.commands().stream().map(CommandSpec::info).toList();
  }

  // ---- messages

  private void onMessage(Incoming.Message m, Messenger out) {
    if (m.edited()) {
      return; // an edited command is not run a second time
    }
    Optional<CommandLine> parsed = CommandLine.parse(m.text());
    if (parsed.isEmpty()) {
      onPlainText(m, out);
      return;
    }
    CommandLine line = parsed.get();
    if (!line.isFor(env.deps.botUsername())) {
      return; // addressed to another bot in the group
    }
    Optional<CommandSpec> spec = env.registry.find(line.name());
    if (m.file() != null && !"doc".equals(line.name())) {
      return; // a file's caption is only a command for /doc
    }
    if (spec.isEmpty()) {
      onUnknownCommand(m, line, out);
      return;
    }
    run(spec.get(), line, m, out);
  }

  private void onUnknownCommand(Incoming.Message m, CommandLine line, Messenger out) {
    // In a group, a command without @ may be meant for another bot: stay quiet unless named.
    if (m.chat().isGroup() && line.addressee() == null) {
      return;
    }
    Decision d = env.deps.policy().decide(m.chat().id(), m.user().id(), null);
    Context ctx = new Context(env, out, m.chat(), m.user(), d, line, m, 0, null, null);
    if (!ctx.knownChat()) {
      AccessDesk.answerUnknownChat(ctx, line.name());
    } else {
      ctx.reply("I do not know <code>/" + Html.escape(line.name()) + "</code>. /help lists what this chat may do.");
    }
  }

  /** A code typed as an answer to the ForceReply prompt, or bare; otherwise a hint in private. */
  private void onPlainText(Incoming.Message m, Messenger out) {
    String text = m.text().strip();
    if (text.isEmpty() || m.file() != null) {
      return;
    }
    long chatId = m.chat().id();
    Incoming.ReplyTo to = m.replyTo();
    if (to != null && to.fromBot()) {
      List<PendingCode> pending = env.deps.pendingCodes().forChat(chatId, env.now());
      Optional<PendingCode> prompted = pending.stream()
          .filter(p -> p.promptMessageId() != 0 && p.promptMessageId() == to.messageId()).findFirst();
      if (prompted.isPresent() || to.text().contains(SendCodeCommand.PROMPT)) {
        if (!CODE_ANSWER.matcher(text).matches()) {
          out.send(chatId, m.chat().topicId(), Reply.html("Send only the digits of the code, please."));
          return;
        }
        String code = text.replaceAll("[ \\-]", "");
        List<String> args = prompted.map(p -> List.of(p.phone(), code)).orElse(List.of(code));
        runConfirm(args, m, out);
        return;
      }
    }
    if (BARE_CODE.matcher(text).matches()) {
      List<PendingCode> mine = env.deps.pendingCodes().forChat(chatId, env.now()).stream()
          .filter(p -> p.userId() == m.user().id()).toList();
      if (mine.size() == 1) {
        runConfirm(List.of(mine.get(0).phone(), text), m, out);
        return;
      }
    }
    if (!m.chat().isGroup()) {
      out.send(chatId, m.chat().topicId(), Reply.html("I understand commands that start with /. /help lists them."));
    }
  }

  private void runConfirm(List<String> args, Incoming.Message m, Messenger out) {
    run(env.registry.find("confirm").orElseThrow(), new CommandLine("confirm", null, args), m, out);
  }

  /** The policy, then the audit entry, then the command: in this order for every command. */
  private void run(CommandSpec spec, CommandLine line, Incoming.Message m, Messenger out) {
    Decision d = env.deps.policy().decide(m.chat().id(), m.user().id(), spec.least());
    Context ctx = new Context(env, out, m.chat(), m.user(), d, line, m, 0, null, null);
    // Subjects never call the provider, so a denied command gets one too (and never a code).
    String subject = safely(() -> spec.command().subject(ctx));
    long auditId = env.deps.audit().record(new AuditEntry(0, env.now(), m.chat().id(), m.user().id(),
        m.user().username(), spec.name(), auditArgs(spec.command(), line.args()), subject,
        decisionWord(d), null));
    String outcome;
    if (!d.allowed()) {
      outcome = Outcome.refused("access denied");
      deny(ctx, spec);
    } else {
      outcome = execute(ctx, spec, () -> spec.command().run(ctx));
    }
    env.deps.audit().complete(auditId, outcome);
  }

  private static void deny(Context ctx, CommandSpec spec) {
    try {
      if (!ctx.knownChat()) {
        AccessDesk.answerUnknownChat(ctx, spec.name());
      } else {
        ctx.reply("⛔ <code>/" + spec.name() + "</code> needs the <b>" + spec.roleWord()
            + "</b> role; this chat is <b>" + ctx.role().word() + "</b>.");
      }
    } catch (RuntimeException e) {
      log.warn("chat {}: could not answer a denied /{}: {}", ctx.chat.id(), spec.name(), e.toString());
    }
  }

  /** Runs a command or a press; every failure becomes a reply and an audit outcome. */
  private String execute(Context ctx, CommandSpec spec, Supplier<String> body) {
    String what = spec != null ? "/" + spec.name() : "a button";
    try {
      String outcome = body.get();
      return outcome == null ? Outcome.OK : outcome;
    } catch (SmscError e) {
      replyQuietly(ctx, Errors.smsc(e, ctx));
      return Outcome.smsc(e.rawCode());
    } catch (GatewayRefusal e) {
      replyQuietly(ctx, Errors.refusal(e));
      return Outcome.refused(e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    } catch (SmscTransportException e) {
      replyQuietly(ctx, Errors.transport(e));
      return Outcome.failed("provider unreachable (" + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
    } catch (IllegalArgumentException e) {
      replyQuietly(ctx, Errors.badInput(e, spec));
      return Outcome.failed("invalid input");
    } catch (DeliveryException e) {
      log.warn("chat {}: reply to {} not delivered ({}): {}", ctx.chat.id(), what, e.kind(), e.getMessage());
      return Outcome.failed("reply not delivered");
    } catch (RuntimeException e) {
      log.error("chat {}: {} failed", ctx.chat.id(), what, e);
      replyQuietly(ctx, Errors.SOMETHING_WRONG);
      return Outcome.failed(e.getClass().getSimpleName());
    }
  }

  private static void replyQuietly(Context ctx, String html) {
    try {
      if (ctx.pressedMessageId != 0 && ctx.message == null && html.length() < 190) {
        ctx.toast(Html.visibleText(html));
      }
      ctx.reply(html);
    } catch (RuntimeException e) {
      log.warn("chat {}: could not send an error reply: {}", ctx.chat.id(), e.toString());
    }
  }

  // ---- buttons

  private void onCallback(Incoming.Callback c, Messenger out) {
    String token = c.data();
    Optional<ButtonAction> found = token.isEmpty() || token.length() > Button.MAX_DATA_BYTES
        ? Optional.empty() : env.deps.buttons().find(token, env.now());
    Optional<Press.Spec> spec = found.flatMap(a -> env.registry.action(a.action()));
    if (spec.isEmpty() || found.get().chatId() != c.chat().id()) {
      out.answerCallback(c.callbackId(), EXPIRED); // forged, expired, or from another chat
      return;
    }
    ButtonAction action = found.get();
    Press.Spec ps = spec.get();
    List<String> args = Args.split(action.args());
    Decision d = env.deps.policy().decide(c.chat().id(), c.user().id(), ps.least());
    String denial = null;
    if (!d.allowed()) {
      denial = d.reason();
    } else if (ps.ownerOnly() && !d.owner()) {
      denial = "owners only";
    } else if (action.userId() != 0 && action.userId() != c.user().id()) {
      denial = "the button belongs to another user";
    }
    if (denial != null) {
      d = new Decision(false, denial, d.effectiveRole(), d.owner(), d.subClient());
    }
    Context ctx = new Context(env, out, c.chat(), c.user(), d, null, null, c.messageId(), token, args);
    String subject = safely(() -> ps.press().subject(args));
    long auditId = env.deps.audit().record(new AuditEntry(0, env.now(), c.chat().id(), c.user().id(),
        c.user().username(), ps.auditCommand(), "(button " + ps.action() + ")" + (subject == null ? "" : " " + subject),
        subject, decisionWord(d), null));
    String outcome;
    String toast;
    if (!d.allowed()) {
      outcome = Outcome.refused("access denied");
      toast = action.userId() != 0 && action.userId() != c.user().id()
          ? "Only the person who asked can press this button."
          : ctx.knownChat() ? "This needs the " + (ps.ownerOnly() ? "owner" : ps.least().word()) + " role."
          : "This chat has no access to the bot.";
    } else if (ps.oneShot() && env.deps.buttons().take(token, env.now()).isEmpty()) {
      outcome = Outcome.refused("button already used");
      toast = EXPIRED;
    } else {
      outcome = execute(ctx, null, () -> ps.press().run(ctx));
      toast = ctx.toast();
    }
    env.deps.audit().complete(auditId, outcome);
    out.answerCallback(c.callbackId(), toast);
  }

  // ---- helpers

  private static String decisionWord(Decision d) {
    return d.allowed() ? d.reason() : "denied: " + d.reason();
  }

  private static String auditArgs(Command c, List<String> args) {
    String s = c.auditArgs(args);
    return s.length() > MAX_AUDIT_ARGS ? s.substring(0, MAX_AUDIT_ARGS) + "…" : s;
  }

  /** A subject is a courtesy to the audit log: failing to find one must not stop the command. */
  private static String safely(Supplier<String> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("could not tell the chat about a failure: {}", e.toString());
    }
  }
}
