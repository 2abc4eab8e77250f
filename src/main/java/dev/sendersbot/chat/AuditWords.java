package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.i18n.Markup;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audit entry's decision and outcome in the reader's words. The table keeps them in English, as
 * records that log lines and queries can match; a reason this bot has no words for (an exception's
 * name, say) is shown as it is kept.
 */
final class AuditWords {
  private static final Pattern NEEDS = Pattern.compile("needs (\\w+), chat is (\\w+)");
  private static final Pattern SMSC = Pattern.compile("smsc error (\\d+)");
  private static final Pattern UNREACHABLE = Pattern.compile("provider unreachable \\((\\w+)\\)");

  private AuditWords() {}

  /** The stored decision or outcome as HTML in the reader's language. */
  static String of(Context ctx, String stored) {
    for (String kind : new String[] {"denied", "refused", "failed", "dropped"}) {
      String prefix = kind + ": ";
      if (stored.startsWith(prefix)) {
        return ctx.tr(
            "audit.word." + kind, new Markup(reason(ctx, stored.substring(prefix.length()))));
      }
    }
    Matcher smsc = SMSC.matcher(stored);
    if (smsc.matches()) {
      return ctx.tr("audit.word.smsc", smsc.group(1));
    }
    return reason(ctx, stored);
  }

  private static String reason(Context ctx, String reason) {
    Matcher needs = NEEDS.matcher(reason);
    if (needs.matches()) {
      return ctx.tr("audit.word.needs", role(ctx, needs.group(1)), role(ctx, needs.group(2)));
    }
    Matcher unreachable = UNREACHABLE.matcher(reason);
    if (unreachable.matches()) {
      return ctx.tr(
          "audit.word.provider-unreachable", new Markup(reason(ctx, unreachable.group(1))));
    }
    String key =
        "audit.word."
            + reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return ctx.t.has(key) ? ctx.tr(key) : escape(reason);
  }

  private static String role(Context ctx, String word) {
    String key = "role." + word;
    return ctx.t.has(key) ? ctx.tr(key) : word;
  }
}
