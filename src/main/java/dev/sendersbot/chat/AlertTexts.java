package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.store.ChatAlerts.Mute;
import dev.sendersbot.store.ChatAlerts.Settings;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * Every reply of {@code /mute}, {@code /unmute}, {@code /mutes}, {@code /quiet}, {@code /summary}
 * and the mute buttons, one small method each, to move into the message bundles as they are.
 */
final class AlertTexts {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private AlertTexts() {}

  static String what(Collection<String> names) {
    if (names.isEmpty()) {
      return "every name";
    }
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ", ").append("<code>").append(escape(n)).append("</code>");
    }
    return b.toString();
  }

  static String until(Instant until, ZoneId zone) {
    return until == null ? "until you /unmute" : "until " + WHEN.withZone(zone).format(until);
  }

  static String muted(Collection<String> names, Instant until, ZoneId zone) {
    return "🔕 Muted "
        + what(names)
        + " in this chat "
        + until(until, zone)
        + ". When the mute ends you get one summary of what happened meanwhile.";
  }

  static String mutedToast(Collection<String> names, Instant until, ZoneId zone) {
    return "🔕 Muted " + String.join(", ", names) + " " + until(until, zone);
  }

  static String unmuted(int n) {
    return n == 0
        ? "Nothing was muted here."
        : "🔔 Unmuted. What happened meanwhile follows in one summary, if anything did.";
  }

  static String noMutes() {
    return "Nothing is muted in this chat. Mute with /mute or the 🔕 buttons under an alert.";
  }

  static String mutes(List<Mute> mutes, ZoneId zone) {
    StringBuilder b = new StringBuilder("🔕 <b>Muted in this chat</b>");
    for (Mute m : mutes) {
      b.append("\n")
          .append(m.everyName() ? "every name" : "<code>" + escape(m.name()) + "</code>")
          .append(" ")
          .append(until(m.until(), zone));
    }
    return b.toString();
  }

  static String quietOn(LocalTime from, LocalTime to) {
    return "🌙 Quiet hours "
        + from
        + "-"
        + to
        + " (this chat's time zone): notifications then come without sound, none held back.";
  }

  static String quietOff() {
    return "Quiet hours are off.";
  }

  static String summaryOn(LocalTime at, boolean always) {
    return "☀️ A summary every day at "
        + at
        + " (this chat's time zone)"
        + (always
            ? ", even on a day with nothing to say."
            : ", skipped on a day with nothing to say.");
  }

  static String summaryOff() {
    return "The daily summary is off.";
  }

  static String settings(Settings s) {
    return (s.quietFrom() == null
            ? "No quiet hours"
            : "Quiet hours " + s.quietFrom() + "-" + s.quietTo())
        + "; "
        + (s.summaryAt() == null ? "no daily summary." : "daily summary at " + s.summaryAt() + ".");
  }
}
