package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.Role;
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
        "✅ Registration of <code>"
            + escape(ref.name())
            + "</code> requested with "
            + escape(ops.stream().map(Operator::displayName).collect(Collectors.joining(", ")))
            + ". /sender "
            + escape(ref.name())
            + " shows how it goes.");
    return Outcome.OK;
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
      ctx.toast("Requested " + op.displayName());
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
