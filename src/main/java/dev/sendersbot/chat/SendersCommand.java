package dev.sendersbot.chat;

import java.util.ArrayList;
import java.util.List;

/** {@code /senders [all] [filter]}: the names with their statuses, paged. */
final class SendersCommand implements Command {
  @Override
  public String run(Context ctx) {
    List<String> rest = new ArrayList<>(ctx.args());
    boolean all = rest.removeIf(a -> a.equalsIgnoreCase("all"));
    if (rest.size() > 1) {
      throw new BadInput("bad.oneFilter", rest.size());
    }
    String filter = rest.isEmpty() ? "" : rest.get(0);
    ctx.reply(SendersView.render(ctx, all, filter, 0, SendersView.list(ctx)));
    return Outcome.OK;
  }
}
