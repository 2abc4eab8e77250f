package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.store.BotState;
import dev.sendersbot.store.UpdateBacklog;
import dev.sendersbot.testing.FakeClock;
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

  // Why: a webhook bot that ran through a week without updates took the ids Telegram then started
  // over with for ones it had handled, and dropped them.
  @Test
  void aWebhookTakesAnIdBelowTheOffsetAfterMoreThanADayWithoutUpdatesForANewStart() {
    FakeClock clock = new FakeClock(java.time.Instant.parse("2026-03-02T10:00:00Z"));
    MemoryBotState state = new MemoryBotState(4999);
    UpdateProgress progress =
        new UpdateProgress(state, new TokenRedactor("123:secret"), clock, false);
    progress.heard(5000);
    assertTrue(progress.isNew(5000));
    progress.admit(5000);
    progress.finish(5000);

    clock.advance(java.time.Duration.ofHours(20));
    progress.heard(4990);
    assertFalse(progress.isNew(4990), "within a day: a repeat Telegram may still post");

    clock.advance(java.time.Duration.ofDays(7));
    progress.heard(3);
    assertTrue(progress.isNew(3), "a week and more without updates: the ids started over");
    progress.admit(3);
    progress.finish(3);
    assertEquals(OptionalLong.of(3), state.lastUpdateId());
    progress.heard(3);
    assertFalse(progress.isNew(3), "and a repeat of the new ids is still a repeat");
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
    public java.util.Optional<java.time.Instant> lastHeardAt() {
      return state.lastHeardAt();
    }

    @Override
    public void markHeard(java.time.Instant at) {
      state.markHeard(at);
    }

    @Override
    public UpdateBacklog backlog() {
      return state.backlog();
    }
  }
}
