package dev.sendersbot.watch;

import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.Operators;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Every text of live cards, mute buttons, mute summaries and the daily summary, in Telegram HTML
 * with every value escaped, in the reader's words and zone ({@link Texts}). The code adds only
 * structure: tags, line breaks, emoji and the values.
 */
final class CardTexts {
  private CardTexts() {}

  /**
   * A name's live card: the name, its moderation, every operator with its status, the last moves.
   *
   * @param state what the watcher knows of the name now; null when it knows nothing
   * @param moves the last moves, each from {@link #move}, oldest first
   */
  static String card(Texts t, String name, NameState state, List<String> moves) {
    StringBuilder b = new StringBuilder(512);
    b.append("🪪 <b>").append(Html.escape(name)).append("</b>");
    if (state != null) {
      b.append('\n')
          .append(t.t("card.moderation", ProviderWords.moderation(t, state.moderation())));
      for (Map.Entry<String, Integer> op : state.operators().entrySet()) {
        b.append('\n')
            .append(ProviderWords.operator(t, op.getKey(), Operators.displayName(op.getKey())))
            .append(": ")
            .append(Html.escape(ProviderWords.operatorStatus(t, op.getValue())));
      }
    }
    if (!moves.isEmpty()) {
      b.append("\n\n").append(t.t("card.lastMoves"));
      moves.forEach(m -> b.append('\n').append(m));
    }
    return b.toString();
  }

  /** One move on a card: when (in the reader's zone), then the change line as a message says it. */
  static String move(Texts t, Instant at, String changeHtml) {
    return "<i>" + t.dateTime(at) + "</i> " + changeHtml;
  }

  /** Added to a card when a newer card of the name took its place further down. */
  static String movedOn(Texts t, String cardHtml) {
    return cardHtml + "\n\n" + t.t("card.movedOn");
  }

  static String cardButton(String name) {
    return "🔎 " + name;
  }

  static String muteHour(Texts t) {
    return t.t("card.button.muteHour");
  }

  static String muteDay(Texts t) {
    return t.t("card.button.muteDay");
  }

  static String muteName(Texts t, int names) {
    return t.t("card.button.muteNames", names);
  }

  /** The one message when a mute ends: what it held back, or null when it held back nothing. */
  static String muteEnded(Texts t, String name, List<String> lines, Duration lasted) {
    if (lines.isEmpty()) {
      return null;
    }
    Markup what =
        name.isEmpty()
            ? t.m("mute.ended.everyName")
            : new Markup("<code>" + Html.escape(name) + "</code>");
    StringBuilder b = new StringBuilder();
    b.append(t.t("mute.ended.head", what, t.duration(lasted), lines.size()));
    int room = Reply.MAX_TEXT - 200;
    int shown = 0;
    for (String line : lines) {
      if (b.length() + line.length() + 1 > room) {
        break;
      }
      b.append('\n').append(line);
      shown++;
    }
    if (shown < lines.size()) {
      b.append('\n').append(t.t("mute.ended.more", lines.size() - shown));
    }
    return b.toString();
  }

  /**
   * The daily summary.
   *
   * @param counts how many name-and-operator pairs are in each status, by the status's words
   * @param needAction the names needing action
   */
  static String daily(
      Texts t, LocalDate day, Map<String, Integer> counts, List<String> needAction, int changes) {
    Instant noon = day.atTime(LocalTime.NOON).atZone(t.zone()).toInstant();
    StringBuilder b = new StringBuilder();
    b.append(t.t("daily.head", t.date(noon)));
    b.append('\n').append(t.t("daily.changes", changes));
    if (!counts.isEmpty()) {
      b.append('\n');
      counts.forEach(
          (words, n) -> b.append('\n').append(n).append(" × ").append(Html.escape(words)));
    }
    if (needAction.isEmpty()) {
      b.append("\n\n").append(t.t("daily.noAction"));
    } else {
      b.append("\n\n").append(t.t("daily.needAction"));
      for (String n : needAction) {
        b.append(" <code>").append(Html.escape(n)).append("</code>");
      }
    }
    return b.toString();
  }
}
