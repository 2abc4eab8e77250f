package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.smsc.ModerationStatus;
import dev.sendersbot.smsc.Operator;
import dev.sendersbot.smsc.OperatorStatus;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.store.SenderComment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Words for statuses, ages and times, and the HTML of one sender name. Every value escaped. */
final class Views {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Views() {}

  /** "40 s", "3 min", "2 h 5 min", "3 d 4 h". */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 48) {
      return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
    }
    return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
  }

  /** "20:15 UTC" today, "26 Nov 20:15 UTC" on another day. */
  static String time(Instant t, Instant now) {
    boolean sameDay =
        t.atZone(ZoneOffset.UTC).toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate());
    return (sameDay ? TIME : DATE_TIME).format(t);
  }

  /** "at 20:15 UTC (in 7 h 45 min)" or "now" when already past. */
  static String when(Instant t, Instant now) {
    if (!t.isAfter(now)) {
      return "now";
    }
    return "at " + time(t, now) + " (in " + duration(Duration.between(now, t)) + ")";
  }

  /** "12 s ago", or "never". */
  static String ago(Instant t, Instant now) {
    if (t == null) {
      return "never";
    }
    return duration(Duration.between(t, now)) + " ago";
  }

  static String moderation(Sender s) {
    return ModerationStatus.describe(s.moderation());
  }

  static String operator(String flag, Integer code) {
    return escape(Operators.displayName(flag)) + ": " + escape(OperatorStatus.describe(code));
  }

  /** One line of the list: the name, its moderation, and the operators where something happened. */
  static String line(Sender s) {
    StringBuilder b =
        new StringBuilder("<code>")
            .append(escape(s.name()))
            .append("</code> — ")
            .append(escape(moderation(s)));
    List<String> ops = new ArrayList<>();
    int waiting = 0;
    for (Map.Entry<String, Integer> e : s.operators().entrySet()) {
      // Status 0 is the provider's default for every flag, so listing it for each name is noise;
      // the card shows all of them.
      if (e.getValue() != null && e.getValue() == 0) {
        waiting++;
      } else {
        ops.add(operator(e.getKey(), e.getValue()));
      }
    }
    if (!ops.isEmpty()) {
      b.append(" · ").append(String.join("; ", ops));
    } else if (waiting > 0) {
      b.append(" · no operator registration yet");
    }
    return b.toString();
  }

  /**
   * The card of one name: every known operator, with "not requested" where the provider reported no
   * status, then any other status field it reported.
   *
   * @param remembered the comment the bot set on the name; null if none
   */
  static String card(Sender s, SenderComment remembered) {
    StringBuilder b = new StringBuilder("<b>").append(escape(s.name())).append("</b>\n");
    b.append("Id: ").append(s.id()).append('\n');
    b.append("Comment: ").append(commentText(s, remembered)).append('\n');
    b.append("Moderation: ").append(escape(moderation(s))).append('\n');
    b.append("Operators:\n");
    for (Operator o : Operators.KNOWN) {
      Integer code = s.operators().get(o.flag());
      b.append("• ")
          .append(
              code == null ? escape(o.displayName()) + ": not requested" : operator(o.flag(), code))
          .append('\n');
    }
    for (Map.Entry<String, Integer> e : s.operators().entrySet()) {
      if (Operators.KNOWN.stream().noneMatch(o -> o.flag().equals(e.getKey()))) {
        b.append("• ").append(operator(e.getKey(), e.getValue())).append('\n');
      }
    }
    return b.toString();
  }

  /** The provider's comment if its answer has one, else the one the bot set, saying who set it. */
  private static String commentText(Sender s, SenderComment remembered) {
    String fromProvider = comment(s);
    if (fromProvider != null && !fromProvider.isBlank()) {
      return escape(fromProvider);
    }
    if (remembered != null) {
      return escape(remembered.comment())
          + " <i>(set by "
          + escape(remembered.setByLabel())
          + " on "
          + DATE.format(remembered.setAt())
          + " via the bot)</i>";
    }
    return "<i>no comment recorded</i>";
  }

  /** The comment if the provider's answer carries one (its field is not documented for lists). */
  static String comment(Sender s) {
    for (String key : List.of("cmt", "comment")) {
      String raw = s.extra().get(key);
      if (raw != null) {
        return unquote(raw);
      }
    }
    return null;
  }

  /** Extra fields are kept as JSON text: a string value arrives quoted. */
  private static String unquote(String json) {
    String t = json.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return "null".equals(t) ? null : t;
  }
}
