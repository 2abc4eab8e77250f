package dev.sendersbot.telegram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Paces the polls while received updates are under way. Telegram answers such a poll at once with
 * the updates it already gave (they are not confirmed yet), so the poll cannot wait for new ones;
 * the pause between polls is {@code busyPoll}, or 10 ms for each update the poll will be given
 * again if that is longer (about 100 updates a second sent twice at most), doubling while polls
 * bring nothing new, never over 1 s. A poll that would repeat the last one's offset waits at least
 * {@link #REPEAT_NANOS} after it, unless the watermark moves meanwhile: Telegram's own server
 * answers a getUpdates repeating the last offset within 0.5 s with one update only, the oldest
 * unconfirmed, which the bot already has; no other chat would be heard while an update runs. Used
 * by the poll thread only.
 */
final class PollPacer {
  /** The longest wait between polls while updates are under way. */
  private static final long BUSY_POLL_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Each update a busy poll will be given again adds this much to the pause before it. */
  private static final long BUSY_POLL_PER_KNOWN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /**
   * The least time between two polls with the same offset: Telegram's half second, and a margin for
   * the time the last one took to reach it.
   */
  static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(600);

  /**
   * How long the window may stay full before the updates under way are parked to make room ({@link
   * UpdateReceiver#makeRoom}): a short command ends sooner, and costs no write.
   */
  static final long ROOM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long busyPollNanos;
  private long lastPollNanos;
  private long lastWatermark = -1;
  private int quietBusyPolls;
  private boolean receivedSinceLastPoll;

  PollPacer(Duration busyPoll) {
    this.busyPollNanos = busyPoll.toNanos();
  }

  /**
   * Waits before the next poll: while {@code maxInFlight} updates stand above the watermark (a
   * second, then {@code makeRoom} parks those under way, and again), and while some do, for the
   * pause; it ends early when every received update has finished.
   */
  void beforePoll(UpdateProgress progress, int maxInFlight, Runnable makeRoom)
      throws InterruptedException {
    try {
      while (!progress.awaitRoom(maxInFlight, ROOM_WAIT_NANOS)) {
        makeRoom.run();
      }
      int known = progress.beyond();
      if (known == 0 || receivedSinceLastPoll) {
        quietBusyPolls = 0;
      } else if (quietBusyPolls < 10) {
        quietBusyPolls++;
      }
      if (lastPollNanos != 0 && known > 0) {
        long due = lastPollNanos + busyPollNanos(known, quietBusyPolls) - System.nanoTime();
        if (due > 0) {
          progress.awaitCaughtUp(due);
        }
        long repeatDue = lastPollNanos + REPEAT_NANOS - System.nanoTime();
        if (repeatDue > 0 && progress.watermark() == lastWatermark) {
          progress.awaitMovedFrom(lastWatermark, repeatDue);
        }
      }
    } finally {
      lastPollNanos = System.nanoTime();
      lastWatermark = progress.watermark();
      receivedSinceLastPoll = false;
    }
  }

  /** The last poll brought updates not seen before. */
  void received() {
    receivedSinceLastPoll = true;
  }

  /**
   * The pause between polls while {@code known} received updates stand above the watermark: each
   * such poll brings them all again, so the pause grows with them, and doubles with each poll in a
   * row that brought nothing new; never over a second.
   */
  long busyPollNanos(int known, int quietPolls) {
    long base = Math.max(busyPollNanos, known * BUSY_POLL_PER_KNOWN_NANOS);
    return Math.min(BUSY_POLL_MAX_NANOS, base << Math.min(quietPolls, 10));
  }
}
