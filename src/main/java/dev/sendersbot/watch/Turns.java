package dev.sendersbot.watch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Whose message goes next in one pass of the outbox. Chats take turns, so one busy chat does not
 * hold up the others. But Telegram lets a chat have one message a second (a group twenty a minute)
 * while it allows thirty a second in all: served strictly in turn, a chat with seven digests would
 * get its second one only after every other chat had its first, and the last seconds of a burst
 * would go at one message a second per such chat. So the next message goes to a chat the sender
 * could serve now, the one with the most left first (not the chat just served while another is
 * ready); when none could, to the one free soonest. Chats with as many left take turns.
 *
 * <p>Each chat's messages keep their order (a queue per chat, its head always goes first), and one
 * message is in hand at a time: the outbox's guarantees do not depend on whose turn it is.
 *
 * <p>The queues are kept by how many they have left, so a turn asks only about the chats waiting
 * for their own limit (at most the thirty served in the last second, and groups past twenty a
 * minute) before it finds a ready one: a fan-out to thousands of chats costs no more per message
 * than one to ten.
 *
 * @param <T> a message; each queue holds one chat's, in order
 */
final class Turns<T> {
  /** By messages left, most first; within one size, in turn order. */
  private final TreeMap<Integer, ArrayDeque<Deque<T>>> bySize =
      new TreeMap<>(Comparator.reverseOrder());

  private final Map<Deque<T>, Integer> sizes = new IdentityHashMap<>();
  private final ToLongFunction<T> chatOf;
  private final LongFunction<Duration> untilFree;
  private Deque<T> last;

  /**
   * @param untilFree how long until the sender could send to a chat without waiting
   */
  Turns(Collection<Deque<T>> queues, ToLongFunction<T> chatOf, LongFunction<Duration> untilFree) {
    this.chatOf = chatOf;
    this.untilFree = untilFree;
    for (Deque<T> q : queues) {
      if (!q.isEmpty()) {
        enter(q);
      }
    }
  }

  boolean isEmpty() {
    return sizes.isEmpty();
  }

  /** The queue whose first message goes next; {@link #served} says what became of it. */
  Deque<T> next() {
    boolean lastReady = false;
    Deque<T> soonest = null;
    Duration soonestWait = null;
    for (ArrayDeque<Deque<T>> bucket : bySize.values()) {
      for (Deque<T> q : bucket) {
        Duration wait = untilFree.apply(chatOf.applyAsLong(q.peekFirst()));
        if (wait.isZero() || wait.isNegative()) {
          if (q != last) {
            return q;
          }
          lastReady = true;
        } else if (soonestWait == null || wait.compareTo(soonestWait) < 0) {
          soonest = q;
          soonestWait = wait;
        }
      }
    }
    return lastReady ? last : soonest;
  }

  /** After the message from {@link #next} went (or its queue was cleared): the turn moves on. */
  void served(Deque<T> queue) {
    last = queue;
    Integer size = sizes.remove(queue);
    if (size == null) {
      return;
    }
    ArrayDeque<Deque<T>> bucket = bySize.get(size);
    // Found near the head: next() takes the first ready queue from it.
    bucket.removeFirstOccurrence(queue);
    if (bucket.isEmpty()) {
      bySize.remove(size);
    }
    if (!queue.isEmpty()) {
      enter(queue); // behind the others with as many left
    }
  }

  private void enter(Deque<T> q) {
    sizes.put(q, q.size());
    bySize.computeIfAbsent(q.size(), k -> new ArrayDeque<>()).addLast(q);
  }
}
