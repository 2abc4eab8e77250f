package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

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
      ctx.reply("Chat <code>" + target + "</code> had no access.");
      return Outcome.OK;
    }
    AccessChanges.revoke(ctx, target);
    String title = existing.get().title();
    ctx.reply(
        "Chat <code>"
            + target
            + "</code>"
            + (title == null ? "" : " (" + escape(title) + ")")
            + " may no longer use the bot (it was "
            + existing.get().role().word()
            + ")."
            + (ctx.deps().policy().isOwnersChat(target)
                ? "\nIt is an owner's private chat: the owner keeps every right from the configuration."
                : ""));
    return Outcome.OK;
  }
}
