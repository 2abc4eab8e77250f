package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.ChatGrant;
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
      ctx.reply("No chat has been granted access yet. <code>/allow CHAT_ID ROLE</code> grants it.");
      return Outcome.OK;
    }
    StringBuilder b =
        new StringBuilder("<b>Chats with access</b>: ").append(grants.size()).append('\n');
    for (ChatGrant g : grants) {
      b.append("\n<code>")
          .append(g.chatId())
          .append("</code> — <b>")
          .append(g.role().word())
          .append("</b>");
      if (g.subClient() != null) {
        b.append(" · sub-client <code>").append(escape(g.subClient())).append("</code>");
      }
      if (g.title() != null) {
        b.append(" · ").append(escape(g.title()));
      }
      b.append(" · by <code>")
          .append(g.grantedBy())
          .append("</code> ")
          .append(Views.time(g.grantedAt(), ctx.now()));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
