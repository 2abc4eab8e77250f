package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.i18n.Markup;
import java.util.Optional;

/**
 * Audit entries as lines. Chats bound to no sub-client (an owner's private chat among them) oversee
 * the account and see every entry; a chat bound to a sub-client sees only the entries of chats that
 * were bound to the same sub-client when they acted, even when an owner asks there, since everyone
 * in that chat reads the answer.
 *
 * <p>The command is shown as it was typed, in {@code <code>}; its decision and outcome in the
 * reader's words ({@link AuditWords}).
 */
final class AuditView {
  private AuditView() {}

  static AuditScope scope(Context ctx) {
    return ctx.sub() == null ? AuditScope.ALL : AuditScope.of(ctx.sub());
  }

  static String line(AuditEntry e, Context ctx) {
    String who =
        Optional.ofNullable(e.username()).map(u -> "@" + u).orElse(Long.toString(e.userId()));
    StringBuilder b =
        new StringBuilder(
                ctx.tr(
                    "audit.line",
                    new Markup(ctx.t.time(e.at(), ctx.now())),
                    who,
                    Long.toString(e.chatId())))
            .append(" · <code>/")
            .append(escape(e.command()));
    if (!e.args().isBlank()) {
      b.append(' ').append(escape(e.args()));
    }
    b.append("</code> · ").append(AuditWords.of(ctx, e.decision())).append(" · ");
    b.append(e.outcome() == null ? ctx.tr("audit.running") : AuditWords.of(ctx, e.outcome()));
    return b.toString();
  }
}
