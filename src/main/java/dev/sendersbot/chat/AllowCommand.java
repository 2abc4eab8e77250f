package dev.sendersbot.chat;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.smsc.SubClient;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /allow CHAT_ID ROLE [SUBCLIENT]}. Who may grant what is {@link GrantRules}': owners
 * anything; admins up to operator, never an admin chat or an owner's private chat, and within their
 * own sub-client when their chat is bound to one.
 */
final class AllowCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (ctx.args().size() < 2) {
      throw new BadInput("bad.chatIdAndRole");
    }
    if (ctx.args().size() > 3) {
      throw new BadInput("bad.allowExtra", ctx.line.rest(2));
    }
    long target = chatId(ctx.arg(0));
    Role role = Role.parse(ctx.arg(1)).orElseThrow(() -> new BadInput("bad.role", ctx.arg(1)));
    String asked = ctx.args().size() == 3 ? SubClient.normalise(ctx.arg(2)) : null;
    Optional<ChatGrant> existing = ctx.deps().chats().find(target);
    String refusal = GrantRules.refuseGrant(ctx, target, role, asked, existing);
    if (refusal != null) {
      ctx.reply("⛔ " + refusal);
      return Outcome.refused("beyond an admin's rights");
    }
    String sub = GrantRules.binding(ctx, role, asked).subClient();
    String title =
        existing.map(ChatGrant::title).orElse(target == ctx.chat.id() ? ctx.chat.title() : null);
    Markup chat = chat(ctx, target, title);
    Markup reach = sub == null ? ctx.t.m("allow.reach.account") : ctx.t.m("allow.reach.sub", sub);
    String ownerNote =
        ctx.deps().policy().isOwnersChat(target) ? "\n" + ctx.tr("allow.ownersChat") : "";
    String roleWord = Roles.word(ctx.t, role);
    if (existing.isPresent()
        && existing.get().role() == role
        && Objects.equals(existing.get().subClient(), sub)) {
      // Written again, it would count as new access and drop what was queued for the chat.
      ctx.reply(ctx.tr("allow.same", chat, roleWord, reach) + ownerNote);
      return Outcome.OK;
    }
    AccessChanges.grant(
        ctx, new ChatGrant(target, role, sub, title, ctx.user.id(), ctx.now()), existing);
    String done;
    if (existing.isEmpty()) {
      done = ctx.tr("allow.done", chat, roleWord, reach);
    } else {
      String was = Roles.word(ctx.t, existing.get().role());
      done =
          Objects.equals(existing.get().subClient(), sub)
              ? ctx.tr("allow.doneWas", chat, roleWord, reach, was)
              : ctx.tr("allow.doneRebound", chat, roleWord, reach, was);
    }
    ctx.reply(done + ownerNote);
    if (target != ctx.chat.id()) {
      AccessDesk.tellGranted(ctx, target, role);
    }
    return Outcome.OK;
  }

  /** "Chat 123 (Team)" in the reader's words, the title as data. */
  static Markup chat(Context ctx, long id, String title) {
    return title == null
        ? ctx.t.m("access.chat", Long.toString(id))
        : ctx.t.m("access.chatTitled", Long.toString(id), title);
  }

  static long chatId(String raw) {
    try {
      long id = Long.parseLong(raw.strip());
      if (id == 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new BadInput("bad.chatId", raw);
    }
  }
}
