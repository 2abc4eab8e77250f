package dev.sendersbot.cli;

import java.util.function.LongConsumer;

/**
 * A chat's change of language, passed on to whatever speaks outside the chat core: the core is
 * built before the Telegram adapter's menus exist, so the listener is set afterwards ({@link #to}).
 * Until then, and in the console demo, nobody listens.
 */
final class LanguageChanges implements LongConsumer {
  private volatile LongConsumer listener = chatId -> {};

  void to(LongConsumer l) {
    this.listener = l;
  }

  @Override
  public void accept(long chatId) {
    listener.accept(chatId);
  }
}
