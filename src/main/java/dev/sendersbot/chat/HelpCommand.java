package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

/** {@code /help}: what this chat may do; an unknown chat learns its id and how to ask. */
final class HelpCommand implements Command {
  @Override
  public String run(Context ctx) {
    ctx.reply(text(ctx));
    return Outcome.OK;
  }

  static String text(Context ctx) {
    StringBuilder b = new StringBuilder();
    if (!ctx.knownChat()) {
      b.append(AccessDesk.unknownChatText(ctx.chat.id(), false)).append("\n\n");
    } else {
      b.append("<b>Sender names bot</b> — ");
      b.append(ctx.owner() ? "you are an owner" : "this chat is <b>" + ctx.role().word() + "</b>");
      if (ctx.sub() != null) {
        b.append(", sub-client <code>").append(escape(ctx.sub())).append("</code>");
      }
      b.append("\n\n");
    }
    for (CommandSpec s : ctx.env.registry.commands()) {
      if (s.allows(ctx.role(), ctx.owner())) {
        b.append(escape(s.syntax())).append(" — ").append(escape(s.help()));
        if (ctx.owner() && s.least() != null) {
          b.append(" <i>(").append(s.roleWord()).append(")</i>");
        }
        b.append('\n');
      }
    }
    return b.toString();
  }
}
