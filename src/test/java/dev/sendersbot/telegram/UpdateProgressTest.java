package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.store.BotState;
import dev.sendersbot.store.UpdateBacklog;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateProgressTest {

  /**
   * Every update a poll brings was looked up in the database one by one (was it handled by an
   * earlier run?) before any of them went to its chat: a read on the way of every command. What
   * earlier runs finished beyond the offset is read once instead, when the transport starts.
   */
  @Test
  void tellsNewUpdatesFromThoseAnEarlierRunHandledWithoutAReadPerUpdate() {
    MemoryBotState earlier = new MemoryBotState(5);
    earlier.markDone(7);
    earlier.markDone(9);
    CountingState state = new CountingState(earlier);
    UpdateProgress progress = new UpdateProgress(state, new TokenRedactor("123:secret"));

    assertFalse(progress.isNew(5), "covered by the offset");
    assertTrue(progress.isNew(6));
    assertFalse(progress.isNew(7), "handled by the earlier run");
    assertTrue(progress.isNew(8));
    assertFalse(progress.isNew(9), "handled by the earlier run");
    assertTrue(progress.isNew(10));
    assertEquals(0, state.lookups, "database look-ups, one per update as it came");

    // What it skipped counts as finished: the offset passes it once 6 and 8 are done.
    progress.admit(6);
    progress.admit(8);
    progress.finish(6);
    progress.finish(8);
    assertEquals(9, progress.watermark());
    assertEquals(OptionalLong.of(9), earlier.lastUpdateId());
  }

  /** Counts the look-ups of single updates; everything else as the state it wraps. */
  private static final class CountingState implements BotState {
    private final MemoryBotState state;
    int lookups;

    CountingState(MemoryBotState state) {
      this.state = state;
    }

    @Override
    public OptionalLong lastUpdateId() {
      return state.lastUpdateId();
    }

    @Override
    public void markHandled(long updateId) {
      state.markHandled(updateId);
    }

    @Override
    public void markDone(long updateId) {
      state.markDone(updateId);
    }

    @Override
    public boolean isHandled(long updateId) {
      lookups++;
      return state.isHandled(updateId);
    }

    @Override
    public Set<Long> doneBeyondOffset() {
      return state.doneBeyondOffset();
    }

    @Override
    public OptionalLong confirmedOffset() {
      return state.confirmedOffset();
    }

    @Override
    public void markConfirmed(long offset) {
      state.markConfirmed(offset);
    }

    @Override
    public void restartAt(long updateId) {
      state.restartAt(updateId);
    }

    @Override
    public UpdateBacklog backlog() {
      return state.backlog();
    }
  }
}
