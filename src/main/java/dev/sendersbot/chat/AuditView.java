package dev.sendersbot.chat;

import static dev.sendersbot.chat.Html.escape;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Audit entries as lines; a chat bound to a sub-client sees only entries of its sub-client's chats. */
final class AuditView {
  private AuditView() {}

  static List<AuditEntry> visible(Context ctx, List<AuditEntry> entries) {
    if (ctx.owner() || ctx.sub() == null) {
      return entries;
    }
    Map<Long, String> subOf = new HashMap<>();
    return entries.stream().filter(e -> Objects.equals(ctx.sub(), subOf.computeIfAbsent(e.chatId(),
        id -> ctx.deps().chats().find(id).map(ChatGrant::subClient).orElse(null)))).toList();
  }

  static String line(AuditEntry e, Context ctx) {
    StringBuilder b = new StringBuilder(Views.time(e.at(), ctx.now())).append(" · ")
        .append(escape(Optional.ofNullable(e.username()).map(u -> "@" + u).orElse(Long.toString(e.userId()))))
        .append(" in <code>").append(e.chatId()).append("</code> · /").append(escape(e.command()));
    if (!e.args().isBlank()) {
      b.append(' ').append(escape(e.args()));
    }
    b.append(" · ").append(escape(e.decision()));
    b.append(" · ").append(escape(e.outcome() == null ? "running" : e.outcome()));
    return b.toString();
  }
}
