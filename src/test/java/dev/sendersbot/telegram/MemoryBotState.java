package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import dev.sendersbot.store.UpdateBacklog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** BotState kept in memory; survives a transport restart when the test reuses it. */
final class MemoryBotState implements BotState {
  private long last = -1;
  private long confirmed = -1;
  private final Set<Long> done = new ConcurrentSkipListSet<>();
  private final Backlog backlog = new Backlog();
  private volatile boolean leading = true;
  private Instant heardAt;

  MemoryBotState() {}

  /** As the election's fence would: false once this replica lost leadership. */
  void leading(boolean on) {
    leading = on;
  }

  @Override
  public boolean leading() {
    return leading;
  }

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
  public synchronized OptionalLong confirmedOffset() {
    return confirmed < 0 ? OptionalLong.empty() : OptionalLong.of(confirmed);
  }

  @Override
  public synchronized void markConfirmed(long offset) {
    confirmed = Math.max(confirmed, offset);
  }

  @Override
  public synchronized void restartAt(long updateId) {
    last = updateId;
    confirmed = -1;
    done.clear();
  }

  @Override
  public synchronized Optional<Instant> lastHeardAt() {
    return Optional.ofNullable(heardAt);
  }

  @Override
  public synchronized void markHeard(Instant at) {
    heardAt = at;
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

  @Override
  public UpdateBacklog backlog() {
    return backlog;
  }

  /** Updates recorded as handled beyond the offset. */
  @Override
  public synchronized Set<Long> doneBeyondOffset() {
    return Set.copyOf(done);
  }

  /** The backlog in memory; parking records the updates as done, as the database does. */
  private final class Backlog implements UpdateBacklog {
    private final TreeMap<Long, Parked> rows = new TreeMap<>();

    @Override
    public void park(List<Parked> parked, List<Long> dropped) {
      synchronized (MemoryBotState.this) {
        parked.forEach(p -> rows.put(p.updateId(), p));
        parked.forEach(p -> markDone(p.updateId()));
        dropped.forEach(MemoryBotState.this::markDone);
      }
    }

    @Override
    public Optional<Parked> next(long chatId, long afterUpdateId) {
      synchronized (MemoryBotState.this) {
        return rows.tailMap(afterUpdateId, false).values().stream()
            .filter(p -> p.chatId() == chatId)
            .findFirst();
      }
    }

    @Override
    public void remove(long updateId) {
      synchronized (MemoryBotState.this) {
        rows.remove(updateId);
      }
    }

    @Override
    public Map<Long, Integer> counts() {
      synchronized (MemoryBotState.this) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        rows.values().forEach(p -> counts.merge(p.chatId(), 1, Integer::sum));
        return counts;
      }
    }

    @Override
    public List<Long> ids() {
      synchronized (MemoryBotState.this) {
        return List.copyOf(rows.keySet());
      }
    }

    @Override
    public void moveChat(long oldChatId, long newChatId) {
      synchronized (MemoryBotState.this) {
        rows.replaceAll(
            (id, p) -> p.chatId() == oldChatId ? new Parked(id, newChatId, p.payload()) : p);
      }
    }
  }
}
