package dev.sendersbot.watch;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.store.ChatSettings;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whom a notification speaks to: nobody asked for it at that moment, so it is in the chat's chosen
 * language, else in the language of whoever subscribed the chat, else the configured one; its times
 * in the chat's zone, else the configured one.
 */
@FunctionalInterface
interface Readers {
  Logger log = LoggerFactory.getLogger(Readers.class);

  /** English and UTC for every chat: what the watcher's own suites were written against. */
  Readers ENGLISH_UTC = chatId -> Texts.of(Lang.EN, ZoneId.of("UTC"));

  Texts of(long chatId);

  static Readers of(ChatSettings settings, Lang configured, ZoneId zone, Messages messages) {
    return chatId -> {
      ChatSettings.Setting s;
      try {
        s = settings.find(chatId);
      } catch (RuntimeException e) {
        // A notification still goes out, in the configured language.
        log.warn("chat {}: could not read its settings: {}", chatId, e.toString());
        s = ChatSettings.Setting.NONE;
      }
      return new Texts(
          messages,
          Lang.forNotice(s.language(), s.subscriberLanguage(), configured),
          s.zone() != null ? s.zone() : zone);
    };
  }
}
