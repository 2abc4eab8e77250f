package dev.sendersbot.telegram;

import dev.sendersbot.time.Sleeper;
import java.time.Duration;

/**
 * What a lane's worker thread is doing: which chat's update it handles, so the messenger can tell a
 * reply from a message sent for another chat's sake, and how it waits without holding its worker
 * ({@link UpdateLanes}).
 */
final class LaneTurn {
  private static final ThreadLocal<LaneTurn> CURRENT = new ThreadLocal<>();

  private final UpdateLanes lanes;
  private final long chatId;
  private Runnable beforeWait;

  private LaneTurn(UpdateLanes lanes, long chatId) {
    this.lanes = lanes;
    this.chatId = chatId;
  }

  /** The calling worker starts handling an update of the chat. */
  static void enter(UpdateLanes lanes, long chatId) {
    CURRENT.set(new LaneTurn(lanes, chatId));
  }

  static void leave() {
    CURRENT.remove();
  }

  /** The chat whose update the calling thread handles; null off the lanes. */
  static Long handlingChat() {
    LaneTurn t = CURRENT.get();
    return t == null ? null : t.chatId;
  }

  /**
   * On a lane's worker: runs {@code hook} once, before the handler's first wait in {@link
   * #sleepReleasing} (null: nothing). The transport parks an unconfirmed update there.
   */
  static void beforeFirstWait(Runnable hook) {
    LaneTurn t = CURRENT.get();
    if (t != null) {
      t.beforeWait = hook;
    }
  }

  /** Sleeps; on a lane's worker, gives the worker's place up meanwhile. */
  static void sleepReleasing(Sleeper sleeper, Duration d) throws InterruptedException {
    LaneTurn t = CURRENT.get();
    if (t != null && t.beforeWait != null) {
      Runnable hook = t.beforeWait;
      t.beforeWait = null;
      hook.run();
    }
    if (t == null || !t.lanes.release()) {
      sleeper.sleep(d);
      return;
    }
    try {
      sleeper.sleep(d);
    } finally {
      t.lanes.reacquire();
    }
  }
}
