package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.store.Subscriptions.Subscription;
import java.util.List;

/** {@code /subscriptions}: what this chat is told about. */
final class SubscriptionsCommand implements Command {
  @Override
  public String run(Context ctx) {
    List<Subscription> subs = ctx.deps().subscriptions().forChat(ctx.chat.id());
    if (subs.isEmpty()) {
      ctx.reply(
          "This chat has no subscriptions. <code>/subscribe</code> tells it about every status change.");
      return Outcome.OK;
    }
    StringBuilder b = new StringBuilder("<b>Subscriptions of this chat</b>\n");
    for (Subscription s : subs) {
      b.append("• ")
          .append(
              s.name() == null
                  ? "every name this chat may see"
                  : "<code>" + escape(s.name()) + "</code>");
      if (s.topicId() != null) {
        b.append(" (topic ").append(s.topicId()).append(')');
      }
      if (!s.active()) {
        b.append(" — paused: the bot could not deliver here");
      }
      b.append('\n');
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
