package dev.sendersbot.watch;

import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the watcher says, in Telegram HTML with every value escaped. */
final class Texts {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Room a summary leaves below Telegram's limit for its closing line. */
  private static final int SUMMARY_LIMIT = Reply.MAX_TEXT - 200;

  private Texts() {}

  static String digestHeader(boolean actionable, boolean continued) {
    String head =
        actionable ? "🔔 <b>Sender names need attention</b>" : "<b>Sender name status changes</b>";
    return continued ? head + " <i>(continued)</i>" : head;
  }

  /**
   * The one message a chat gets for everything that changed while the watcher could not look:
   * counts, then the changes, actionable ones first, as many as fit.
   */
  static String summary(List<Change> changes, Instant since, Instant now) {
    long actionable = changes.stream().filter(Change::actionable).count();
    Set<String> names = new LinkedHashSet<>();
    changes.forEach(c -> names.add(c.name()));
    StringBuilder b = new StringBuilder(SUMMARY_LIMIT + 200);
    b.append("🕒 <b>While I was away</b> (no successful check since ")
        .append(TIME.format(since))
        .append(", ")
        .append(duration(Duration.between(since, now)))
        .append(")\n")
        .append(changes.size())
        .append(changes.size() == 1 ? " change" : " changes")
        .append(" to ")
        .append(names.size())
        .append(names.size() == 1 ? " name" : " names");
    if (actionable > 0) {
      b.append(", <b>").append(actionable).append(" needing attention</b>");
    }
    b.append(":\n");
    List<Change> ordered = new ArrayList<>(changes.size());
    changes.stream().filter(Change::actionable).forEach(ordered::add);
    changes.stream().filter(c -> !c.actionable()).forEach(ordered::add);
    int shown = 0;
    for (Change c : ordered) {
      String line = c.html();
      if (b.length() + line.length() + 1 > SUMMARY_LIMIT) {
        break;
      }
      b.append(line).append('\n');
      shown++;
    }
    if (shown < ordered.size()) {
      b.append("… and ")
          .append(ordered.size() - shown)
          .append(" more: see /senders for every name's status.");
    }
    return b.toString().strip();
  }

  static String troubleAlert(String words, Instant lastSuccess) {
    return "⚠️ <b>The status watcher cannot check the sender names</b>\n"
        + Html.escape(words)
        + "\n"
        + (lastSuccess == null
            ? "It has not checked successfully yet."
            : "Last successful check: " + TIME.format(lastSuccess) + ".")
        + "\nYou will get one more message when it works again.";
  }

  static String recovered(Instant troubleSince, Instant now) {
    return "✅ <b>The status watcher works again</b>"
        + (troubleSince == null
            ? "."
            : " after "
                + duration(Duration.between(troubleSince, now))
                + " without a successful check.")
        + " Changes made meanwhile are reported as usual.";
  }

  static String forbidden(long chatId, String title) {
    return "🚫 The bot can no longer write to chat <code>"
        + chatId
        + "</code>"
        + (title == null || title.isBlank() ? "" : " (" + Html.escape(title) + ")")
        + ": it was blocked or removed there. Its status notifications are paused;"
        + " a /subscribe in that chat turns them back on.";
  }

  static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) {
      return Math.max(0, d.toSeconds()) + " s";
    }
    if (minutes < 120) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return (hours / 24) + " days " + (hours % 24) + " h";
  }
}
