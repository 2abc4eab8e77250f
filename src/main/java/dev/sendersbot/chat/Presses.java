package dev.sendersbot.chat;

import dev.sendersbot.access.Decision;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.store.ButtonAction;
import java.util.List;
import java.util.Optional;

/**
 * A button press: the token found in the store, the same policy as a command, then the audit entry,
 * then the action; every press is answered with a toast.
 */
final class Presses {
  private final Env env;

  Presses(Env env) {
    this.env = env;
  }

  void handle(Incoming.Callback c, Messenger out) {
    if (!env.known(c.chat().id(), c.user().id())) {
      // Nothing a stranger presses acts, whatever the button: no lookup, one toast a window.
      env.unknownChats.refuse(
          c.chat().id(),
          null,
          () ->
              out.answerCallback(
                  c.callbackId(), env.textsFor(c.chat().id(), c.user()).t("button.noAccess")));
      return;
    }
    String token = c.data();
    Optional<ButtonAction> found =
        token.isEmpty() || token.length() > Button.MAX_DATA_BYTES
            ? Optional.empty()
            : env.deps.buttons().find(token, env.now());
    Optional<Press.Spec> spec = found.flatMap(a -> env.registry.action(a.action()));
    if (spec.isEmpty() || found.get().chatId() != c.chat().id()) {
      // Forged, expired, or from another chat.
      out.answerCallback(c.callbackId(), env.textsFor(c.chat().id(), c.user()).t("button.expired"));
      return;
    }
    ButtonAction action = found.get();
    Press.Spec ps = spec.get();
    List<String> args = Args.split(action.args());
    Decision d = env.deps.policy().decide(c.chat().id(), c.user().id(), ps.least());
    String denial = null;
    if (!d.allowed()) {
      denial = d.reason();
    } else if (ps.ownerOnly() && !d.owner()) {
      denial = "owners only";
    } else if (action.userId() != 0 && action.userId() != c.user().id()) {
      denial = "the button belongs to another user";
    }
    if (denial != null) {
      d = new Decision(false, denial, d.effectiveRole(), d.owner(), d.subClient());
    }
    Context ctx =
        new Context(env, out, c.chat(), c.user(), d, null, null, c.messageId(), token, args);
    String subject = AuditEntries.subject(() -> ps.press().subject(args));
    long auditId =
        env.deps
            .audit()
            .record(
                AuditEntries.of(
                    ctx,
                    ps.auditCommand(),
                    () -> "(button " + ps.action() + ")" + (subject == null ? "" : " " + subject),
                    () -> subject));
    ctx.auditId = auditId;
    String outcome;
    String toast;
    if (!d.allowed()) {
      outcome = Outcome.refused("access denied");
      toast =
          action.userId() != 0 && action.userId() != c.user().id()
              ? ctx.tr("button.notYours")
              : ctx.tr(
                  "button.needsRole",
                  ps.ownerOnly() ? ctx.tr("role.owner") : Roles.word(ctx.t, ps.least()));
    } else if (ps.oneShot() && env.deps.buttons().take(token, env.now()).isEmpty()) {
      outcome = Outcome.refused("button already used");
      toast = ctx.tr("button.expired");
    } else {
      outcome = Execution.run(ctx, null, () -> ps.press().run(ctx));
      toast = ctx.toast();
    }
    AuditEntries.complete(ctx, outcome);
    out.answerCallback(c.callbackId(), toast);
  }
}
