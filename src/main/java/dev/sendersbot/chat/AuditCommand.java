package dev.sendersbot.chat;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.access.UnknownChatTally;
import java.time.Duration;
import java.util.List;

/**
 * {@code /audit [N]}: the newest N entries (20 by default, at most 100) the asker may see; for
 * those who oversee the account, how many unknown chats were answered in the last day.
 */
final class AuditCommand implements Command {
  static final int DEFAULT = 20;
  static final int MAX = 100;

  @Override
  public String run(Context ctx) {
    int n = DEFAULT;
    boolean capped = false;
    if (ctx.args().size() > 1) {
      throw new BadInput("bad.oneNumber");
    }
    if (ctx.arg(0) != null) {
      try {
        n = Integer.parseInt(ctx.arg(0));
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new BadInput("bad.auditN", MAX, ctx.arg(0));
      }
      capped = n > MAX;
      n = Math.min(n, MAX);
    }
    AuditScope scope = AuditView.scope(ctx);
    List<AuditEntry> entries = ctx.deps().audit().recent(scope, n);
    StringBuilder b = new StringBuilder(ctx.tr("audit.head", entries.size()));
    if (capped) {
      b.append(' ').append(ctx.tr("audit.capped", MAX, ctx.arg(0)));
    }
    b.append('\n');
    for (AuditEntry e : entries) {
      b.append('\n').append(AuditView.line(e, ctx));
    }
    if (scope.all()) {
      b.append(unknownChats(ctx));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }

  /** Unknown chats leave no entries, only counts: the last day's, in one line. */
  private static String unknownChats(Context ctx) {
    UnknownChatTally t = ctx.deps().audit().unknownChats(ctx.now().minus(Duration.ofDays(1)));
    if (t.answered() == 0) {
      return "";
    }
    return "\n\n" + ctx.tr("audit.unknownChats", t.answered(), t.chats(), t.sharedAnswered());
  }
}
