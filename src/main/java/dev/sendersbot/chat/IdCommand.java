package dev.sendersbot.chat;

/** {@code /id}: this chat's id and the user's. */
final class IdCommand implements Command {
  @Override
  public String run(Context ctx) {
    String ids = ctx.tr("id.ids", Long.toString(ctx.chat.id()), Long.toString(ctx.user.id()));
    if (ctx.chat.topicId() != null) {
      ids += "\n" + ctx.tr("id.topic", Integer.toString(ctx.chat.topicId()));
    }
    ctx.reply(ids);
    return Outcome.OK;
  }
}
