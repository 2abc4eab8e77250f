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
      ctx.reply(ctx.tr("subs.none"));
      return Outcome.OK;
    }
    StringBuilder b = new StringBuilder(ctx.tr("subs.head")).append('\n');
    for (Subscription s : subs) {
      b.append("• ")
          .append(
              s.name() == null ? ctx.tr("subs.every") : "<code>" + escape(s.name()) + "</code>");
      if (s.topicId() != null) {
        b.append(' ').append(ctx.tr("subs.topic", Integer.toString(s.topicId())));
      }
      if (!s.active()) {
        b.append(' ').append(ctx.tr("subs.paused"));
      }
      b.append('\n');
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
