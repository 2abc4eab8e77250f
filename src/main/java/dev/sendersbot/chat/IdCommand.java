package dev.sendersbot.chat;

/** {@code /id}: this chat's id and the user's. */
final class IdCommand implements Command {
  @Override
  public String run(Context ctx) {
    StringBuilder b =
        new StringBuilder("Chat id: <code>")
            .append(ctx.chat.id())
            .append("</code>\n")
            .append("Your user id: <code>")
            .append(ctx.user.id())
            .append("</code>");
    if (ctx.chat.topicId() != null) {
      b.append("\nTopic id: <code>").append(ctx.chat.topicId()).append("</code>");
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
