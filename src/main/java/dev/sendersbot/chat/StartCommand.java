package dev.sendersbot.chat;

/** {@code /start}: a greeting and the help; an unknown chat's owners get an access request. */
final class StartCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (!ctx.knownChat()) {
      boolean asked = AccessDesk.requestAccess(ctx, "start");
      ctx.reply(
          ctx.tr("start.hello") + "\n\n" + AccessDesk.unknownChatText(ctx.t, ctx.chat.id(), asked));
      return Outcome.OK;
    }
    ctx.reply(ctx.tr("start.hello") + "\n\n" + HelpCommand.text(ctx));
    return Outcome.OK;
  }
}
