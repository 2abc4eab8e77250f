package dev.sendersbot.chat;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.store.PendingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Plain words, with what to do, for every failure a user can meet, in the reader's language. */
final class Errors {
  private Errors() {}

  static String smsc(SmscError e, Context ctx) {
    Texts t = ctx.t;
    StringBuilder b = new StringBuilder(explanation(t, e));
    Instant now = ctx.now();
    if (e.is(SmscErrorCode.RATE_LIMITED)) {
      b.append(' ')
          .append(
              t.t("error.rateLimited", new Markup(t.when(now.plus(Duration.ofMinutes(1)), now))));
    } else if (e.is(SmscErrorCode.CODE_ALREADY_SENT)) {
      pendingFor(ctx)
          .ifPresentOrElse(
              p ->
                  b.append(' ')
                      .append(
                          t.t(
                              "error.codeSentAt",
                              p.phone(),
                              new Markup(t.time(p.sentAt(), now)),
                              new Markup(
                                  t.when(p.sentAt().plus(SendCodeCommand.RESEND_AFTER), now)))),
              () ->
                  b.append(' ')
                      .append(
                          t.t(
                              "error.codeSentUnknown",
                              new Markup(t.when(now.plus(SendCodeCommand.RESEND_AFTER), now)))));
    }
    return b.toString();
  }

  /** The provider's error in the reader's words; an unknown code with the provider's own. */
  static String explanation(Texts t, SmscError e) {
    int code = e.rawCode();
    if (ProviderWords.knowsError(t, code)) {
      return t.t("error.smsc.known", Integer.toString(code), t.m("smsc.error." + code));
    }
    Optional<String> own = SmscError.ownWords(code, e.description());
    if (code <= 0) {
      return own.map(d -> t.t("error.smsc.noCodeSays", d))
          .orElseGet(() -> t.t("error.smsc.noCode"));
    }
    return own.map(d -> t.t("error.smsc.unknownSays", Integer.toString(code), d))
        .orElseGet(() -> t.t("error.smsc.unknown", Integer.toString(code)));
  }

  /** The pending entry for the phone the command names, if any. */
  private static Optional<PendingCode> pendingFor(Context ctx) {
    try {
      String raw = SendCodeCommand.typed(ctx);
      if (raw == null) {
        return Optional.empty();
      }
      return ctx.deps().pendingCodes().find(ctx.chat.id(), SenderNames.checkPhone(raw), ctx.now());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String refusal(Texts t, GatewayRefusal e) {
    String why = t.t("error.refusal." + e.reason().name());
    Duration after = e.retryAfter();
    if (after == null || e.reason() == GatewayRefusal.Reason.CREDENTIALS) {
      return why;
    }
    return why + " " + t.t("error.retryIn", Math.max(1, (after.toMillis() + 999) / 1000));
  }

  static String transport(Texts t, SmscTransportException e) {
    // A change whose answer was lost may have been made: trying it again blindly could add a
    // name twice or meet error 5, so the reader is told to look first.
    return t.t("error.transport." + e.kind().name() + (e.mayHaveTakenEffect() ? ".unsure" : ""));
  }

  /**
   * Bad input: what is wrong, and the syntax (for a command). A {@link BadInput} says it in the
   * reader's words; any other (a validator's message) is shown as it is.
   */
  static String badInput(Texts t, IllegalArgumentException e, CommandSpec spec) {
    String said;
    if (e instanceof BadInput b) {
      said = t.t(b.key(), b.args());
    } else {
      said = InputWords.of(t, e);
    }
    return t.t("error.badInput", new Markup(said))
        + (spec == null ? "" : "\n" + t.t("error.usage", spec.syntax(t)));
  }
}
