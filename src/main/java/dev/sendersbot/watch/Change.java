package dev.sendersbot.watch;

import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.ModerationStatus;
import dev.sendersbot.smsc.OperatorStatus;
import dev.sendersbot.smsc.Operators;
import java.util.Objects;

/**
 * One thing that changed about one name between two polls.
 *
 * @param kind what happened
 * @param name the sender name
 * @param field the operator status field for {@link Kind#OPERATOR}; null otherwise
 * @param from the code before; null when not reported before (and for added or removed names)
 * @param to the code now; null for a removed name, and for an added name without a moderation
 *     status
 */
record Change(Kind kind, String name, String field, Integer from, Integer to) {

  enum Kind {
    OPERATOR,
    MODERATION,
    ADDED,
    REMOVED
  }

  Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == Kind.OPERATOR) {
      Objects.requireNonNull(field, "field");
    }
  }

  static Change operator(String name, String field, Integer from, int to) {
    return new Change(Kind.OPERATOR, name, field, from, to);
  }

  static Change moderation(String name, Integer from, int to) {
    return new Change(Kind.MODERATION, name, null, from, to);
  }

  static Change added(String name, Integer moderation) {
    return new Change(Kind.ADDED, name, null, null, moderation);
  }

  static Change removed(String name) {
    return new Change(Kind.REMOVED, name, null, null, null);
  }

  /**
   * Whether somebody must act: a move into a status the provider marks as needing action (rejected,
   * disabled, insufficient funds, documents required, or a code this version does not know), or a
   * name's moderation turning to disabled. These are audible alerts; all else is routine and goes
   * out silently.
   */
  boolean actionable() {
    return switch (kind) {
      case OPERATOR -> OperatorStatus.of(to).actionable();
      case MODERATION -> {
        ModerationStatus s = ModerationStatus.of(to);
        yield s == ModerationStatus.DISABLED || s == ModerationStatus.UNKNOWN;
      }
      case ADDED, REMOVED -> false;
    };
  }

  /** One line of Telegram HTML in the reader's words, every value escaped. */
  String html(dev.sendersbot.i18n.Texts t) {
    return head() + tail(t);
  }

  /** What a change is, apart from the name: every name that moved alike reads the same after it. */
  record Move(Kind kind, String field, Integer from, Integer to) {}

  Move move() {
    return new Move(kind, field, from, to);
  }

  /** The line up to the words: its mark and the name. */
  String head() {
    String n = "<code>" + Html.escape(name) + "</code> · ";
    return switch (kind) {
      case OPERATOR, MODERATION -> mark() + n;
      case ADDED -> "➕ " + n;
      case REMOVED -> "➖ " + n;
    };
  }

  /**
   * The line after the name, in the reader's words; the same for every change of the same {@link
   * #move}, so a poll that finds 1,000 names moved alike says it once per language.
   */
  String tail(dev.sendersbot.i18n.Texts t) {
    return switch (kind) {
      case OPERATOR ->
          ProviderWords.operator(t, field, Operators.displayName(field))
              + ": "
              + Html.escape(ProviderWords.operatorStatus(t, from))
              + " → "
              + emphasis(ProviderWords.operatorStatus(t, to));
      case MODERATION ->
          t.t(
              "watch.change.moderation",
              ProviderWords.moderation(t, from),
              new Markup(emphasis(ProviderWords.moderation(t, to))));
      case ADDED ->
          to == null
              ? t.t("watch.change.added")
              : t.t("watch.change.addedModeration", ProviderWords.moderation(t, to));
      case REMOVED -> t.t("watch.change.removed");
    };
  }

  private String mark() {
    if (actionable()) {
      return "🔴 ";
    }
    boolean allowed =
        kind == Kind.OPERATOR
            ? OperatorStatus.of(to) == OperatorStatus.ALLOWED
            : ModerationStatus.of(to) == ModerationStatus.ALLOWED;
    return allowed ? "✅ " : "▫️ ";
  }

  private String emphasis(String words) {
    return actionable() ? "<b>" + Html.escape(words) + "</b>" : Html.escape(words);
  }
}
