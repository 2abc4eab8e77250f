package dev.sendersbot.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The transport's progress, so a restart resumes where the last run stopped and handles no update
 * twice. Updates of different chats may finish out of order: the offset ({@link #lastUpdateId})
 * only ever covers a run of finished updates, and an update finished beyond it is recorded on its
 * own ({@link #markDone}) until the offset passes it.
 */
public interface BotState {

  /** The offset: every update up to and including it is handled. Empty before the first. */
  OptionalLong lastUpdateId();

  /**
   * Records that every update up to and including {@code updateId} is handled; ids only move
   * forward (a lower one changes nothing). What {@link #markDone} recorded at or below the new
   * offset is no longer needed and may be forgotten.
   */
  void markHandled(long updateId);

  /**
   * Records that this one update is handled although some before it may not be yet, so that {@link
   * #isHandled} says so after a restart too. An id at or below the offset changes nothing.
   */
  void markDone(long updateId);

  /** True when the update is at or below the offset, or was recorded by {@link #markDone}. */
  boolean isHandled(long updateId);

  /**
   * What {@link #markDone} recorded beyond the offset: with the offset, every update handled so
   * far. Read once as a transport starts, so telling a new update from one handled before costs no
   * read per update.
   */
  Set<Long> doneBeyondOffset();

  /**
   * The offset of the last getUpdates that Telegram answered: every update below it is confirmed
   * there, so an id below it can only come from a server whose ids started over. Empty before the
   * first such answer, and after {@link #restartAt}.
   */
  OptionalLong confirmedOffset();

  /** Records a getUpdates answered with this offset; it only moves forward. */
  void markConfirmed(long offset);

  /**
   * The server's update ids started over (a week without updates, or another server): the offset
   * becomes {@code updateId}, lower or not, and nothing beyond it is recorded as handled or
   * confirmed any more.
   */
  void restartAt(long updateId);

  /**
   * When an update last came, as {@link #markHeard} recorded it; empty before the first record. A
   * webhook tells by it an update Telegram posts again from one whose ids started over.
   */
  Optional<Instant> lastHeardAt();

  /** Records that an update came at {@code at}. */
  void markHeard(Instant at);

  /**
   * Where updates wait that were received but parked for later; parking one records it as done here
   * ({@link #markDone}) in the same step.
   */
  UpdateBacklog backlog();

  /**
   * Whether this process may move the offset: it is the leader ({@link LeaderElection}). Asked
   * before every getUpdates, which confirms to Telegram what lies below its offset. True where
   * there is no election.
   */
  default boolean leading() {
    return true;
  }
}
