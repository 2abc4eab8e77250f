package dev.sendersbot.chat;

import dev.sendersbot.access.AuditEntry;
import java.util.List;

/** {@code /audit [N]}: the newest N entries (20 by default, at most 100). */
final class AuditCommand implements Command {
  static final int DEFAULT = 20;
  static final int MAX = 100;

  @Override
  public String run(Context ctx) {
    int n = DEFAULT;
    if (ctx.args().size() > 1) {
      throw new IllegalArgumentException("give at most one number");
    }
    if (ctx.arg(0) != null) {
      try {
        n = Integer.parseInt(ctx.arg(0));
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new IllegalArgumentException("N must be a number from 1 to " + MAX + ", not '" + ctx.arg(0) + "'");
      }
      n = Math.min(n, MAX);
    }
    List<AuditEntry> entries = AuditView.visible(ctx, ctx.deps().audit().recent(n));
    StringBuilder b = new StringBuilder("<b>Audit</b>: the newest ").append(entries.size()).append('\n');
    for (AuditEntry e : entries) {
      b.append('\n').append(AuditView.line(e, ctx));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }
}
