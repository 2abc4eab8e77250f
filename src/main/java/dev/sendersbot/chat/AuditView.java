package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditScope;
import java.util.Optional;

/**
 * Audit entries as lines. Owners and chats bound to no sub-client oversee the account and see every
 * entry; a chat bound to a sub-client sees only the entries of chats that were bound to the same
 * sub-client when they acted.
 */
final class AuditView {
  private AuditView() {}

  static AuditScope scope(Context ctx) {
    return ctx.owner() || ctx.sub() == null ? AuditScope.ALL : AuditScope.of(ctx.sub());
  }

  static String line(AuditEntry e, Context ctx) {
    StringBuilder b =
        new StringBuilder(Views.time(e.at(), ctx.now()))
            .append(" · ")
            .append(
                escape(
                    Optional.ofNullable(e.username())
                        .map(u -> "@" + u)
                        .orElse(Long.toString(e.userId()))))
            .append(" in <code>")
            .append(e.chatId())
            .append("</code> · /")
            .append(escape(e.command()));
    if (!e.args().isBlank()) {
      b.append(' ').append(escape(e.args()));
    }
    b.append(" · ").append(escape(e.decision()));
    b.append(" · ").append(escape(e.outcome() == null ? "running" : e.outcome()));
    return b.toString();
  }
}
