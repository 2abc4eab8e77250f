package dev.sendersbot.gateway;

/**
 * Who wants a list fresh: the status watcher or a chat. The gateway keeps a share of every
 * identical-list budget for the watcher's polls, which chats cannot spend, and spaces each chat's
 * refreshes; it tells them apart by this, never by the question asked.
 *
 * @param kind the watcher or a chat
 * @param chatId the chat's Telegram id; 0 for the watcher
 */
public record Caller(Kind kind, long chatId) {

  /** The two kinds of caller. */
  public enum Kind {
    /** The status watcher's poll: its reserved share; never a cached answer. */
    WATCHER,
    /** A chat's refresh button: the chats' share, spaced per chat. */
    CHAT
  }

  /** The status watcher. */
  public static final Caller WATCHER = new Caller(Kind.WATCHER, 0);

  public Caller {
    if (kind == null) {
      throw new IllegalArgumentException("caller kind must be given");
    }
    if (kind == Kind.WATCHER && chatId != 0) {
      throw new IllegalArgumentException("the watcher has no chat: " + chatId);
    }
  }

  /** A chat's refresh. */
  public static Caller chat(long chatId) {
    return new Caller(Kind.CHAT, chatId);
  }

  public boolean isWatcher() {
    return kind == Kind.WATCHER;
  }
}
