package dev.sendersbot.chat;

/** {@code /id}: this chat's id and the user's, when Telegram tells who the user is. */
final class IdCommand implements Command {
  @Override
  public String run(Context ctx) {
    String chat = Long.toString(ctx.chat.id());
    // A stand-in's id is nobody's: given as "your user id" it would end up among the owners.
    String ids =
        ctx.user.onBehalfOfChat()
            ? ctx.tr("id.onBehalfOfChat", chat)
            : ctx.tr("id.ids", chat, Long.toString(ctx.user.id()));
    if (ctx.chat.topicId() != null) {
      ids += "\n" + ctx.tr("id.topic", Integer.toString(ctx.chat.topicId()));
    }
    ctx.reply(ids);
    return Outcome.OK;
  }
}
