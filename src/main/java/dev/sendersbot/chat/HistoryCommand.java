package dev.sendersbot.chat;

import dev.sendersbot.access.AuditEntry;
import java.util.List;

/**
 * {@code /history NAME}: who did what with one name, newest first, within the asker's scope ({@link
 * AuditView#scope}). Only chats with access leave entries: unknown chats are counted, not recorded.
 */
final class HistoryCommand implements Command {
  static final int LIMIT = 30;

  @Override
  public String run(Context ctx) {
    String name = Names.only(ctx);
    List<AuditEntry> entries = ctx.deps().audit().about(name, AuditView.scope(ctx), LIMIT);
    if (entries.isEmpty()) {
      ctx.reply(ctx.tr("history.none", name));
      return Outcome.OK;
    }
    StringBuilder b = new StringBuilder(ctx.tr("history.head", name)).append('\n');
    for (AuditEntry e : entries) {
      b.append('\n').append(AuditView.line(e, ctx));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }
}
