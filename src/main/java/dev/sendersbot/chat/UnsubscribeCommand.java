package dev.sendersbot.chat;

import dev.sendersbot.i18n.Markup;
import java.util.Set;

/** {@code /unsubscribe [NAME…]}: stop notifications, for every name or for some. */
final class UnsubscribeCommand implements Command {
  @Override
  public String run(Context ctx) {
    Set<String> names = SubscribeCommand.names(ctx.args());
    int removed = ctx.deps().subscriptions().unsubscribe(ctx.chat.id(), names);
    Markup list = new Markup(SubscribeCommand.list(names));
    if (removed == 0) {
      ctx.reply(names.isEmpty() ? ctx.tr("unsub.noneAll") : ctx.tr("unsub.noneSome", list));
    } else {
      ctx.reply(
          names.isEmpty() ? ctx.tr("unsub.all", removed) : ctx.tr("unsub.some", list, removed));
    }
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return ctx.args().size() == 1 ? Names.first(ctx) : null;
  }
}
