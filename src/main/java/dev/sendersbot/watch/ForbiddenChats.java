package dev.sendersbot.watch;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.store.SqliteSubscriptions;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat the bot may no longer write to (blocked, removed from the group): its subscriptions are
 * paused and its rows dropped in one transaction, and the owners are told, so the outbox does not
 * retry a chat that will refuse every message.
 */
final class ForbiddenChats {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final WatchStore store;
  private final ChatRegistry chats;
  private final Set<Long> owners;
  private final Clock clock;

  ForbiddenChats(WatchStore store, ChatRegistry chats, Set<Long> owners, Clock clock) {
    this.store = store;
    this.chats = chats;
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * @param notice the refused message was itself a notice to an owner: telling the owners again
   *     would only be refused again
   */
  void pause(long chatId, boolean notice, String why) {
    String title = null;
    try {
      title = chats.find(chatId).map(ChatGrant::title).orElse(null);
    } catch (RuntimeException ignored) {
      // The title only decorates the notice.
    }
    Map<Long, String> html = Texts.forbidden(store.readers(), chatId, title, owners);
    Instant now = clock.instant();
    boolean tell = !notice;
    int[] counts =
        store
            .db()
            .write(
                "pause the notifications of chat " + chatId,
                c -> {
                  int paused = SqliteSubscriptions.deactivate(c, chatId);
                  int failed = Outbox.failChat(c, chatId, now, "forbidden: " + why);
                  if (tell) {
                    List<NewMessage> notices = new ArrayList<>();
                    for (long owner : owners) {
                      if (owner != chatId) {
                        notices.add(
                            new NewMessage(
                                owner, null, Kind.NOTICE, html.get(owner), true, List.of()));
                      }
                    }
                    Outbox.enqueue(c, notices, now);
                  }
                  return new int[] {paused, failed};
                });
    log.warn(
        "outbox: the bot may not write to chat {} ({}): paused {} subscription(s), dropped {}"
            + " notification(s){}",
        chatId,
        why,
        counts[0],
        counts[1],
        tell ? ", told the owners" : "");
  }

  Readers readers() {
    return store.readers();
  }
}
