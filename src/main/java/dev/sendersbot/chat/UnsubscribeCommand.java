package dev.sendersbot.chat;

import java.util.Set;

/** {@code /unsubscribe [NAME…]}: stop notifications, for every name or for some. */
final class UnsubscribeCommand implements Command {
  @Override
  public String run(Context ctx) {
    Set<String> names = SubscribeCommand.names(ctx.args());
    int removed = ctx.deps().subscriptions().unsubscribe(ctx.chat.id(), names);
    if (removed == 0) {
      ctx.reply(
          names.isEmpty()
              ? "This chat had no subscriptions."
              : "This chat was not subscribed to " + SubscribeCommand.list(names) + ".");
    } else {
      ctx.reply(
          "🔕 "
              + (names.isEmpty()
                  ? "Every subscription of this chat was removed"
                  : "Unsubscribed from " + SubscribeCommand.list(names))
              + " ("
              + removed
              + ").");
    }
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return ctx.args().size() == 1 ? Names.first(ctx) : null;
  }
}
