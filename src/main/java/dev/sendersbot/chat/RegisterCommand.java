package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.Operator;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.SenderRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /register NAME OPERATOR…}: request registration at operators. */
final class RegisterCommand implements Command {
  static final String REGISTER = "reg";

  @Override
  public String run(Context ctx) {
    String name = Names.required(ctx, 0);
    if (ctx.args().size() < 2) {
      throw new BadInput("bad.noOperator", validCodes());
    }
    Map<String, Operator> ops = new LinkedHashMap<>();
    for (String code : ctx.args().subList(1, ctx.args().size())) {
      for (String c : code.split(",")) {
        if (c.isBlank()) {
          continue;
        }
        Operator op =
            Operators.find(c)
                .orElseThrow(() -> new BadInput("bad.unknownOperator", c.strip(), validCodes()));
        checkPossibleFromChat(op);
        ops.put(op.flag(), op);
      }
    }
    return register(ctx, name, List.copyOf(ops.values()));
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }

  static String register(Context ctx, String name, List<Operator> ops) {
    SenderRef ref = SenderRef.name(name);
    ctx.deps()
        .gateway()
        .change(
            new ChangeRequest(
                ref,
                null,
                ops.stream().map(Operator::flag).collect(Collectors.toSet()),
                null,
                ctx.sub()));
    ctx.reply(
        ctx.tr(
            "register.done",
            ref.name(),
            new Markup(
                ops.stream()
                    .map(op -> ProviderWords.operator(ctx.t, op.flag(), op.displayName()))
                    .collect(Collectors.joining(", ")))));
    return Outcome.OK;
  }

  /** An operator's name as a button's label (plain text) in the reader's words. */
  static String label(Context ctx, Operator op) {
    return Html.visibleText(ProviderWords.operator(ctx.t, op.flag(), op.displayName()));
  }

  static String validCodes() {
    return Operators.KNOWN.stream()
        .map(Operator::code)
        .filter(c -> !c.equals("ua"))
        .collect(Collectors.joining(", "));
  }

  /**
   * Registration for Ukraine at the national rate needs organisation details the chat cannot take.
   */
  private static void checkPossibleFromChat(Operator op) {
    if (op.flag().equals("ua_reg")) {
      throw new BadInput("bad.uaNeedsDetails");
    }
  }

  /** A registration button offered after /add (args: name, operator code). */
  static final class RegisterPress implements Press {
    @Override
    public String run(Context ctx) {
      Operator op = Operators.find(ctx.pressArgs.get(1)).orElseThrow();
      String outcome = register(ctx, ctx.pressArgs.get(0), List.of(op));
      ctx.toast(Html.visibleText(ctx.tr("register.toast", new Markup(label(ctx, op)))));
      return outcome;
    }

    @Override
    public String subject(List<String> args) {
      return args.get(0);
    }
  }

  static Press.Spec registerSpec() {
    return new Press.Spec(REGISTER, "register", Role.OPERATOR, false, true, new RegisterPress());
  }
}
