package dev.sendersbot.chat;

import dev.sendersbot.i18n.Markup;

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
      b.append(AccessDesk.unknownChatText(ctx.t, ctx.chat.id(), false)).append("\n\n");
    } else {
      String who =
          ctx.owner() ? ctx.tr("help.owner") : ctx.tr("help.role", Roles.word(ctx.t, ctx.role()));
      b.append(
          ctx.sub() == null
              ? ctx.tr("help.head", new Markup(who))
              : ctx.tr("help.headSub", new Markup(who), ctx.sub()));
      b.append("\n\n");
    }
    for (CommandSpec s : ctx.env.registry.commands()) {
      if (s.allows(ctx.role(), ctx.owner())) {
        b.append(s.syntax(ctx.t)).append(" — ").append(s.help(ctx.t));
        if (ctx.owner() && s.least() != null) {
          b.append(" <i>(").append(s.roleWord(ctx.t)).append(")</i>");
        }
        b.append('\n');
      }
    }
    return b.toString();
  }
}
