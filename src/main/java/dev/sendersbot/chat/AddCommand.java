package dev.sendersbot.chat;

import dev.sendersbot.gateway.Answer;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.Operator;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SubClient;
import dev.sendersbot.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /add NAME [comment]}: add a name, then offer operator registration. */
final class AddCommand implements Command {
  private static final Logger log = LoggerFactory.getLogger(AddCommand.class);

  /** The operators offered as buttons after an add: the paid registrations and Tele2's free one. */
  static final List<String> OFFERED = List.of("mts", "mega", "bee", "motiv", "tele2", "tele2free");

  static final Duration BUTTON_TTL = Duration.ofDays(1);

  /** The audit outcome's reason when the chat's list already has the name. */
  static final String EXISTS = "already exists";

  @Override
  public String run(Context ctx) {
    String name = Names.required(ctx, 0);
    String comment = ctx.line.rest(1);
    AddRequest req = AddRequest.of(name, comment.isEmpty() ? null : comment, ctx.sub());
    // A name the chat's list already has would cost a creation of the minute's budget and earn a
    // vague provider error 5; the list the gateway keeps fresh says so at no cost.
    Optional<Sender> existing = SendersView.fresh(ctx).flatMap(l -> Names.find(l, name));
    Optional<Instant> doubt = existing.isEmpty() ? lostAdd(ctx, name) : Optional.empty();
    if (doubt.isPresent()) {
      // An add of this name got no answer, and the provider may have made it: adding again
      // unchecked could create it twice. Worth a list request. A fresh list was asked after that
      // add superseded the cached ones; a stale one only if it is younger than the add.
      Answer<List<Sender>> list = SendersView.list(ctx);
      if (list.stale() && !list.fetchedAt().isAfter(doubt.get())) {
        ctx.reply(ctx.tr("add.inDoubt", name));
        return Outcome.failed("an earlier add may have been made");
      }
      existing = Names.find(list, name);
    }
    if (existing.isPresent()) {
      ctx.reply(ctx.tr("add.exists", existing.get().name(), Long.toString(existing.get().id())));
      return Outcome.failed(EXISTS);
    }
    long id = ctx.deps().gateway().add(req);
    try {
      return added(ctx, req, comment, id);
    } catch (StoreException e) {
      // The name exists at the provider whatever failed here: say so, not "something went wrong".
      log.error(
          "chat {}: /add {} done, but its comment or buttons not stored", ctx.chat.id(), name, e);
      ctx.reply(
          ctx.tr("add.done", req.sender(), Long.toString(id))
              + '\n'
              + ctx.tr("add.notStored", req.sender()));
      return Outcome.failed("added; comment or buttons not stored");
    }
  }

  /** When the last /add of the name within the chat's sub-client got no answer. */
  private static Optional<Instant> lostAdd(Context ctx, String name) {
    String sub = SubClient.normalise(ctx.sub());
    return AuditEntries.lostAnswer(
        ctx, "add", name, e -> Objects.equals(SubClient.normalise(e.subClient()), sub));
  }

  /** What follows a creation: the comment remembered, the reply with its registration buttons. */
  private static String added(Context ctx, AddRequest req, String comment, long id) {
    if (comment.isEmpty()) {
      // A name deleted elsewhere and added again must not show the comment of its first life.
      Comments.forget(ctx, req.user(), req.sender());
    } else {
      Comments.remember(ctx, req.user(), req.sender(), comment);
    }
    StringBuilder b =
        new StringBuilder(
            comment.isEmpty()
                ? ctx.tr("add.done", req.sender(), Long.toString(id))
                : ctx.tr("add.doneComment", req.sender(), Long.toString(id), comment));
    if (SenderNames.isDigital(req.sender())) {
      b.append('\n').append(ctx.tr("add.digital", req.sender()));
      ctx.reply(b.toString());
      return Outcome.OK;
    }
    b.append('\n').append(ctx.tr("add.registerWith"));
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (String code : OFFERED) {
      Operator op = Operators.find(code).orElseThrow();
      row.add(
          ctx.button(
              RegisterCommand.label(ctx, op),
              0,
              RegisterCommand.REGISTER,
              BUTTON_TTL,
              req.sender(),
              op.code()));
      if (row.size() == 3) {
        rows.add(row);
        row = new ArrayList<>();
      }
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    ctx.reply(Reply.html(b.toString()).withKeyboard(rows));
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }
}
