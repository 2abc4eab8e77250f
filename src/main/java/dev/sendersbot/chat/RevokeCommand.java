package dev.sendersbot.chat;

import static dev.sendersbot.chat.Html.escape;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.util.Optional;

/** {@code /revoke CHAT_ID}: the chat becomes unknown again. */
final class RevokeCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (ctx.args().size() != 1) {
      throw new IllegalArgumentException("give one chat id");
    }
    long target = AllowCommand.chatId(ctx.arg(0));
    Optional<ChatGrant> existing = ctx.deps().chats().find(target);
    if (existing.isEmpty()) {
      ctx.reply("Chat <code>" + target + "</code> had no access.");
      return Outcome.OK;
    }
    if (!ctx.owner()) {
      String refusal = AllowCommand.adminLimits(ctx, Role.VIEWER, existing);
      if (refusal != null) {
        ctx.reply("⛔ " + refusal);
        return Outcome.refused("beyond an admin's rights");
      }
    }
    ctx.deps().chats().revoke(target);
    String title = existing.get().title();
    ctx.reply("Chat <code>" + target + "</code>" + (title == null ? "" : " (" + escape(title) + ")")
        + " may no longer use the bot (it was " + existing.get().role().word() + ").");
    return Outcome.OK;
  }
}
