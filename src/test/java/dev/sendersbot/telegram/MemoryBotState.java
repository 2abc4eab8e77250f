package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/** BotState kept in memory; survives a transport restart when the test reuses it. */
final class MemoryBotState implements BotState {
  private long last = -1;
  private final Set<Long> done = new ConcurrentSkipListSet<>();

  MemoryBotState() {}

  MemoryBotState(long lastHandled) {
    last = lastHandled;
  }

  @Override
  public synchronized OptionalLong lastUpdateId() {
    return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
  }

  @Override
  public synchronized void markHandled(long updateId) {
    last = Math.max(last, updateId);
    done.removeIf(id -> id <= last);
  }

  @Override
  public synchronized void markDone(long updateId) {
    if (updateId > last) {
      done.add(updateId);
    }
  }

  @Override
  public synchronized boolean isHandled(long updateId) {
    return updateId <= last || done.contains(updateId);
  }

  /** Updates recorded as handled beyond the offset. */
  synchronized Set<Long> doneBeyondOffset() {
    return Set.copyOf(done);
  }
}
