package dev.sendersbot.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Whose message goes next in one pass of the outbox. Chats take turns, so one busy chat does not
 * hold up the others. But Telegram lets a chat have one message a second (a group twenty a minute)
 * while it allows thirty a second in all: served strictly in turn, a chat with seven digests would
 * get its second one only after every other chat had its first, and the last seconds of a burst
 * would go at one message a second per such chat. So once some chat has to wait, the next message
 * goes to a chat the sender could serve now, the one with the most left first (not the chat just
 * served while another is ready); when none could, to the one free soonest. While nobody waits (the
 * console, or the start of a burst) the chats simply take turns.
 *
 * @param <T> a message; each queue holds one chat's, in order
 */
final class Turns<T> {
  private final List<Deque<T>> queues;
  private final ToLongFunction<T> chatOf;
  private final LongFunction<Duration> untilFree;
  private int turn;
  private Deque<T> last;

  /**
   * @param untilFree how long until the sender could send to a chat without waiting
   */
  Turns(Collection<Deque<T>> queues, ToLongFunction<T> chatOf, LongFunction<Duration> untilFree) {
    this.queues = new ArrayList<>(queues);
    this.queues.removeIf(Deque::isEmpty);
    this.chatOf = chatOf;
    this.untilFree = untilFree;
  }

  boolean isEmpty() {
    return queues.isEmpty();
  }

  /** The queue whose first message goes next; {@link #served} says what became of it. */
  Deque<T> next() {
    int n = queues.size();
    int from = turn % n;
    int ready = -1;
    int lastReady = -1;
    int soonest = from;
    Duration soonestWait = null;
    for (int k = 0; k < n; k++) {
      int j = (from + k) % n;
      Deque<T> q = queues.get(j);
      Duration wait = untilFree.apply(chatOf.applyAsLong(q.peekFirst()));
      if (wait.isZero() || wait.isNegative()) {
        if (q == last) {
          lastReady = j;
        } else if (ready < 0 || q.size() > queues.get(ready).size()) {
          ready = j;
        }
      } else if (soonestWait == null || wait.compareTo(soonestWait) < 0) {
        soonest = j;
        soonestWait = wait;
      }
    }
    int pick = ready >= 0 ? ready : lastReady >= 0 ? lastReady : soonest;
    turn = pick;
    return queues.get(pick);
  }

  /** After the message from {@link #next} went (or its queue was cleared): the turn moves on. */
  void served(Deque<T> queue) {
    last = queue;
    int at = queues.indexOf(queue);
    if (at < 0) {
      return;
    }
    if (queue.isEmpty()) {
      queues.remove(at);
      turn = at;
    } else {
      turn = at + 1;
    }
  }
}
