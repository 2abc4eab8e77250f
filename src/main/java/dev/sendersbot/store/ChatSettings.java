package dev.sendersbot.store;

import dev.sendersbot.i18n.Lang;
import java.time.ZoneId;

/** What each chat chose to read the bot in: its language, its time zone, and its subscriber's. */
public interface ChatSettings {

  /**
   * One chat's choices.
   *
   * @param language chosen with {@code /lang}; null for automatic
   * @param zone chosen with {@code /tz}; null for the configured one
   * @param subscriberLanguage the language of whoever last subscribed the chat; may be null
   */
  record Setting(Lang language, ZoneId zone, Lang subscriberLanguage) {
    public static final Setting NONE = new Setting(null, null, null);
  }

  /** The chat's choices; {@link Setting#NONE} when it made none. */
  Setting find(long chatId);

  /** Sets (null: back to automatic) the chat's language. */
  void language(long chatId, Lang languageOrNull);

  /** Sets (null: back to the configured one) the chat's time zone. */
  void zone(long chatId, ZoneId zoneOrNull);

  /** Remembers the language of whoever subscribed the chat. */
  void subscriberLanguage(long chatId, Lang language);

  /** A repository that keeps nothing: every chat automatic. */
  ChatSettings NONE =
      new ChatSettings() {
        @Override
        public Setting find(long chatId) {
          return Setting.NONE;
        }

        @Override
        public void language(long chatId, Lang languageOrNull) {}

        @Override
        public void zone(long chatId, ZoneId zoneOrNull) {}

        @Override
        public void subscriberLanguage(long chatId, Lang language) {}
      };
}
