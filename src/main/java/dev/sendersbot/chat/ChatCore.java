package dev.sendersbot.chat;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.access.Decision;
import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.ChatAlerts;
import dev.sendersbot.store.ChatSettings;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.store.SenderComments;
import dev.sendersbot.store.StoreException;
import dev.sendersbot.store.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation: turns what a chat sent into commands and button presses, checks the access
 * policy before any of them runs, records each in the audit log, and answers through a {@link
 * Messenger}. It knows no transport type: Telegram, the console and the tests drive it alike. It
 * never throws to its caller.
 *
 * <p>An unknown chat (no grant, and not an owner typing) gets at most one answer per ten minutes;
 * the rest are dropped unanswered ({@link UnknownChatGate}). What it is answered is counted per
 * chat and hour, not recorded one audit entry each.
 */
public final class ChatCore {
  private static final Logger log = LoggerFactory.getLogger(ChatCore.class);

  /**
   * The action of a button that opens a name's card; its arguments are the name. Other features
   * (the watcher's alerts) create such buttons with {@link ButtonActions#create}.
   */
  public static final String CARD_ACTION = SenderCommand.CARD;

  private static final Pattern BARE_CODE = Pattern.compile("[0-9]{4,8}");
  private static final Pattern CODE_ANSWER = Pattern.compile("[0-9][0-9 \\-]{2,14}");

  /**
   * What the core depends on: interfaces only.
   *
   * @param watcher the watcher's status; the supplier may return null when the watcher is off
   * @param botUsername the bot's username, with or without '@', for {@code /cmd@BotName}
   * @param alerts the chats' mutes, quiet hours and daily summaries
   * @param settings each chat's language and time zone, as /lang and /tz chose them
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
      String botUsername,
      ChatAlerts alerts,
      ChatSettings settings) {
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
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(settings, "settings");
    }
  }

  /**
   * How the core keeps its audit log, whom it tells about unknown chats, and what readers get when
   * their chat chose nothing.
   *
   * @param auditRetention audit entries older than this are purged (at start-up, then daily)
   * @param events told what happens to unknown chats' updates, for metrics
   * @param language what the bot writes unasked (an owner's access request) where the chat chose no
   *     language; replies follow their writer
   * @param zone every time shown in a chat without {@code /tz}
   * @param messages the bundles (the pseudo form in the test that finds words built in code)
   */
  public record Options(
      Duration auditRetention, ChatEvents events, Lang language, ZoneId zone, Messages messages) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
    public static final Lang DEFAULT_LANGUAGE = Lang.RU;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    /** With the shipped defaults for readers: Russian, Moscow time. */
    public Options(Duration auditRetention, ChatEvents events) {
      this(auditRetention, events, DEFAULT_LANGUAGE, DEFAULT_ZONE, Messages.standard());
    }

    public Options {
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(messages, "messages");
      Objects.requireNonNull(auditRetention, "auditRetention");
      if (auditRetention.isNegative() || auditRetention.isZero()) {
        throw new IllegalArgumentException("audit retention must be positive: " + auditRetention);
      }
      events = events == null ? ChatEvents.NONE : events;
    }

    public static Options defaults() {
      return new Options(DEFAULT_RETENTION, ChatEvents.NONE);
    }

    /** The same, with another default for readers. */
    public Options readers(Lang lang, ZoneId z, Messages m) {
      return new Options(auditRetention, events, lang, z, m);
    }
  }

  private final Env env;
  private final Presses presses;

  public ChatCore(Deps deps) {
    this(deps, Options.defaults());
  }

  public ChatCore(Deps deps, Options options) {
    this.env =
        new Env(
            Objects.requireNonNull(deps, "deps"),
            CommandRegistry.standard(),
            Objects.requireNonNull(options, "options"));
    this.presses = new Presses(env);
  }

  /**
   * Purges what is due: expired buttons, and audit entries past the retention. The start-up calls
   * it once; after that every update does, and it acts at most hourly and daily.
   */
  public void housekeeping() {
    env.purgeIfDue();
  }

  /** Handles one update; failures are answered or logged, never thrown. */
  public void handle(Incoming in, Messenger out) {
    try {
      env.purgeIfDue();
      if (in instanceof Incoming.Message m) {
        onMessage(m, out);
      } else if (in instanceof Incoming.Callback c) {
        presses.handle(c, out);
      }
    } catch (RuntimeException e) {
      log.error("chat {}: update {} failed", in.chat().id(), in.updateId(), e);
      // Everything here that writes (the audit entry, a one-shot button) writes before a command
      // or press runs, which catches its own failures: a store failure met here did nothing.
      String key = e instanceof StoreException ? "error.storeNothingDone" : "error.somethingWrong";
      quietly(
          () -> {
            String sorry = env.textsFor(in.chat().id(), in.user()).t(key);
            if (in instanceof Incoming.Callback c) {
              out.answerCallback(c.callbackId(), sorry);
            } else {
              out.send(in.chat().id(), in.chat().topicId(), Reply.html(sorry));
            }
          });
    }
  }

  /** A group became a supergroup: its grant (and what other features keep by chat) moves along. */
  public void chatMigrated(long oldId, long newId) {
    env.deps.chats().migrate(oldId, newId);
    log.info("chat {} migrated to {}", oldId, newId);
  }

  /**
   * The commands a chat with this role (null: unknown) may use, for the transport's command menu,
   * in English.
   */
  public List<CommandInfo> menuFor(Role roleOrNull, boolean owner) {
    return menuFor(roleOrNull, owner, Lang.EN);
  }

  /** The same, described in {@code lang}: one menu per language the bot speaks. */
  public List<CommandInfo> menuFor(Role roleOrNull, boolean owner, Lang lang) {
    Texts t = new Texts(env.options().messages(), lang, env.options().zone());
    return env.registry.commands().stream()
        .filter(s -> s.allows(roleOrNull, owner))
        .map(s -> s.info(t))
        .toList();
  }

  /** Every command, whatever the role, described in English. */
  public List<CommandInfo> commands() {
    Texts t = new Texts(env.options().messages(), Lang.EN, env.options().zone());
    return env.registry.commands().stream().map(s -> s.info(t)).toList();
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
      env.unknownChats.refuse(
          m.chat().id(), null, () -> AccessDesk.answerUnknownChat(ctx, line.name()));
    } else {
      ctx.reply(ctx.tr("chat.unknownCommand", line.name()));
    }
  }

  /** A code typed as an answer to the ForceReply prompt, or bare; otherwise a hint in private. */
  private void onPlainText(Incoming.Message m, Messenger out) {
    String text = m.text().strip();
    if (text.isEmpty() || m.file() != null) {
      return;
    }
    long chatId = m.chat().id();
    if (!env.known(chatId, m.user().id())) {
      // No code of a stranger is checked; in private it learns how to talk to the bot, once.
      if (!m.chat().isGroup()) {
        env.unknownChats.refuse(
            chatId, null, () -> out.send(chatId, m.chat().topicId(), Reply.html(hint(m))));
      }
      return;
    }
    Incoming.ReplyTo to = m.replyTo();
    if (to != null && to.fromBot()) {
      List<PendingCode> pending = env.deps.pendingCodes().forChat(chatId, env.now());
      Optional<PendingCode> prompted =
          pending.stream()
              .filter(p -> p.promptMessageId() != 0 && p.promptMessageId() == to.messageId())
              .findFirst();
      if (prompted.isPresent() || isCodePrompt(to.text())) {
        if (!CODE_ANSWER.matcher(text).matches()) {
          out.send(
              chatId,
              m.chat().topicId(),
              Reply.html(env.textsFor(chatId, m.user()).t("chat.digitsOnly")));
          return;
        }
        String code = text.replaceAll("[ \\-]", "");
        List<String> args = prompted.map(p -> List.of(p.phone(), code)).orElse(List.of(code));
        runConfirm(args, m, out);
        return;
      }
    }
    if (BARE_CODE.matcher(text).matches()) {
      List<PendingCode> mine =
          env.deps.pendingCodes().forChat(chatId, env.now()).stream()
              .filter(p -> p.userId() == m.user().id())
              .toList();
      if (mine.size() == 1) {
        runConfirm(List.of(mine.get(0).phone(), text), m, out);
        return;
      }
    }
    if (!m.chat().isGroup()) {
      out.send(chatId, m.chat().topicId(), Reply.html(hint(m)));
    }
  }

  /** Whether a message of the bot's is the code prompt, in whichever language it was written. */
  private boolean isCodePrompt(String text) {
    for (Lang l : Lang.values()) {
      Texts t = new Texts(env.options().messages(), l, env.options().zone());
      if (text.contains(Html.visibleText(t.t(SendCodeCommand.PROMPT)))) {
        return true;
      }
    }
    return false;
  }

  private String hint(Incoming.Message m) {
    return env.textsFor(m.chat().id(), m.user()).t("chat.plainTextHint");
  }

  private void runConfirm(List<String> args, Incoming.Message m, Messenger out) {
    run(env.registry.find("confirm").orElseThrow(), new CommandLine("confirm", null, args), m, out);
  }

  /** The policy, then the audit entry, then the command: in this order for every command. */
  private void run(CommandSpec spec, CommandLine line, Incoming.Message m, Messenger out) {
    Decision d = env.deps.policy().decide(m.chat().id(), m.user().id(), spec.least());
    Context ctx = new Context(env, out, m.chat(), m.user(), d, line, m, 0, null, null);
    if (!ctx.knownChat()) {
      runForUnknownChat(ctx, spec);
      return;
    }
    // Subjects never call the provider, so a denied command gets one too (and never a code).
    long auditId =
        env.deps
            .audit()
            .record(
                AuditEntries.of(
                    ctx,
                    spec.name(),
                    () -> spec.command().auditArgs(ctx),
                    () -> spec.command().subject(ctx)));
    ctx.auditId = auditId;
    String outcome;
    if (!d.allowed()) {
      outcome = Outcome.refused("access denied");
      deny(ctx, spec);
    } else {
      outcome = Execution.run(ctx, spec, () -> spec.command().run(ctx));
    }
    AuditEntries.complete(ctx, outcome);
  }

  /**
   * An unknown chat's command, within its one answer of the window: /start, /help and /id run, any
   * other learns the chat's id. Counted, not audited.
   */
  private void runForUnknownChat(Context ctx, CommandSpec spec) {
    if (!ctx.decision.allowed()) {
      env.unknownChats.refuse(
          ctx.chat.id(), spec.name(), () -> AccessDesk.answerUnknownChat(ctx, spec.name()));
    } else if (env.unknownChats.admit(ctx.chat.id())) {
      String outcome = Execution.run(ctx, spec, () -> spec.command().run(ctx));
      env.unknownChats.answered(spec.name(), AuditEntries.decisionWord(ctx.decision), outcome);
    }
  }

  private static void deny(Context ctx, CommandSpec spec) {
    try {
      ctx.reply(
          ctx.tr(
              "chat.denied",
              "/" + spec.name(),
              spec.roleWord(ctx.t),
              Roles.word(ctx.t, ctx.role())));
    } catch (RuntimeException e) {
      log.warn(
          "chat {}: could not answer a denied /{}: {}", ctx.chat.id(), spec.name(), e.toString());
    }
  }

  // ---- helpers

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("could not tell the chat about a failure: {}", e.toString());
    }
  }
}
