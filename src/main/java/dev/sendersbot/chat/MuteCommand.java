package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.message.Button;
import dev.sendersbot.store.ChatAlerts.Mute;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /mute [NAME…] [DURATION]}: nothing about the names (every name without one) is sent to
 * this chat until the mute ends; then one summary. The mute is the chat's; the audit says who. Only
 * an owner's mute of every name silences the bot's own notices too.
 */
final class MuteCommand implements Command {
  @Override
  public String run(Context ctx) {
    ZoneId zone = ctx.t.zone();
    MuteTerms t = MuteTerms.parse(ctx.args(), ctx.now(), zone);
    if (!t.names().isEmpty()) {
      SubscribeCommand.capped(
          ctx.deps().alerts().mutes(ctx.chat.id()).stream().map(Mute::name).toList(),
          t.names(),
          "bad.tooManyMutes");
    }
    ctx.deps().alerts().mute(ctx.chat.id(), t.names(), t.until(), ctx.user.id(), ctx.owner());
    ctx.reply(AlertTexts.muted(ctx.t, t.names(), t.until()));
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return ctx.args().size() == 1 ? Names.first(ctx) : null;
  }

  static Press.Spec pressSpec() {
    return new Press.Spec(Button.MUTE_ACTION, "mute", Role.VIEWER, false, false, new MutePress());
  }

  /** A 🔕 button under an alert: its span, then the names it silences. */
  static final class MutePress implements Press {
    @Override
    public String run(Context ctx) {
      List<String> args = words(ctx.pressArgs);
      if (args.size() < 2) {
        throw new IllegalArgumentException("a mute button without names");
      }
      Instant until = MuteTerms.button(args.get(0), ctx.now());
      Set<String> names = new LinkedHashSet<>(args.subList(1, args.size()));
      ctx.deps().alerts().mute(ctx.chat.id(), names, until, ctx.user.id(), ctx.owner());
      ctx.toast(AlertTexts.mutedToast(ctx.t, names, until));
      return Outcome.OK;
    }

    @Override
    public String subject(List<String> args) {
      List<String> words = words(args);
      return words.size() == 2 ? Names.subject(words.get(1)) : null;
    }

    /** The watcher joins the span and the names with spaces (it cannot use {@link Args}). */
    private static List<String> words(List<String> args) {
      String joined = String.join(" ", args).strip();
      return joined.isEmpty() ? List.of() : List.of(joined.split("\\s+"));
    }
  }

  /** {@code /unmute [NAME…]}: ends the chat's mutes of the names (every mute without one). */
  static final class Unmute implements Command {
    @Override
    public String run(Context ctx) {
      Set<String> names = MuteTerms.parse(ctx.args(), ctx.now(), ZoneId.of("UTC")).names();
      ctx.reply(AlertTexts.unmuted(ctx.t, ctx.deps().alerts().unmute(ctx.chat.id(), names)));
      return Outcome.OK;
    }

    @Override
    public String subject(Context ctx) {
      return ctx.args().size() == 1 ? Names.first(ctx) : null;
    }
  }

  /** {@code /mutes}: what is muted in this chat, and until when. */
  static final class Mutes implements Command {
    @Override
    public String run(Context ctx) {
      List<Mute> mutes = ctx.deps().alerts().mutes(ctx.chat.id());
      ctx.reply(mutes.isEmpty() ? AlertTexts.noMutes(ctx.t) : AlertTexts.mutes(ctx.t, mutes));
      return Outcome.OK;
    }
  }
}
