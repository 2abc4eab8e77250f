package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.store.PendingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Plain words, with what to do, for every failure a user can meet. */
final class Errors {
  static final String SOMETHING_WRONG = "Something went wrong; it has been logged.";

  private Errors() {}

  static String smsc(SmscError e, Context ctx) {
    StringBuilder b = new StringBuilder("⚠️ ").append(escape(e.explanation()));
    Instant now = ctx.now();
    if (e.is(SmscErrorCode.RATE_LIMITED)) {
      b.append(" The provider counts a minute: try again ")
          .append(Views.when(now.plus(Duration.ofMinutes(1)), now))
          .append('.');
    } else if (e.is(SmscErrorCode.CODE_ALREADY_SENT)) {
      pendingFor(ctx)
          .ifPresentOrElse(
              p ->
                  b.append(" The last code to <code>")
                      .append(escape(p.phone()))
                      .append("</code> was sent ")
                      .append(Views.time(p.sentAt(), now))
                      .append("; reply with it, or send a new one ")
                      .append(Views.when(p.sentAt().plus(SendCodeCommand.RESEND_AFTER), now))
                      .append('.'),
              () ->
                  b.append(
                          " This chat has no record of when it was sent, so a new one is possible at the latest ")
                      .append(Views.when(now.plus(SendCodeCommand.RESEND_AFTER), now))
                      .append('.'));
    }
    return b.toString();
  }

  /** The pending entry for the phone in the command's first argument, if any. */
  private static Optional<PendingCode> pendingFor(Context ctx) {
    String raw = ctx.arg(0);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return ctx.deps().pendingCodes().find(ctx.chat.id(), SenderNames.checkPhone(raw), ctx.now());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String refusal(GatewayRefusal e) {
    return "⏳ " + escape(e.explanation());
  }

  static String transport(SmscTransportException e) {
    return "⚠️ " + escape(e.explanation());
  }

  /** Bad input: what is wrong, and the syntax (for a command). */
  static String badInput(IllegalArgumentException e, CommandSpec spec) {
    String msg = e.getMessage() == null ? "invalid input" : e.getMessage();
    String first = msg.isEmpty() ? msg : Character.toUpperCase(msg.charAt(0)) + msg.substring(1);
    return "⚠️ "
        + escape(first)
        + (first.endsWith(".") ? "" : ".")
        + (spec == null ? "" : "\nUsage: <code>" + escape(spec.syntax()) + "</code>");
  }
}
