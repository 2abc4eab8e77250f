package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.status.FailureWords;
import dev.sendersbot.status.WatcherStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code /status}: the provider as the gateway sees it, and the watcher. When provider calls are
 * paused until a person acts (error 2), an owner gets a button to resume them.
 *
 * <p>A chat bound to a sub-client sees that sub-client's story only: whether calls are paused and
 * the connection works (they hold for every sub-client alike), when its own names were last read
 * and why they could not be, and its own waiting notifications. The gateway's last error and totals
 * come from every sub-client's calls, so it does not see them.
 *
 * <p>The gateway's and the watcher's last errors are said in the reader's words; what only the
 * provider or the transport said (a description, an unknown code's text) is quoted as data.
 */
final class StatusCommand implements Command {
  static final String RESUME = "resume";

  @Override
  public String run(Context ctx) {
    Instant now = ctx.now();
    Texts t = ctx.t;
    GatewayStatus g = ctx.deps().gateway().status();
    StringBuilder b = new StringBuilder(t.t("status.provider")).append('\n');
    if (g.suspension() != null) {
      Markup why = new Markup(suspension(t, g));
      b.append(
              g.suspendedUntil() == null
                  ? t.t("status.paused", why)
                  : t.t("status.pausedUntil", why, new Markup(t.when(g.suspendedUntil(), now))))
          .append('\n');
    }
    boolean scoped = ctx.sub() != null;
    if (scoped) {
      b.append(t.t("status.connection", new Markup(circuit(t, g.circuit())))).append('\n');
      b.append(t.t("status.scopedFigures")).append('\n');
    } else {
      accountFigures(t, b, g, now);
    }
    b.append('\n').append(t.t("status.watcher")).append('\n');
    WatcherStatus w = ctx.deps().watcher().get();
    if (w != null && scoped) {
      w = w.scopedTo(ctx.sub(), ctx.chat.id());
    }
    if (w == null) {
      b.append(t.t("status.notRunning")).append('\n');
    } else {
      b.append(t.t("status.lastPoll", new Markup(t.ago(w.lastPoll(), now)))).append('\n');
      if (w.nextPoll() == null) {
        b.append(t.t("status.nextNone"));
      } else if (w.nextPoll().isAfter(now)) {
        b.append(t.t("status.nextIn", new Markup(t.after(Duration.between(now, w.nextPoll())))));
      } else {
        b.append(t.t("status.nextDue"));
      }
      b.append('\n');
      if (w.lastError() != null) {
        b.append(t.t("status.pollFailed", new Markup(w.lastError().html(t)))).append('\n');
      }
      b.append(t.t(scoped ? "status.waitingHere" : "status.waiting", w.outboxDepth())).append('\n');
    }
    Reply reply = Reply.html(b.toString());
    if (ctx.owner() && g.suspension() != null && g.suspendedUntil() == null) {
      reply =
          reply.withKeyboard(
              List.of(
                  List.of(
                      ctx.button(
                          Html.visibleText(t.t("status.resumeButton")),
                          ctx.user.id(),
                          RESUME,
                          Duration.ofHours(1)))));
    }
    ctx.reply(reply);
    return Outcome.OK;
  }

  /**
   * Why every call stops, in the reader's words; a reason the gateway gave only as text (a fake's)
   * is shown as it is.
   */
  private static String suspension(Texts t, GatewayStatus g) {
    List<GatewayRefusal.Reason> reasons = g.suspendedFor();
    if (reasons.isEmpty()) {
      return escape(g.suspension());
    }
    return reasons.stream()
        .map(r -> t.t("status.suspension." + r.name()))
        .collect(Collectors.joining("; "));
  }

  /** What every sub-client's calls add up to: for chats that see the whole account. */
  private static void accountFigures(Texts t, StringBuilder b, GatewayStatus g, Instant now) {
    b.append(t.t("status.lastAnswer", new Markup(t.ago(g.lastSuccess(), now)))).append('\n');
    if (g.lastError() != null) {
      Markup what = new Markup(failure(t, g));
      b.append(
              g.lastErrorAt() == null
                  ? t.t("status.lastError", what)
                  : t.t("status.lastErrorAgo", what, new Markup(t.ago(g.lastErrorAt(), now))))
          .append('\n');
    }
    b.append(t.t("status.connection", new Markup(circuit(t, g.circuit())))).append('\n');
    b.append(t.t("status.cache", g.cacheEntries(), Math.round(g.cacheHitRate() * 100)))
        .append('\n');
    b.append(
            t.t(
                "status.budget",
                g.listRequestsLastMinute(),
                g.createsLastMinute(),
                g.createsPerMinute(),
                g.inFlight(),
                g.maxInFlight()))
        .append('\n');
    b.append(t.t("status.requests", g.providerRequests())).append('\n');
  }

  /**
   * The gateway's last failure in the reader's words ({@link FailureWords}, as the watcher says
   * it); a failure the gateway gave as text only is shown as it is.
   */
  static String failure(Texts t, GatewayStatus g) {
    SmscException f = g.lastFailure();
    return f == null ? escape(g.lastError()) : FailureWords.of(f).html(t);
  }

  private static String circuit(Texts t, String c) {
    if (c == null) {
      return t.t("status.circuit.unknown");
    }
    return switch (c.toLowerCase(Locale.ROOT)) {
      case "closed" -> t.t("status.circuit.closed");
      case "open" -> t.t("status.circuit.open");
      case "half-open" -> t.t("status.circuit.halfOpen");
      default -> escape(c);
    };
  }

  /** An owner's resume after the credentials were fixed. */
  static final class ResumePress implements Press {
    @Override
    public String run(Context ctx) {
      ctx.deps().gateway().resume();
      ctx.edit(ctx.pressedMessageId, Reply.html(ctx.tr("status.resumed", ctx.user.label())));
      ctx.toast(ctx.tr("status.resumedToast"));
      return Outcome.OK;
    }
  }

  static Press.Spec resumeSpec() {
    return new Press.Spec(RESUME, "status", Role.ADMIN, true, true, new ResumePress());
  }
}
