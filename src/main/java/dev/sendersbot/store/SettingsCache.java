package dev.sendersbot.store;

import dev.sendersbot.store.ChatSettings.Setting;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The chats' settings as this process last read them, one cache per database, shared by every
 * {@link SqliteChatSettings} over it: the watcher asks for a chat's language and zone for every
 * message it sends, and the answer changes only through {@code /lang}, {@code /tz} or a
 * subscription, which all write through this process and drop the chat's entry as they do. So a
 * notification still follows the chat's choice at send time, without a read per message.
 */
final class SettingsCache {
  private static final Map<Database, SettingsCache> BY_DATABASE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** More chats than this and the cache starts again: a bound, not a policy. */
  static final int MAX_CHATS = 10_000;

  private final Map<Long, Setting> settings = new ConcurrentHashMap<>();

  /** Counts the writes, so that a read begun before one is not kept after it. */
  private long writes;

  static SettingsCache of(Database db) {
    return BY_DATABASE.computeIfAbsent(db, d -> new SettingsCache());
  }

  /**
   * The chat's settings from the cache, else from {@code read}, kept unless a write came between.
   */
  Setting find(long chatId, Supplier<Setting> read) {
    Setting s = settings.get(chatId);
    if (s != null) {
      return s;
    }
    long before;
    synchronized (this) {
      before = writes;
    }
    s = read.get();
    synchronized (this) {
      if (writes == before) {
        if (settings.size() >= MAX_CHATS) {
          settings.clear();
        }
        settings.put(chatId, s);
      }
    }
    return s;
  }

  /** The chat's settings were written: read them again next time. */
  synchronized void forget(long chatId) {
    writes++;
    settings.remove(chatId);
  }
}
