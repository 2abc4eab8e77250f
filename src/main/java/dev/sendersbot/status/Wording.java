package dev.sendersbot.status;

import dev.sendersbot.i18n.Texts;

/**
 * Words the watcher reports, said when a reader is known: the watcher does not know who will read
 * its {@code /status}, so it hands over how to say it rather than what it said.
 */
@FunctionalInterface
public interface Wording {
  /** In the reader's language, as Telegram HTML (data escaped). */
  String html(Texts t);
}
