package dev.sendersbot.chat;

import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.SenderRef;
import java.util.Set;

/** {@code /chg NAME comment}: change a name's comment. */
final class ChgCommand implements Command {
  @Override
  public String run(Context ctx) {
    SenderRef ref = SenderRef.name(Names.required(ctx, 0));
    if (ctx.args().size() < 2) {
      throw new BadInput("bad.commentMissing");
    }
    String comment = ctx.line.rest(1);
    ChangeRequest req = new ChangeRequest(ref, comment, Set.of(), null, ctx.sub());
    ctx.deps().gateway().change(req);
    Comments.remember(ctx, req.user(), ref.name(), comment);
    ctx.reply(ctx.tr("chg.done", ref.name(), comment));
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }
}
