package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.message.Reply;
import dev.sendersbot.status.WatcherStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code /status}: the provider as the gateway sees it, and the watcher. When provider calls are
 * paused until a person acts (error 2), an owner gets a button to resume them.
 *
 * <p>A chat bound to a sub-client sees that sub-client's story only: whether calls are paused and
 * the connection works (they hold for every sub-client alike), when its own names were last read
 * and why they could not be, and its own waiting notifications. The gateway's last error and totals
 * come from every sub-client's calls, so it does not see them.
 */
final class StatusCommand implements Command {
  static final String RESUME = "resume";

  @Override
  public String run(Context ctx) {
    Instant now = ctx.now();
    GatewayStatus g = ctx.deps().gateway().status();
    StringBuilder b = new StringBuilder("<b>Provider</b>\n");
    if (g.suspension() != null) {
      b.append("⛔ Provider calls are paused: ").append(escape(g.suspension()));
      if (g.suspendedUntil() != null) {
        b.append(", until ").append(Views.when(g.suspendedUntil(), now));
      }
      b.append('\n');
    }
    boolean scoped = ctx.sub() != null;
    if (scoped) {
      b.append("Connection: ").append(circuit(g.circuit())).append('\n');
      b.append("The account's request figures show in chats not bound to a sub-client.\n");
    } else {
      accountFigures(b, g, now);
    }
    b.append("\n<b>Watcher</b>\n");
    WatcherStatus w = ctx.deps().watcher().get();
    if (w != null && scoped) {
      w = w.scopedTo(ctx.sub(), ctx.chat.id());
    }
    if (w == null) {
      b.append("Not running: status changes are not watched.\n");
    } else {
      b.append("Last poll: ").append(Views.ago(w.lastPoll(), now)).append('\n');
      if (w.nextPoll() == null) {
        b.append("Next poll: none scheduled\n");
      } else {
        b.append("Next poll: ")
            .append(
                w.nextPoll().isAfter(now)
                    ? "in " + Views.duration(Duration.between(now, w.nextPoll()))
                    : "due now")
            .append('\n');
      }
      if (w.lastError() != null) {
        b.append("Last poll failed: ").append(escape(w.lastError())).append('\n');
      }
      b.append(
              scoped
                  ? "Notifications waiting to be sent to this chat: "
                  : "Notifications waiting to be sent: ")
          .append(w.outboxDepth())
          .append('\n');
    }
    Reply reply = Reply.html(b.toString());
    if (ctx.owner() && g.suspension() != null && g.suspendedUntil() == null) {
      reply =
          reply.withKeyboard(
              List.of(
                  List.of(
                      ctx.button(
                          "▶ Resume provider calls", ctx.user.id(), RESUME, Duration.ofHours(1)))));
    }
    ctx.reply(reply);
    return Outcome.OK;
  }

  /** What every sub-client's calls add up to: for chats that see the whole account. */
  private static void accountFigures(StringBuilder b, GatewayStatus g, Instant now) {
    b.append("Last answer: ").append(Views.ago(g.lastSuccess(), now)).append('\n');
    if (g.lastError() != null) {
      b.append("Last error: ").append(escape(g.lastError()));
      if (g.lastErrorAt() != null) {
        b.append(" (").append(Views.ago(g.lastErrorAt(), now)).append(')');
      }
      b.append('\n');
    }
    b.append("Connection: ").append(circuit(g.circuit())).append('\n');
    b.append("Cache: ")
        .append(g.cacheEntries())
        .append(g.cacheEntries() == 1 ? " list" : " lists")
        .append(", ")
        .append(Math.round(g.cacheHitRate() * 100))
        .append("% answered from cache\n");
    b.append("Rate budget: ")
        .append(g.listRequestsLastMinute())
        .append(" list requests in the last minute, ")
        .append(g.createsLastMinute())
        .append(" of ")
        .append(g.createsPerMinute())
        .append(" creations, ")
        .append(g.inFlight())
        .append(" of ")
        .append(g.maxInFlight())
        .append(" requests running\n");
    b.append("Provider requests since start: ").append(g.providerRequests()).append('\n');
  }

  private static String circuit(String c) {
    if (c == null) {
      return "unknown";
    }
    return switch (c.toLowerCase(Locale.ROOT)) {
      case "closed" -> "healthy";
      case "open" -> "the provider is not answering; calls are held back and it is checked gently";
      case "half-open" -> "checking whether the provider answers again";
      default -> escape(c);
    };
  }

  /** An owner's resume after the credentials were fixed. */
  static final class ResumePress implements Press {
    @Override
    public String run(Context ctx) {
      ctx.deps().gateway().resume();
      ctx.edit(
          ctx.pressedMessageId,
          Reply.html(
              "▶ Provider calls resumed by "
                  + escape(ctx.user.label())
                  + ". /status shows whether they succeed."));
      ctx.toast("Resumed");
      return Outcome.OK;
    }
  }

  static Press.Spec resumeSpec() {
    return new Press.Spec(RESUME, "status", Role.ADMIN, true, true, new ResumePress());
  }
}
