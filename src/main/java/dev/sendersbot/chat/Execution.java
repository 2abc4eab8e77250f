package dev.sendersbot.chat;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command or a press whose decision is made: every failure becomes a reply and an outcome.
 */
final class Execution {
  private static final Logger log = LoggerFactory.getLogger(Execution.class);

  /** The audit outcome's reason when no answer came from the provider, before the kind. */
  static final String UNREACHABLE = "provider unreachable";

  private Execution() {}

  /** Runs a command or a press; every failure becomes a reply and an audit outcome. */
  static String run(Context ctx, CommandSpec spec, Supplier<String> body) {
    String what = spec != null ? "/" + spec.name() : "a button";
    try {
      String outcome = body.get();
      return outcome == null ? Outcome.OK : outcome;
    } catch (SmscError e) {
      replyQuietly(ctx, Errors.smsc(e, ctx));
      return Outcome.smsc(e.rawCode());
    } catch (GatewayRefusal e) {
      replyQuietly(ctx, Errors.refusal(ctx.t, e));
      return Outcome.refused(e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    } catch (SmscTransportException e) {
      replyQuietly(ctx, Errors.transport(ctx.t, e));
      return Outcome.failed(UNREACHABLE + " (" + e.kind().name().toLowerCase(Locale.ROOT) + ")");
    } catch (IllegalArgumentException e) {
      replyQuietly(ctx, Errors.badInput(ctx.t, e, spec));
      return Outcome.failed("invalid input");
    } catch (DeliveryException e) {
      log.warn(
          "chat {}: reply to {} not delivered ({}): {}",
          ctx.chat.id(),
          what,
          e.kind(),
          e.getMessage());
      return Outcome.failed("reply not delivered");
    } catch (RuntimeException e) {
      log.error("chat {}: {} failed", ctx.chat.id(), what, e);
      replyQuietly(ctx, ctx.tr("error.somethingWrong"));
      return Outcome.failed(e.getClass().getSimpleName());
    }
  }

  private static void replyQuietly(Context ctx, String html) {
    try {
      if (ctx.pressedMessageId != 0 && ctx.message == null && html.length() < 190) {
        ctx.toast(Html.visibleText(html));
      }
      ctx.reply(html);
    } catch (RuntimeException e) {
      log.warn("chat {}: could not send an error reply: {}", ctx.chat.id(), e.toString());
    }
  }
}
