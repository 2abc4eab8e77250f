package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.i18n.Markup;
import java.util.List;

/**
 * {@code /chats}: every chat with access. A chat bound to a sub-client lists that sub-client's
 * chats only, even when an owner asks there: everyone in it reads the answer.
 */
final class ChatsCommand implements Command {
  @Override
  public String run(Context ctx) {
    List<ChatGrant> grants =
        ctx.deps().chats().all().stream()
            .filter(g -> ctx.sub() == null || ctx.sub().equals(g.subClient()))
            .toList();
    if (grants.isEmpty()) {
      ctx.reply(ctx.tr("chats.none"));
      return Outcome.OK;
    }
    StringBuilder b =
        new StringBuilder(ctx.tr("chats.head", Integer.toString(grants.size()))).append('\n');
    for (ChatGrant g : grants) {
      b.append("\n<code>")
          .append(g.chatId())
          .append("</code> — <b>")
          .append(Roles.word(ctx.t, g.role()))
          .append("</b>");
      if (g.subClient() != null) {
        b.append(" · ").append(ctx.tr("chats.sub", g.subClient()));
      }
      if (g.title() != null) {
        b.append(" · ").append(escape(g.title()));
      }
      b.append(" · ")
          .append(
              ctx.tr(
                  "chats.by",
                  Long.toString(g.grantedBy()),
                  new Markup(ctx.t.time(g.grantedAt(), ctx.now()))));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
