package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.store.ChatAlerts.Mute;
import dev.sendersbot.store.ChatAlerts.Settings;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;

/**
 * Every reply of {@code /mute}, {@code /unmute}, {@code /mutes}, {@code /quiet}, {@code /summary}
 * and the mute buttons, in the reader's words and zone; the code adds only tags and the values.
 */
final class AlertTexts {
  private AlertTexts() {}

  static Markup what(Texts t, Collection<String> names) {
    if (names.isEmpty()) {
      return t.m("alert.everyName");
    }
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ", ").append("<code>").append(escape(n)).append("</code>");
    }
    return new Markup(b.toString());
  }

  static Markup until(Texts t, Instant until) {
    return until == null ? t.m("alert.untilUnmute") : t.m("alert.until", t.dateTime(until));
  }

  static String muted(Texts t, Collection<String> names, Instant until) {
    return t.t("alert.muted", what(t, names), until(t, until));
  }

  /** A toast is plain text: the names go in as they are. */
  static String mutedToast(Texts t, Collection<String> names, Instant until) {
    return dev.sendersbot.message.Html.visibleText(
        t.t("alert.mutedToast", String.join(", ", names), until(t, until)));
  }

  static String unmuted(Texts t, int n) {
    return n == 0 ? t.t("alert.unmutedNothing") : t.t("alert.unmuted");
  }

  static String noMutes(Texts t) {
    return t.t("alert.noMutes");
  }

  static String mutes(Texts t, List<Mute> mutes) {
    StringBuilder b = new StringBuilder(t.t("alert.mutesHead"));
    for (Mute m : mutes) {
      b.append('\n')
          .append(m.everyName() ? t.t("alert.everyName") : "<code>" + escape(m.name()) + "</code>")
          .append(' ')
          .append(until(t, m.until()).html());
    }
    return b.toString();
  }

  static String quietOn(Texts t, LocalTime from, LocalTime to) {
    return t.t("alert.quietOn", from.toString(), to.toString());
  }

  static String quietOff(Texts t) {
    return t.t("alert.quietOff");
  }

  static String summaryOn(Texts t, LocalTime at, boolean always) {
    return t.t(always ? "alert.summaryOnAlways" : "alert.summaryOn", at.toString());
  }

  static String summaryOff(Texts t) {
    return t.t("alert.summaryOff");
  }

  static String settings(Texts t, Settings s) {
    return (s.quietFrom() == null
            ? t.t("alert.quietNone")
            : t.t("alert.quietAt", s.quietFrom().toString(), s.quietTo().toString()))
        + "; "
        + (s.summaryAt() == null
            ? t.t("alert.summaryNone")
            : t.t("alert.summaryAt", s.summaryAt().toString()));
  }
}
