package dev.sendersbot.chat;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * {@code /tz [Area/City|auto]}: the time zone every time in this chat is shown in; {@code auto}
 * goes back to the configured {@code ui.time-zone}. Without an argument it says which is in force.
 * Who may change it: as for {@code /lang}.
 */
final class TzCommand implements Command {
  @Override
  public String run(Context ctx) {
    String arg = ctx.arg(0);
    if (arg == null) {
      ctx.reply(
          ctx.tr(
              "tz.current",
              ctx.t.zone().getId(),
              ctx.t.zoneName(ctx.now()),
              ctx.t.clock(ctx.now())));
      return Outcome.OK;
    }
    if (ctx.args().size() > 1) {
      throw new BadInput("tz.oneZone", ctx.line.rest(0));
    }
    ZoneId zone = null;
    if (!LangCommand.AUTO.equals(arg.strip().toLowerCase(Locale.ROOT))) {
      zone = parse(arg.strip());
    }
    if (!LangCommand.mayChange(ctx)) {
      ctx.reply(ctx.tr("settings.adminOnly", "/tz"));
      return Outcome.refused("admin only in a group");
    }
    ctx.deps().settings().zone(ctx.chat.id(), zone);
    Context after = ctx.reread();
    after.reply(
        after.tr(
            "tz.set",
            after.t.zone().getId(),
            after.t.zoneName(ctx.now()),
            after.t.clock(ctx.now())));
    return Outcome.OK;
  }

  /** An IANA region name only: offsets such as +03:00 would not follow daylight saving. */
  private static ZoneId parse(String raw) {
    if (!raw.matches("[A-Za-z_]+(/[A-Za-z0-9_+\\-]+){1,2}|UTC")) {
      throw new BadInput("tz.bad", raw);
    }
    try {
      return ZoneId.of(raw);
    } catch (DateTimeException e) {
      throw new BadInput("tz.bad", raw);
    }
  }
}
