package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
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
    if (ctx.args().size() < 2 || ctx.args().size() > 3) {
      throw new BadInput("bad.chatIdAndRole");
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
    String chat =
        "Chat <code>" + target + "</code>" + (title == null ? "" : " (" + escape(title) + ")");
    String reach =
        sub == null ? " for the whole account" : " for sub-client <code>" + escape(sub) + "</code>";
    String ownerNote =
        ctx.deps().policy().isOwnersChat(target)
            ? "\nIt is an owner's private chat: while they are an owner, the configuration gives it every"
                + " right over the whole account, and this grant changes nothing there."
            : "";
    if (existing.isPresent()
        && existing.get().role() == role
        && Objects.equals(existing.get().subClient(), sub)) {
      // Written again, it would count as new access and drop what was queued for the chat.
      ctx.reply(
          chat
              + " already is <b>"
              + role.word()
              + "</b>"
              + reach
              + "; nothing changed."
              + ownerNote);
      return Outcome.OK;
    }
    AccessChanges.grant(
        ctx, new ChatGrant(target, role, sub, title, ctx.user.id(), ctx.now()), existing);
    ctx.reply(
        "✅ "
            + chat
            + " is now <b>"
            + role.word()
            + "</b>"
            + reach
            + (existing.isPresent()
                ? " (was "
                    + existing.get().role().word()
                    + (Objects.equals(existing.get().subClient(), sub) ? "" : ", another binding")
                    + ")"
                : "")
            + "."
            + ownerNote);
    if (target != ctx.chat.id()) {
      AccessDesk.tellGranted(ctx, target, role);
    }
    return Outcome.OK;
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
