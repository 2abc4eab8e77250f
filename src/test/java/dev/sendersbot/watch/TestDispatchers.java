package dev.sendersbot.watch;

import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.SqliteAuditLog;
import dev.sendersbot.time.Sleeper;
import java.time.Clock;
import java.util.Set;

/** A dispatcher without a watcher around it, for tests that drive the outbox alone. */
final class TestDispatchers {
  private TestDispatchers() {}

  /** No events; the audit in the store's database; each chat's readers as the store has them. */
  static Dispatcher of(
      WatchStore store,
      Messenger messenger,
      ChatRegistry chats,
      ButtonActions buttons,
      Set<Long> owners,
      Clock clock,
      Sleeper sleeper) {
    return new Dispatcher(
        store,
        messenger,
        chats,
        buttons,
        owners,
        clock,
        sleeper,
        WatchEvents.NONE,
        new SqliteAuditLog(store.db()),
        store.readers());
  }
}
