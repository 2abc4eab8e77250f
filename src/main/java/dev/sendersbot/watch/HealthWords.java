package dev.sendersbot.watch;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.status.FailureWords;
import dev.sendersbot.status.Wording;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why the watcher could not read names, in the reader's words: the owners' alerts and {@code
 * /status} say it from the bundles; the log keeps the English of {@link PollHealth.Failure}. Each
 * wording keeps the values it needs (codes, kinds, the provider's own text as data), never the
 * exception.
 */
final class HealthWords {
  private HealthWords() {}

  /** Words that are data (an unexpected exception's, a gateway's text-only reason), escaped. */
  static Wording verbatim(String words) {
    return t -> Html.escape(words);
  }

  /** Why a provider call failed or was not made. */
  static Wording of(RuntimeException e) {
    if (e instanceof GatewayRefusal r) {
      return refusal(r.reason());
    }
    if (e instanceof SmscError err) {
      return smscError(err);
    }
    if (e instanceof SmscTransportException x) {
      return transport(x);
    }
    return verbatim(e.toString());
  }

  private static Wording refusal(GatewayRefusal.Reason reason) {
    Integer code =
        switch (reason) {
          case CREDENTIALS -> SmscErrorCode.CREDENTIALS.code();
          case IP_BLOCKED -> SmscErrorCode.IP_BLOCKED.code();
          default -> null;
        };
    return t ->
        code != null && ProviderWords.knowsError(t, code)
            ? known(t, code)
            : t.t("health.refusal." + reason.name());
  }

  private static Wording transport(SmscTransportException x) {
    return FailureWords.of(x);
  }

  /**
   * A provider error: the bundles' words for a code they know (without the operation: the poll line
   * says it is a list), else as {@code /status} says it.
   */
  static Wording smscError(SmscError e) {
    int code = e.rawCode();
    Wording otherwise = FailureWords.of(e);
    return t -> ProviderWords.knowsError(t, code) ? known(t, code) : otherwise.html(t);
  }

  private static String known(Texts t, int code) {
    return t.t("health.smscError", Integer.toString(code), t.m("smsc.error." + code));
  }

  /** Every provider call is stopped (credentials rejected, IP blocked). */
  static Wording suspended(GatewayStatus st) {
    List<GatewayRefusal.Reason> reasons = st.suspendedFor();
    String text = st.suspension();
    return t ->
        t.t(
            "health.suspended",
            new Markup(
                reasons.isEmpty()
                    ? Html.escape(text)
                    : reasons.stream()
                        .map(r -> t.t("status.suspension." + r.name()))
                        .collect(Collectors.joining("; "))));
  }

  /**
   * The gateway served its cached list instead of asking the provider.
   *
   * @param provider whether the provider's trouble held it back rather than the bot's budget
   * @param st the gateway's state, whose last error is quoted; may be null
   */
  static Wording cached(boolean provider, GatewayStatus st) {
    Wording why;
    if (!provider) {
      why = t -> t.t("health.cached.budget");
    } else if (st == null || st.lastError() == null) {
      why = t -> t.t("health.cached.trouble");
    } else {
      Wording last = gatewayFailure(st);
      why = t -> t.t("health.cached.lastError", new Markup(last.html(t)));
    }
    return t -> t.t("health.cached", new Markup(why.html(t)));
  }

  /** The gateway's last failure; one it gave as text only is shown as it is. */
  private static Wording gatewayFailure(GatewayStatus st) {
    SmscException f = st.lastFailure();
    return f == null ? verbatim(st.lastError()) : of(f);
  }

  /** The bot's own database could not be read. */
  static Wording database(String why) {
    return t -> t.t("health.database", why);
  }

  /** For a sub-client's chats: a held-back list's words may quote another sub-client's error. */
  static Wording heldBackThisTime() {
    return t -> t.t("health.notRead.heldBack");
  }

  /** For a sub-client's chats: not asked at all, because a trouble stopped every call. */
  static Wording notRead(PollHealth.Trouble stop) {
    String why =
        switch (stop) {
          case CREDENTIALS, IP_BLOCKED -> stop.name();
          default -> "SUSPENDED";
        };
    return t -> t.t("health.notRead." + why);
  }
}
