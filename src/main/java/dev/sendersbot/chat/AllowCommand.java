package dev.sendersbot.chat;

import static dev.sendersbot.chat.Html.escape;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.SubClient;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /allow CHAT_ID ROLE [SUBCLIENT]}. Admins grant up to operator and never touch an admin
 * chat; only owners grant admin. An admin whose chat is bound to a sub-client can only hand out
 * that sub-client, so no one widens their own reach.
 */
final class AllowCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (ctx.args().size() < 2 || ctx.args().size() > 3) {
      throw new IllegalArgumentException("give a chat id and a role");
    }
    long target = chatId(ctx.arg(0));
    Role role = Role.parse(ctx.arg(1)).orElseThrow(() -> new IllegalArgumentException(
        "role must be viewer, operator or admin, not '" + ctx.arg(1) + "'"));
    String sub = ctx.args().size() == 3 ? SubClient.normalise(ctx.arg(2)) : null;
    Optional<ChatGrant> existing = ctx.deps().chats().find(target);
    if (!ctx.owner()) {
      String refusal = adminLimits(ctx, role, existing);
      if (refusal == null && ctx.sub() != null) {
        if (sub == null) {
          sub = ctx.sub();
        } else if (!sub.equals(ctx.sub())) {
          refusal = "This chat is bound to sub-client <code>" + escape(ctx.sub())
              + "</code>; it can grant access to that sub-client only.";
        }
      }
      if (refusal != null) {
        ctx.reply("⛔ " + refusal);
        return Outcome.refused("beyond an admin's rights");
      }
    }
    String title = existing.map(ChatGrant::title).orElse(target == ctx.chat.id() ? ctx.chat.title() : null);
    ctx.deps().chats().grant(new ChatGrant(target, role, sub, title, ctx.user.id(), ctx.now()));
    ctx.reply("✅ Chat <code>" + target + "</code>" + (title == null ? "" : " (" + escape(title) + ")")
        + " is now <b>" + role.word() + "</b>"
        + (sub == null ? " for the whole account" : " for sub-client <code>" + escape(sub) + "</code>")
        + (existing.isPresent() ? " (was " + existing.get().role().word()
            + (Objects.equals(existing.get().subClient(), sub) ? "" : ", another binding") + ")" : "")
        + ".");
    if (target != ctx.chat.id()) {
      AccessDesk.tellGranted(ctx, target, role);
    }
    return Outcome.OK;
  }

  /** Null when an admin may do this; otherwise why not, for the reply. */
  static String adminLimits(Context ctx, Role role, Optional<ChatGrant> existing) {
    if (role == Role.ADMIN) {
      return "Only owners grant admin.";
    }
    if (existing.isPresent() && existing.get().role() == Role.ADMIN) {
      return "Only owners change the access of an admin chat.";
    }
    if (ctx.sub() != null && existing.isPresent() && !ctx.sub().equals(existing.get().subClient())) {
      return "That chat belongs to another sub-client.";
    }
    return null;
  }

  static long chatId(String raw) {
    try {
      long id = Long.parseLong(raw.strip());
      if (id == 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the chat id must be a number such as -1001234567890, not '" + raw + "'");
    }
  }
}
