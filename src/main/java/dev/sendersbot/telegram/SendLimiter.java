package dev.sendersbot.telegram;

import dev.sendersbot.time.RollingWindow;
import dev.sendersbot.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps outgoing messages within Telegram's limits: about one a second per chat, 20 a minute per
 * group and 30 a second overall. A reply (a message to the chat whose update is being handled)
 * reserves the earliest moment that breaks none of the sliding windows it belongs to, then waits
 * until then; a chat waiting for its own slot does not hold back other chats. Any other message (an
 * access request to an owner, a notification) reserves nothing ahead: it waits until a slot is free
 * at once and takes it then, so a reply typed meanwhile in that chat goes first; and while an
 * update of the chat waits for its slot ({@link #claim}), it leaves that slot to the reply, for a
 * few seconds at most ({@link #YIELD_LIMIT_MILLIS}): a chat kept busy by its own commands does not
 * keep its notifications back. A message that has waited that long for a slot free at once reserves
 * its own ahead, as a reply does, so replies to other chats cannot keep it waiting either.
 *
 * <p>Telegram counts a message when it arrives, and a message arrives before its answer comes back.
 * So once a send has been answered ({@link #answered}), its slot counts from that moment, exactly,
 * instead of from when it left plus the margin against jitter: the next message cannot leave before
 * the window has passed since the last one was answered, so it cannot arrive sooner after it,
 * however the network delays either. The margin still guards a send not answered yet. A sender that
 * waits for each answer before the next (the outbox) thus keeps the limits exactly and loses
 * nothing to the margin: 30 messages a second, not 30 in 1.05 s.
 */
final class SendLimiter implements ChatPacing {

  /** A sliding window: at most {@code count} sends in any {@code window}. */
  record Rule(int count, Duration window) {
    Rule {
      if (count < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "rule needs count >= 1 and a window: " + count + "/" + window);
      }
    }
  }

  /**
   * @param perChat any chat
   * @param perGroup chats with a negative id (groups, supergroups, channels)
   * @param overall every chat together
   */
  record Limits(Rule perChat, Rule perGroup, Rule overall, Duration margin) {
    static Limits telegram() {
      return telegram(Duration.ZERO);
    }

    /**
     * Telegram's limits with every window widened by {@code margin}, against jitter, while a send
     * is not answered yet.
     */
    static Limits telegram(Duration margin) {
      return new Limits(
          new Rule(1, Duration.ofSeconds(1).plus(margin)),
          new Rule(20, Duration.ofMinutes(1).plus(margin)),
          new Rule(30, Duration.ofSeconds(1).plus(margin)),
          margin);
    }
  }

  /** The slots one send took, one in each window it counts in; see {@link #answered}. */
  static final class Taken {
    private final long chatId;
    private final List<RollingWindow> windows = new ArrayList<>(3);
    private final List<RollingWindow.Slot> slots = new ArrayList<>(3);

    private Taken(long chatId) {
      this.chatId = chatId;
    }
  }

  /** How long past its slot a claim holds when no reply came. */
  static final long CLAIM_GRACE_MILLIS = 500;

  /**
   * How long a message that is no reply yields to the replies of its chat: a chat whose updates
   * keep coming (someone typing commands faster than the chat's limit) renews its claim for as long
   * as it has a backlog, and its notifications would wait behind all of it.
   */
  static final long YIELD_LIMIT_MILLIS = 3_000;

  private final Clock clock;
  private final Sleeper sleeper;
  private final Limits limits;
  private final RollingWindow overall;
  private final Map<Long, RollingWindow> chats = new HashMap<>();
  private final Map<Long, RollingWindow> groups = new HashMap<>();
  private final Map<Long, Long> heldUntil = new HashMap<>();
  private final Map<Long, Long> claimedUntil = new HashMap<>();
  private final Map<Long, Long> yieldingSince = new HashMap<>();
  private long reservations;

  SendLimiter(Clock clock, Sleeper sleeper, Limits limits) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.limits = limits;
    this.overall = window(limits.overall());
  }

  /** Waits for this chat's next slot, as a reply. */
  Taken acquire(long chatId) throws InterruptedException {
    return acquire(chatId, true);
  }

  /**
   * Waits for a slot to send to the chat.
   *
   * @param reply true for a reply in the chat being handled: it queues for the next free slot;
   *     false for any other message: it yields to replies (see the class comment)
   */
  Taken acquire(long chatId, boolean reply) throws InterruptedException {
    if (reply) {
      Taken taken = reserveSlots(chatId);
      long wait = taken.slots.get(0).at.toEpochMilli() - clock.millis();
      if (wait > 0) {
        sleeper.sleep(Duration.ofMillis(wait));
      }
      return taken;
    }
    long started = clock.millis();
    while (true) {
      Taken taken = new Taken(chatId);
      // Waited long enough for slots free at once, which replies reserved ahead keep taking (its
      // chat's, or thirty other chats' in the overall window): it reserves its own, as they do.
      long at =
          clock.millis() - started >= YIELD_LIMIT_MILLIS
              ? reserveAhead(chatId, taken)
              : reserveIfDue(chatId, taken);
      if (at < 0) {
        long wait = taken.slots.get(0).at.toEpochMilli() - clock.millis();
        if (wait > 0) {
          sleeper.sleep(Duration.ofMillis(wait));
        }
        return taken;
      }
      sleeper.sleep(Duration.ofMillis(Math.max(1, at - clock.millis())));
    }
  }

  /**
   * The send that took {@code taken} was answered (or failed): its slots count from now on, the
   * window exactly, without the margin (see the class comment). Everything that arrives at Telegram
   * after this moment left after it, so nothing can arrive sooner after this send than the window.
   */
  synchronized void answered(Taken taken) {
    Instant at = Instant.ofEpochMilli(clock.millis()).minus(limits.margin());
    // The chat's windows as they are now: a slow send's may have been swept meanwhile.
    List<RollingWindow> ws = windowsOf(taken.chatId);
    for (int i = 0; i < taken.slots.size(); i++) {
      taken.windows.get(i).cancel(taken.slots.get(i));
      taken.windows.set(i, ws.get(i));
      taken.slots.set(i, ws.get(i).add(at));
    }
  }

  /**
   * How long until a reply to the chat could go without waiting, by its own windows (the chat's and
   * its group's) and any hold; the overall limit, everyone's, is left out. Reserves nothing.
   */
  @Override
  public synchronized Duration untilFree(long chatId) {
    long now = clock.millis();
    // Only the windows the chat already has: asking must not create any.
    List<RollingWindow> ws = new ArrayList<>(2);
    for (RollingWindow w : new RollingWindow[] {chats.get(chatId), groups.get(chatId)}) {
      if (w != null) {
        ws.add(w);
      }
    }
    return Duration.ofMillis(earliest(ws, now, chatId) - now);
  }

  /**
   * An update of the chat waits to be handled: other messages to the chat leave its next slot to
   * the reply, until the reply has gone or {@value #CLAIM_GRACE_MILLIS} ms past the slot (a handler
   * may send nothing).
   */
  @Override
  public synchronized Duration claim(long chatId) {
    if (++reservations % 1024 == 0) {
      sweep(clock.millis());
    }
    Duration wait = untilFree(chatId);
    claimedUntil.merge(chatId, clock.millis() + wait.toMillis() + CLAIM_GRACE_MILLIS, Math::max);
    return wait;
  }

  /**
   * How long until a message that is no reply (a notification) could go to the chat without
   * waiting: as {@link #untilFree}, and while the chat's updates claim its slots, until the claim
   * ends, for at most {@value #YIELD_LIMIT_MILLIS} ms from the first time a message yielded to it.
   * Reserves nothing; asking starts that time.
   */
  synchronized Duration untilFreeForOthers(long chatId) {
    long now = clock.millis();
    long claimed = yieldingTo(chatId, now);
    return claimed > now ? Duration.ofMillis(claimed - now) : untilFree(chatId);
  }

  /**
   * The end of the claim a message that is no reply must yield to; 0 when there is none, or when
   * messages have yielded to this chat's claims for {@value #YIELD_LIMIT_MILLIS} ms already.
   */
  private long yieldingTo(long chatId, long now) {
    long claimed = claimedUntil.getOrDefault(chatId, 0L);
    if (claimed <= now) {
      return 0;
    }
    long since = yieldingSince.computeIfAbsent(chatId, k -> now);
    return now - since < YIELD_LIMIT_MILLIS ? claimed : 0;
  }

  /**
   * Reserves a slot into {@code taken} when one is free now and returns -1; else the moment one may
   * be. A message that has yielded to the chat's claims long enough reserves the chat's next slot
   * as a reply does, now or later, and returns -1: a reply reserves ahead, so one that only ever
   * took a slot free at once would lose every slot to a chat whose replies keep coming.
   */
  private synchronized long reserveIfDue(long chatId, Taken taken) {
    long now = clock.millis();
    long yielding = yieldingTo(chatId, now);
    if (yielding > now) {
      return yielding;
    }
    if (claimedUntil.getOrDefault(chatId, 0L) > now) {
      return reserveAhead(chatId, taken); // yielded to the claim long enough
    }
    List<RollingWindow> ws = windows(chatId);
    long at = earliest(ws, now, chatId);
    if (at > now) {
      return at;
    }
    take(ws, at, taken);
    yieldingSince.remove(chatId);
    return -1;
  }

  /** Reserves the chat's earliest slot into {@code taken}, now or later; returns -1. */
  private synchronized long reserveAhead(long chatId, Taken taken) {
    List<RollingWindow> ws = windows(chatId);
    take(ws, earliest(ws, clock.millis(), chatId), taken);
    yieldingSince.remove(chatId);
    return -1;
  }

  private static void take(List<RollingWindow> ws, long at, Taken taken) {
    for (RollingWindow w : ws) {
      taken.windows.add(w);
      taken.slots.add(w.add(Instant.ofEpochMilli(at)));
    }
  }

  /** Telegram asked this chat to wait: nothing goes to it before then. */
  synchronized void hold(long chatId, Duration d) {
    heldUntil.merge(chatId, clock.millis() + d.toMillis(), Math::max);
  }

  /** Reserves the earliest moment (epoch millis) at which a message to the chat may go. */
  long reserve(long chatId) {
    return reserveSlots(chatId).slots.get(0).at.toEpochMilli();
  }

  private synchronized Taken reserveSlots(long chatId) {
    long now = clock.millis();
    claimedUntil.remove(chatId);
    List<RollingWindow> ws = windows(chatId);
    long t = earliest(ws, now, chatId);
    Taken taken = new Taken(chatId);
    take(ws, t, taken);
    return taken;
  }

  private List<RollingWindow> windows(long chatId) {
    if (++reservations % 1024 == 0) {
      sweep(clock.millis());
    }
    return windowsOf(chatId);
  }

  private List<RollingWindow> windowsOf(long chatId) {
    List<RollingWindow> ws = new ArrayList<>(3);
    ws.add(overall);
    ws.add(chats.computeIfAbsent(chatId, k -> window(limits.perChat())));
    if (chatId < 0) {
      ws.add(groups.computeIfAbsent(chatId, k -> window(limits.perGroup())));
    }
    return ws;
  }

  /** The earliest moment from now at which one more message fits every window in {@code ws}. */
  private long earliest(List<RollingWindow> ws, long now, long chatId) {
    long start = Math.max(now, heldUntil.getOrDefault(chatId, 0L));
    return RollingWindow.earliest(ws, Instant.ofEpochMilli(now), Instant.ofEpochMilli(start))
        .toEpochMilli();
  }

  /** Whole milliseconds, as every time this limiter reckons in. */
  private static RollingWindow window(Rule rule) {
    return new RollingWindow(rule.count(), Duration.ofMillis(rule.window().toMillis()));
  }

  private void sweep(long now) {
    for (Map<Long, RollingWindow> m : List.of(chats, groups)) {
      for (Iterator<RollingWindow> it = m.values().iterator(); it.hasNext(); ) {
        if (it.next().isIdle(Instant.ofEpochMilli(now))) {
          it.remove();
        }
      }
    }
    heldUntil.values().removeIf(until -> until <= now);
    claimedUntil.values().removeIf(until -> until <= now);
    yieldingSince.keySet().retainAll(claimedUntil.keySet());
  }
}
