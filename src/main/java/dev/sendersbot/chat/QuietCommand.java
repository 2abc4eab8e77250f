package dev.sendersbot.chat;

import java.time.LocalTime;

/**
 * {@code /quiet HH:MM-HH:MM} or {@code /quiet off}: quiet hours in the chat's time zone, during
 * which every notification goes without sound (none is held back).
 */
final class QuietCommand implements Command {
  @Override
  public String run(Context ctx) {
    String typed = String.join(" ", ctx.args()).strip();
    // Phones and copied text write the dash as – or —; spaces around it are no matter.
    String arg = typed.replaceAll("\\s*[\u2010-\u2015\u2212-]\\s*", "-");
    if (arg.isEmpty()) {
      ctx.reply(AlertTexts.settings(ctx.t, ctx.deps().alerts().settings(ctx.chat.id()), ctx.now()));
      return Outcome.OK;
    }
    if (arg.equalsIgnoreCase("off")) {
      ctx.deps().alerts().quiet(ctx.chat.id(), null, null);
      ctx.reply(AlertTexts.quietOff(ctx.t));
      return Outcome.OK;
    }
    int dash = arg.indexOf('-');
    if (dash < 0) {
      throw new BadInput("bad.quietRange", typed);
    }
    LocalTime from = MuteTerms.time(arg.substring(0, dash));
    LocalTime to = MuteTerms.time(arg.substring(dash + 1));
    if (from.equals(to)) {
      // The store refused an empty span with no word of why.
      throw new BadInput("bad.quietEmpty", arg.substring(0, dash));
    }
    ctx.deps().alerts().quiet(ctx.chat.id(), from, to);
    ctx.reply(AlertTexts.quietOn(ctx.t, from, to, ctx.now()));
    return Outcome.OK;
  }

  /** {@code /summary HH:MM [always]} or {@code /summary off}: the daily summary. */
  static final class Summary implements Command {
    @Override
    public String run(Context ctx) {
      String first = ctx.arg(0);
      if (first == null) {
        ctx.reply(
            AlertTexts.settings(ctx.t, ctx.deps().alerts().settings(ctx.chat.id()), ctx.now()));
        return Outcome.OK;
      }
      if (first.equalsIgnoreCase("off")) {
        ctx.deps().alerts().summary(ctx.chat.id(), null, false);
        ctx.reply(AlertTexts.summaryOff(ctx.t));
        return Outcome.OK;
      }
      LocalTime at = MuteTerms.time(first);
      String second = ctx.arg(1);
      if (second != null && !second.equalsIgnoreCase("always")) {
        throw new BadInput("bad.summaryAlways", second);
      }
      boolean always = second != null;
      ctx.deps().alerts().summary(ctx.chat.id(), at, always);
      ctx.reply(AlertTexts.summaryOn(ctx.t, at, always, ctx.now()));
      return Outcome.OK;
    }
  }
}
