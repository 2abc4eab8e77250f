package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.Operator;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.store.SenderComment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HTML of one sender name, in its reader's words. Every value escaped. */
final class Views {
  private Views() {}

  static String moderation(Texts t, Sender s) {
    return ProviderWords.moderation(t, s.moderation());
  }

  /** "MTS: allowed by the operator", in the reader's words (the provider's own in Russian). */
  static String operator(Texts t, String flag, Integer code) {
    return t.t(
        "card.operator",
        new Markup(ProviderWords.operator(t, flag, Operators.displayName(flag))),
        new Markup(ProviderWords.operatorStatus(t, code)));
  }

  /** One line of the list: the name, its moderation, and the operators where something happened. */
  static String line(Texts t, Sender s) {
    StringBuilder b =
        new StringBuilder("<code>")
            .append(escape(s.name()))
            .append("</code> — ")
            .append(moderation(t, s));
    List<String> ops = new ArrayList<>();
    int waiting = 0;
    for (Map.Entry<String, Integer> e : s.operators().entrySet()) {
      // Status 0 is the provider's default for every flag, so listing it for each name is noise;
      // the card shows all of them.
      if (e.getValue() != null && e.getValue() == 0) {
        waiting++;
      } else {
        ops.add(operator(t, e.getKey(), e.getValue()));
      }
    }
    if (!ops.isEmpty()) {
      b.append(" · ").append(String.join("; ", ops));
    } else if (waiting > 0) {
      b.append(" · ").append(t.t("card.noOperatorYet"));
    }
    return b.toString();
  }

  /**
   * The card of one name: every known operator, with "not requested" where the provider reported no
   * status, then any other status field it reported.
   *
   * @param remembered the comment the bot set on the name; null if none
   */
  static String card(Texts t, Sender s, SenderComment remembered) {
    StringBuilder b = new StringBuilder("<b>").append(escape(s.name())).append("</b>\n");
    b.append(t.t("card.id", Long.toString(s.id()))).append('\n');
    b.append(t.t("card.comment", new Markup(commentText(t, s, remembered)))).append('\n');
    b.append(t.t("card.moderation", new Markup(moderation(t, s)))).append('\n');
    b.append(t.t("card.operators")).append('\n');
    for (Operator o : Operators.KNOWN) {
      Integer code = s.operators().get(o.flag());
      b.append("• ")
          .append(
              code == null
                  ? t.t(
                      "card.notRequested",
                      new Markup(ProviderWords.operator(t, o.flag(), o.displayName())))
                  : operator(t, o.flag(), code))
          .append('\n');
    }
    for (Map.Entry<String, Integer> e : s.operators().entrySet()) {
      if (Operators.KNOWN.stream().noneMatch(o -> o.flag().equals(e.getKey()))) {
        b.append("• ").append(operator(t, e.getKey(), e.getValue())).append('\n');
      }
    }
    return b.toString();
  }

  /** The provider's comment if its answer has one, else the one the bot set, saying who set it. */
  private static String commentText(Texts t, Sender s, SenderComment remembered) {
    String fromProvider = comment(s);
    if (fromProvider != null && !fromProvider.isBlank()) {
      return escape(fromProvider);
    }
    if (remembered != null) {
      return t.t(
          "card.commentSet",
          remembered.comment(),
          remembered.setByLabel(),
          new Markup(t.date(remembered.setAt())));
    }
    return t.t("card.noComment");
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
