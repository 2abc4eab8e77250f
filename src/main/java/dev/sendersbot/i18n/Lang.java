package dev.sendersbot.i18n;

import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The languages the bot speaks, and the rules that pick one for a reader.
 *
 * <p>Users of Ukrainian, Belarusian and Kazakh Telegram clients get Russian rather than English:
 * the provider, its cabinet and its documentation are Russian, and so are most of the teams that
 * use it there.
 */
public enum Lang {
  RU("ru"),
  EN("en");

  private static final Set<String> READ_RUSSIAN = Set.of("ru", "uk", "be", "kk");

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  /** The two-letter tag, as {@code /lang} takes it and the database keeps it. */
  public String tag() {
    return tag;
  }

  ULocale locale() {
    return new ULocale(tag);
  }

  /** The language for a Telegram {@code language_code} (null or unknown: English). */
  public static Lang ofTelegram(String languageCode) {
    if (languageCode == null || languageCode.isBlank()) {
      return EN;
    }
    String base = languageCode.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return READ_RUSSIAN.contains(base) ? RU : EN;
  }

  /** {@code ru} or {@code en}, any case; empty for anything else. */
  public static Optional<Lang> parse(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    String t = tag.strip().toLowerCase(Locale.ROOT);
    for (Lang l : values()) {
      if (l.tag.equals(t)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * A reply's language: the chat's choice, else the writer's own.
   *
   * @param chatChoice what the chat set with {@code /lang}; null for automatic
   * @param writerCode the writer's Telegram {@code language_code}; may be null
   */
  public static Lang forReply(Lang chatChoice, String writerCode) {
    return chatChoice != null ? chatChoice : ofTelegram(writerCode);
  }

  /**
   * A notification's language (nobody asked for it at that moment): the chat's choice, else the
   * language of whoever subscribed the chat, else the configured one.
   */
  public static Lang forNotice(Lang chatChoice, Lang subscriber, Lang configured) {
    if (chatChoice != null) {
      return chatChoice;
    }
    return subscriber != null ? subscriber : configured;
  }
}
