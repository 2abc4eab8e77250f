package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Lang;
import java.util.Locale;

/**
 * {@code /lang [ru|en|auto]}: the language this chat reads, whoever writes; {@code auto} (the
 * default) answers each writer in their own Telegram language. Without an argument it says what is
 * in force. In a group only an admin (or an owner) changes it; in a private chat anyone.
 */
final class LangCommand implements Command {
  static final String AUTO = "auto";

  @Override
  public String run(Context ctx) {
    String arg = ctx.arg(0);
    if (arg == null) {
      Lang chosen = ctx.env.deps.settings().find(ctx.chat.id()).language();
      ctx.reply(
          chosen == null
              ? ctx.tr("lang.current.auto", ctx.tr("lang.name." + ctx.t.lang().tag()))
              : ctx.tr("lang.current.chosen", ctx.tr("lang.name." + chosen.tag())));
      return Outcome.OK;
    }
    if (ctx.args().size() > 1) {
      throw new BadInput("lang.bad", ctx.line.rest(0));
    }
    String a = arg.strip().toLowerCase(Locale.ROOT);
    Lang lang = null;
    if (!AUTO.equals(a)) {
      lang = Lang.parse(a).orElseThrow(() -> new BadInput("lang.bad", arg));
    }
    if (!mayChange(ctx)) {
      ctx.reply(ctx.tr("settings.adminOnly", "/lang"));
      return Outcome.refused("admin only in a group");
    }
    Lang before = ctx.deps().settings().find(ctx.chat.id()).language();
    ctx.deps().settings().language(ctx.chat.id(), lang);
    if (!java.util.Objects.equals(before, lang)) {
      // The chat's command menu is in its language too: published again outside the core, five
      // Bot API calls, so only when the language did change.
      ctx.env.options().events().chatLanguageChanged(ctx.chat.id());
    }
    // Answered in the language just chosen (auto: the writer's own), so the change shows at once.
    Context after = ctx.reread();
    after.reply(
        lang == null
            ? after.tr("lang.set.auto")
            : after.tr("lang.set.chosen", after.tr("lang.name." + lang.tag())));
    return Outcome.OK;
  }

  /** In a group the chat's admins (and owners) decide; in private the one person there. */
  static boolean mayChange(Context ctx) {
    if (!ctx.chat.isGroup()) {
      return true;
    }
    return ctx.owner() || (ctx.role() != null && ctx.role().atLeast(Role.ADMIN));
  }
}
