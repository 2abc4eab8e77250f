package dev.sendersbot.watch;

import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.ModerationStatus;
import dev.sendersbot.smsc.OperatorStatus;
import dev.sendersbot.smsc.Operators;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Every text of live cards, mute buttons, mute summaries and the daily summary, in Telegram HTML
 * with every value escaped. Kept in one place, one small method each, to move into the message
 * bundles as they are.
 */
final class CardTexts {
  private static final DateTimeFormatter MOVE_TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");

  private CardTexts() {}

  /**
   * A name's live card: the name, its moderation, every operator with its status, the last moves.
   *
   * @param state what the watcher knows of the name now; null when it knows nothing
   * @param moves the last moves, each from {@link #move}, oldest first
   */
  static String card(String name, NameState state, List<String> moves) {
    StringBuilder b = new StringBuilder(512);
    b.append("🪪 <b>").append(Html.escape(name)).append("</b>");
    if (state != null) {
      b.append("\nModeration: ").append(Html.escape(ModerationStatus.describe(state.moderation())));
      for (Map.Entry<String, Integer> op : state.operators().entrySet()) {
        b.append("\n")
            .append(Html.escape(Operators.displayName(op.getKey())))
            .append(": ")
            .append(Html.escape(OperatorStatus.describe(op.getValue())));
      }
    }
    if (!moves.isEmpty()) {
      b.append("\n\n<i>Last moves:</i>");
      moves.forEach(m -> b.append('\n').append(m));
    }
    return b.toString();
  }

  /** One move on a card: when, then the change line as a message would have said it. */
  static String move(Instant at, ZoneId zone, String changeHtml) {
    return "<i>" + MOVE_TIME.withZone(zone).format(at) + "</i> " + changeHtml;
  }

  /** Added to a card when a newer card of the name took its place further down. */
  static String movedOn(String cardHtml) {
    return cardHtml + "\n\n⤵️ <i>This card continues in a newer message below.</i>";
  }

  static String cardButton(String name) {
    return "🔎 " + name;
  }

  static String muteHour() {
    return "🔕 1 h";
  }

  static String muteDay() {
    return "🔕 1 day";
  }

  static String muteName(int names) {
    return names == 1 ? "🔕 this name" : "🔕 these names";
  }

  /** The one message when a mute ends: what it held back, or null when it held back nothing. */
  static String muteEnded(String name, List<String> lines, Duration lasted) {
    if (lines.isEmpty()) {
      return null;
    }
    String what =
        name.isEmpty() ? "this chat's notifications" : "<code>" + Html.escape(name) + "</code>";
    StringBuilder b = new StringBuilder();
    b.append("🔔 <b>Mute ended</b> for ")
        .append(what)
        .append(" after ")
        .append(
            dev.sendersbot.i18n.Texts.of(dev.sendersbot.i18n.Lang.EN, java.time.ZoneOffset.UTC)
                .duration(lasted))
        .append(". Meanwhile, ")
        .append(lines.size())
        .append(lines.size() == 1 ? " change:" : " changes:");
    int room = dev.sendersbot.message.Reply.MAX_TEXT - 200;
    int shown = 0;
    for (String line : lines) {
      if (b.length() + line.length() + 1 > room) {
        break;
      }
      b.append('\n').append(line);
      shown++;
    }
    if (shown < lines.size()) {
      b.append("\n… and ").append(lines.size() - shown).append(" more: see /senders.");
    }
    return b.toString();
  }

  /**
   * The daily summary.
   *
   * @param counts how many name-and-operator pairs (and moderations) are in each status, in words
   * @param needAction the names needing action
   */
  static String daily(
      LocalDate day, Map<String, Integer> counts, List<String> needAction, int changes) {
    StringBuilder b = new StringBuilder();
    b.append("☀️ <b>Summary for ").append(day).append("</b>");
    String noun = changes == 1 ? " change" : " changes";
    b.append('\n').append(changes).append(noun).append(" in the last 24 h.");
    if (!counts.isEmpty()) {
      b.append("\n");
      counts.forEach(
          (words, n) -> b.append("\n").append(n).append(" × ").append(Html.escape(words)));
    }
    if (needAction.isEmpty()) {
      b.append("\n\nNo name needs action.");
    } else {
      b.append("\n\n🔴 <b>Need action:</b>");
      for (String n : needAction) {
        b.append(" <code>").append(Html.escape(n)).append("</code>");
      }
    }
    return b.toString();
  }
}
