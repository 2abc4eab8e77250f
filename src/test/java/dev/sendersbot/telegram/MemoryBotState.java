package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** BotState kept in memory; survives a transport restart when the test reuses it. */
final class MemoryBotState implements BotState {
  private final AtomicLong last = new AtomicLong(-1);

  MemoryBotState() {}

  MemoryBotState(long lastHandled) {
    last.set(lastHandled);
  }

  @Override
  public OptionalLong lastUpdateId() {
    long v = last.get();
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public void markHandled(long updateId) {
    last.accumulateAndGet(updateId, Math::max);
  }
}
