package dev.sendersbot.chat;

import dev.sendersbot.access.ChatGrant;
import java.util.Optional;

/**
 * {@code /revoke CHAT_ID}: the chat becomes unknown again. Who may revoke what: {@link GrantRules}.
 */
final class RevokeCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (ctx.args().size() != 1) {
      throw new BadInput("bad.oneChatId");
    }
    long target = AllowCommand.chatId(ctx.arg(0));
    Optional<ChatGrant> existing = ctx.deps().chats().find(target);
    String refusal = GrantRules.refuseRevoke(ctx, target, existing);
    if (refusal != null) {
      ctx.reply("⛔ " + refusal);
      return Outcome.refused("beyond an admin's rights");
    }
    if (existing.isEmpty()) {
      ctx.reply(ctx.tr("revoke.none", Long.toString(target)));
      return Outcome.OK;
    }
    AccessChanges.revoke(ctx, target);
    ctx.reply(
        ctx.tr(
                "revoke.done",
                AllowCommand.chat(ctx, target, existing.get().title()),
                Roles.word(ctx.t, existing.get().role()))
            + (ctx.deps().policy().isOwnersChat(target) ? "\n" + ctx.tr("revoke.ownersChat") : ""));
    return Outcome.OK;
  }
}
