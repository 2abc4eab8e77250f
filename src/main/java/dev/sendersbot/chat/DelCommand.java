package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.SenderRef;
import java.time.Duration;
import java.util.List;

/**
 * {@code /del NAME}: asks for confirmation with a button only the same user can press, for five
 * minutes; the token is taken on the press, so two presses delete once.
 */
final class DelCommand implements Command {
  static final String DELETE = "del";
  static final String CANCEL = "delno";
  static final Duration CONFIRM_TTL = Duration.ofMinutes(5);

  @Override
  public String run(Context ctx) {
    SenderRef ref = SenderRef.name(Names.required(ctx, 0));
    if (ctx.args().size() > 1) {
      throw new BadInput("bad.deleteOne");
    }
    Button yes =
        ctx.button(
            Html.visibleText(ctx.tr("del.button", ref.name())),
            ctx.user.id(),
            DELETE,
            CONFIRM_TTL,
            ref.name());
    Button no =
        ctx.button(
            Html.visibleText(ctx.tr("del.cancelButton")),
            ctx.user.id(),
            CANCEL,
            CONFIRM_TTL,
            ref.name(),
            yes.data());
    ctx.reply(
        Reply.html(
                ctx.tr(
                    "del.ask",
                    ref.name(),
                    ctx.user.label(),
                    new Markup(ctx.t.duration(CONFIRM_TTL))))
            .withKeyboard(List.of(List.of(yes, no))));
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }

  static final class DeletePress implements Press {
    @Override
    public String run(Context ctx) {
      SenderRef ref = SenderRef.name(ctx.pressArgs.get(0));
      DeleteRequest req = new DeleteRequest(ref, ctx.sub());
      ctx.deps().gateway().delete(req);
      Comments.forget(ctx, req.user(), ref.name());
      ctx.edit(ctx.pressedMessageId, Reply.html(ctx.tr("del.done", ref.name(), ctx.user.label())));
      ctx.toast(ctx.tr("del.toast"));
      return Outcome.OK;
    }

    @Override
    public String subject(List<String> args) {
      return args.get(0);
    }
  }

  static final class CancelPress implements Press {
    @Override
    public String run(Context ctx) {
      // The Delete button is taken here, so a Delete pressed next does nothing. Found gone, it was
      // pressed first (or expired): the message must keep saying what happened.
      if (ctx.pressArgs.size() > 1
          && ctx.deps().buttons().take(ctx.pressArgs.get(1), ctx.now()).isEmpty()) {
        ctx.toast(ctx.tr("button.expired"));
        return Outcome.refused("button already used");
      }
      ctx.edit(ctx.pressedMessageId, Reply.html(ctx.tr("del.cancelled", ctx.pressArgs.get(0))));
      return Outcome.OK;
    }

    @Override
    public String subject(List<String> args) {
      return args.get(0);
    }
  }

  static Press.Spec deleteSpec() {
    return new Press.Spec(DELETE, "del", Role.ADMIN, false, true, new DeletePress());
  }

  static Press.Spec cancelSpec() {
    return new Press.Spec(CANCEL, "del", Role.ADMIN, false, true, new CancelPress());
  }
}
