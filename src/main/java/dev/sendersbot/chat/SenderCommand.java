package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.Answer;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.message.Button;
import dev.sendersbot.smsc.Sender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code /sender NAME}: one name in full. */
final class SenderCommand implements Command {
  /** The action of a "card" button, which the watcher's alerts carry too (args: the name). */
  static final String CARD = Button.CARD_ACTION;

  @Override
  public String run(Context ctx) {
    return show(ctx, Names.only(ctx));
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }

  static String show(Context ctx, String name) {
    Answer<List<Sender>> list = SendersView.list(ctx);
    Optional<Sender> s = Names.find(list, name);
    if (s.isEmpty()) {
      ctx.reply(ctx.tr("card.notFound", name));
      return Outcome.failed("not found");
    }
    StringBuilder b =
        new StringBuilder(
            Views.card(ctx.t, s.get(), Comments.recall(ctx, s.get().name()).orElse(null)));
    Duration age = list.age(ctx.now());
    if (age.getSeconds() >= 1) {
      b.append(ctx.tr("card.asOf", new Markup(ctx.t.duration(age))));
    }
    ctx.reply(b.toString());
    return Outcome.OK;
  }

  /** The card button of an alert or a list. */
  static final class CardPress implements Press {
    @Override
    public String run(Context ctx) {
      return show(ctx, ctx.pressArgs.get(0));
    }

    @Override
    public String subject(List<String> args) {
      return args.get(0);
    }
  }

  static Press.Spec cardSpec() {
    return new Press.Spec(CARD, "sender", Role.VIEWER, false, false, new CardPress());
  }
}
