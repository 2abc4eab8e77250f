package dev.sendersbot.chat;

/** {@code /start}: a greeting and the help; an unknown chat's owners get an access request. */
final class StartCommand implements Command {
  @Override
  public String run(Context ctx) {
    if (!ctx.knownChat()) {
      boolean asked = AccessDesk.requestAccess(ctx, "start");
      ctx.reply(
          "Hello! I manage the SMS sender names of an SMSC account.\n\n"
              + AccessDesk.unknownChatText(ctx.chat.id(), asked));
      return Outcome.OK;
    }
    ctx.reply(
        "Hello! I manage the SMS sender names of an SMSC account.\n\n" + HelpCommand.text(ctx));
    return Outcome.OK;
  }
}
