package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an unknown chat is told, the access requests owners get, and their buttons. */
final class AccessDesk {
  private static final Logger log = LoggerFactory.getLogger(AccessDesk.class);
  static final String GRANT = "grant";
  static final String IGNORE = "ignore";
  static final Duration REQUEST_TTL = Duration.ofDays(7);

  private AccessDesk() {}

  /** The one short answer an unknown chat gets: its id and how to ask. Never a sender name. */
  static String unknownChatText(Texts t, long chatId, boolean ownersAsked) {
    String id = Long.toString(chatId);
    return t.t("access.unknownChat", id) + (ownersAsked ? "\n" + t.t("access.ownersAsked") : "");
  }

  /**
   * Answers an unknown chat and, at most once an hour per chat and {@value
   * UnknownChatGate#OWNER_REQUESTS_PER_HOUR} times an hour in all, asks every owner.
   */
  static void answerUnknownChat(Context ctx, String command) {
    boolean asked = requestAccess(ctx, command);
    ctx.reply(unknownChatText(ctx.t, ctx.chat.id(), asked));
  }

  /**
   * @return whether the owners were asked now
   */
  static boolean requestAccess(Context ctx, String command) {
    Instant now = ctx.now();
    // The hourly cap comes first: beyond it a stranger costs no write at all.
    if (!ctx.env.unknownChats.takeOwnerRequest()) {
      return false;
    }
    if (!ctx.deps().accessRequests().shouldNotify(ctx.chat.id(), now)) {
      ctx.env.unknownChats.returnOwnerRequest();
      return false;
    }
    ChatRef chat = ctx.chat;
    String title = chat.title() == null ? "" : chat.title();
    String shortTitle = title.length() > 64 ? title.substring(0, 64) : title;
    for (long owner : ctx.deps().policy().owners()) {
      try {
        // An owner's private chat with the bot has the owner's user id; nobody there asked for
        // this message, so it is in the owner chat's language, else the configured one.
        Texts t = ctx.env.noticeTexts(owner);
        String text =
            t.t(
                "access.request",
                title.isEmpty() ? new Markup("") : new Markup(escape(title) + ", "),
                t.m("chat.type." + chat.type().name().toLowerCase(java.util.Locale.ROOT)),
                Long.toString(chat.id()),
                ctx.user.label(),
                Long.toString(ctx.user.id()),
                "/" + command);
        List<Button> row =
            List.of(
                grantButton(
                    ctx, owner, t.t("access.grantViewer"), chat.id(), Role.VIEWER, shortTitle),
                grantButton(
                    ctx, owner, t.t("access.grantOperator"), chat.id(), Role.OPERATOR, shortTitle),
                new Button(
                    t.t("access.ignore"),
                    ctx.env.token(
                        owner, 0, IGNORE, Args.join(Long.toString(chat.id())), REQUEST_TTL)));
        ctx.out.send(owner, null, Reply.html(text).withKeyboard(List.of(row)));
      } catch (RuntimeException e) {
        log.warn(
            "access request for chat {} could not reach owner {}: {}",
            chat.id(),
            owner,
            e.toString());
      }
    }
    return true;
  }

  private static Button grantButton(
      Context ctx, long owner, String text, long chatId, Role role, String title) {
    return new Button(
        text,
        ctx.env.token(
            owner, 0, GRANT, Args.join(Long.toString(chatId), role.word(), title), REQUEST_TTL));
  }

  /** Grant viewer / operator from an access request, within {@link GrantRules}. */
  static final class GrantPress implements Press {
    @Override
    public String run(Context ctx) {
      long chatId = Long.parseLong(ctx.pressArgs.get(0));
      Role role = Role.parse(ctx.pressArgs.get(1)).orElseThrow();
      Optional<ChatGrant> existing = ctx.deps().chats().find(chatId);
      // The same limits as /allow: the request may be days old, and the chat granted since.
      String refusal = GrantRules.refuseGrant(ctx, chatId, role, null, existing);
      if (refusal != null) {
        ctx.toast(Html.visibleText(refusal));
        return Outcome.refused("beyond an admin's rights");
      }
      String title =
          ctx.pressArgs.size() > 2 && !ctx.pressArgs.get(2).isBlank() ? ctx.pressArgs.get(2) : null;
      String chat =
          title == null
              ? ctx.tr("access.chat", Long.toString(chatId))
              : ctx.tr("access.chatTitled", Long.toString(chatId), title);
      if (existing.isPresent()) {
        // The request was made by a chat with no access. Granted since (with /allow, another
        // owner's button), it is a newer decision than this button, which must not undo it: a
        // binding to a sub-client would go, the chat reaching the whole account.
        ChatGrant g = existing.get();
        ctx.edit(
            ctx.pressedMessageId,
            Reply.html(
                ctx.tr(
                    "access.grantedSince",
                    new Markup(chat),
                    Roles.word(ctx.t, g.role()),
                    new Markup(
                        g.subClient() == null
                            ? ctx.tr("allow.reach.account")
                            : ctx.tr("allow.reach.sub", g.subClient())))));
        ctx.toast(Html.visibleText(ctx.tr("button.expired")));
        return Outcome.refused("granted since the request");
      }
      String sub =
          GrantRules.binding(ctx, role, null)
              .subClient(); // an admin bound to a sub-client passes it on
      AccessChanges.grant(
          ctx, new ChatGrant(chatId, role, sub, title, ctx.user.id(), ctx.now()), existing);
      ctx.edit(
          ctx.pressedMessageId,
          Reply.html(
              sub == null
                  ? ctx.tr(
                      "access.granted", new Markup(chat), Roles.word(ctx.t, role), ctx.user.label())
                  : ctx.tr(
                      "access.grantedSub",
                      new Markup(chat),
                      Roles.word(ctx.t, role),
                      ctx.user.label(),
                      sub)));
      tellGranted(ctx, chatId, role);
      ctx.toast(ctx.tr("access.grantedToast", Roles.word(ctx.t, role)));
      return Outcome.OK;
    }
  }

  /** Ignore an access request: the message says so, the chat stays unknown. */
  static final class IgnorePress implements Press {
    @Override
    public String run(Context ctx) {
      ctx.edit(
          ctx.pressedMessageId,
          Reply.html(ctx.tr("access.ignored", ctx.pressArgs.get(0), ctx.user.label())));
      return Outcome.OK;
    }
  }

  /** Tells a newly granted chat; a chat that cannot be reached is no failure of the grant. */
  static void tellGranted(Context ctx, long chatId, Role role) {
    try {
      ctx.out.send(
          chatId,
          null,
          Reply.html(
              ctx.env
                  .noticeTexts(chatId)
                  .t("access.welcome", Roles.word(ctx.env.noticeTexts(chatId), role))));
    } catch (RuntimeException e) {
      log.info("chat {} granted but not told: {}", chatId, e.toString());
    }
  }
}
