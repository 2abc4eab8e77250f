package dev.sendersbot.chat;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.Sender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lines and pages of {@code /senders}, made once per list the gateway hands out rather than
 * once per command: with a warm cache every chat's {@code /senders} reads the same list object (the
 * gateway replaces the list, never changes it, when it learns something), and turning 200 names
 * into escaped HTML lines was most of a command's CPU. Kept by that object's identity, the filter
 * the prefix and the reader's language, for the last few lists; the same list object always renders
 * the same lines, so a hit cannot be stale.
 */
final class ListPages {
  /**
   * @param shown the names shown, filtered and sorted
   * @param lines one HTML line per name shown
   * @param pages indexes into {@code lines}, page by page
   */
  record Shown(List<Sender> shown, List<String> lines, List<List<Integer>> pages) {}

  // The reader's language and the bundles (the pseudo ones in a test) word every line.
  private record Key(Identity list, boolean all, String prefix, Lang lang, Messages messages) {}

  /** A list by identity: two equal lists from different answers are two entries. */
  private record Identity(List<Sender> list) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.list == list;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(list);
    }
  }

  /** Few: each holds a whole list's lines, and the lists in use are the current ones. */
  private static final int KEPT = 4;

  private final Map<Key, Shown> kept =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Shown> eldest) {
          return size() > KEPT;
        }
      };

  /** The rendering of {@code list} for that filter, made by {@code make} when not kept. */
  Shown get(
      List<Sender> list,
      boolean all,
      String prefix,
      Texts words,
      Function<List<Sender>, Shown> make) {
    Key key = new Key(new Identity(list), all, prefix, words.lang(), words.messages());
    synchronized (kept) {
      Shown s = kept.get(key);
      if (s != null) {
        return s;
      }
    }
    // Made outside the lock: two chats may both make it once, never wait on each other.
    Shown made = make.apply(list);
    synchronized (kept) {
      kept.put(key, made);
    }
    return made;
  }
}
