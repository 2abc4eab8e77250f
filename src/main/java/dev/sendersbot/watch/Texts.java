package dev.sendersbot.watch;

import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the watcher says, in Telegram HTML with every value escaped, in the reader's words. */
final class Texts {
  /** Room a summary leaves below Telegram's limit for its closing line. */
  private static final int SUMMARY_LIMIT = Reply.MAX_TEXT - 200;

  private Texts() {}

  /** A digest's head: how many names it is about, and whether it continues an earlier one. */
  static String digestHeader(
      dev.sendersbot.i18n.Texts t, boolean actionable, boolean continued, int names) {
    String head = t.t(actionable ? "digest.actionable" : "digest.routine", names);
    return continued ? head + " " + t.t("watch.digest.continued") : head;
  }

  /**
   * The one message a chat gets for everything that changed while the watcher could not look:
   * counts, then the changes, actionable ones first, as many as fit.
   */
  static String summary(
      dev.sendersbot.i18n.Texts t, List<Change> changes, Instant since, Instant now) {
    long actionable = changes.stream().filter(Change::actionable).count();
    Set<String> names = new LinkedHashSet<>();
    changes.forEach(c -> names.add(c.name()));
    StringBuilder b = new StringBuilder(SUMMARY_LIMIT + 200);
    b.append(
            t.t(
                "watch.away.head",
                t.dateTime(since),
                t.duration(Duration.between(since, now)),
                changes.size(),
                names.size(),
                actionable))
        .append('\n');
    List<Change> ordered = new ArrayList<>(changes.size());
    changes.stream().filter(Change::actionable).forEach(ordered::add);
    changes.stream().filter(c -> !c.actionable()).forEach(ordered::add);
    int shown = 0;
    for (Change c : ordered) {
      String line = c.html(t);
      if (b.length() + line.length() + 1 > SUMMARY_LIMIT) {
        break;
      }
      b.append(line).append('\n');
      shown++;
    }
    if (shown < ordered.size()) {
      b.append(t.t("watch.away.more", ordered.size() - shown));
    }
    return b.toString().strip();
  }

  /**
   * @param whyHtml what went wrong, in the reader's words, as Telegram HTML
   */
  static String troubleAlert(
      dev.sendersbot.i18n.Texts t, String whyHtml, Instant lastSuccess, Instant now) {
    return t.t("watch.trouble.head")
        + "\n"
        + whyHtml
        + "\n"
        + (lastSuccess == null
            ? t.t("watch.trouble.never")
            : t.t("watch.trouble.last", t.time(lastSuccess, now)))
        + "\n"
        + t.t("watch.trouble.oneMore");
  }

  static String recovered(dev.sendersbot.i18n.Texts t, Instant troubleSince, Instant now) {
    return troubleSince == null
        ? t.t("watch.recovered")
        : t.t("watch.recoveredAfter", t.duration(Duration.between(troubleSince, now)));
  }

  /** The notice for each owner, in that owner's words. */
  static Map<Long, String> forbidden(Readers readers, long chatId, String title, Set<Long> owners) {
    Map<Long, String> out = new HashMap<>();
    for (long owner : owners) {
      dev.sendersbot.i18n.Texts t = readers.of(owner);
      out.put(
          owner,
          title == null || title.isBlank()
              ? t.t("watch.forbidden", Long.toString(chatId))
              : t.t("watch.forbiddenTitled", Long.toString(chatId), title));
    }
    return out;
  }
}
