package dev.sendersbot.watch;

import dev.sendersbot.access.AccessPolicy;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.ChatAlerts;
import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteAuditLog;
import dev.sendersbot.store.SqliteChatAlerts;
import dev.sendersbot.store.StoreException;
import dev.sendersbot.time.Sleeper;
import dev.sendersbot.watch.Outbox.Pending;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox through a {@link Messenger} (which keeps Telegram's rate limits itself) and
 * marks each row sent right after Telegram accepted the message that carried it, so a restart sends
 * nothing twice but the one message that was in flight at a kill.
 *
 * <p>A chat's pending rows become messages as {@link Digests} packs them. Chats take turns, one
 * message each, so one busy chat does not hold up the others; {@link Turns} gives a turn that would
 * wait for the chat's own limit to a chat that can be sent to now.
 *
 * <p>Whether a chat may still have its rows is asked of {@link SendGate} when they are taken from
 * the outbox and again right before each message goes, so a row held back for minutes by Telegram
 * is not delivered to a chat revoked or rebound meanwhile: it is dropped, counted and audited.
 *
 * <p>What Telegram answers: 429 waits its {@code retry_after} and tries again (a wait over a minute
 * holds only that chat's rows, durably, instead of blocking the rest); a 5xx or network error holds
 * the chat's rows with growing back-off (given up after {@value #GIVE_UP_HOURS} h); 403 turns the
 * chat's subscriptions off, fails its rows and tells the owners; a group that became a supergroup
 * is followed ({@link ChatRegistry#migrate} moves every row keyed by chat, the outbox's too) and
 * the message goes to the new id; any other 4xx fails the message.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final int GIVE_UP_HOURS = 24;

  /**
   * The longest this thread waits for one chat: a chat that cannot take a message sooner (its
   * group's twenty a minute spent, a wait Telegram asked for, its own replies going first) has its
   * rows held until it can, and the pass goes on with the other chats. Waited in place, a busy chat
   * held up every chat's notifications behind it.
   */
  static final Duration MAX_SLOT_WAIT = Duration.ofSeconds(2);

  /**
   * A message cut in parts, some of them sent, waits out a 429 in place up to this long rather than
   * go again from its first part; a longer wait holds it all the same.
   */
  static final Duration MAX_PART_WAIT = Duration.ofSeconds(60);

  static final int MAX_RETRY_AFTER_IN_A_ROW = 5;
  private static final int MAX_MIGRATIONS = 3;
  private static final int MAX_PASSES = 5;

  /**
   * How delivering one message ended. {@code REPLAN}: the chat's access changed while it was in
   * hand; its rows stay pending for the next pass, which drops what the chat may no longer have.
   */
  private enum Step {
    SENT,
    DROPPED,
    CHAT_HELD,
    REPLAN,
    STOP
  }

  private final Outbox outbox;
  private final ChatRegistry chats;
  private final Set<Long> owners;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WatchEvents events;
  private final SendGate gate;
  private final ForbiddenChats forbidden;
  private final Sending sending;
  private final MuteHold mutes;
  private final DailySummaries daily;
  private final ChatAlerts alerts;
  private final OutboxThread thread;
  private final Database db;
  private final Messenger messenger;

  /**
   * Each chat's language and time zone (for every text, quiet hours, the daily summary and a card's
   * times) are the store's readers; notifications dropped for lost access are recorded in the audit
   * of the store's database.
   */
  Dispatcher(
      WatchStore store,
      Messenger messenger,
      ChatRegistry chats,
      ButtonActions buttons,
      Set<Long> owners,
      Clock clock,
      Sleeper sleeper,
      WatchEvents events) {
    Objects.requireNonNull(store, "store");
    Readers readers = store.readers();
    AuditLog audit = new SqliteAuditLog(store.db());
    Function<Long, ZoneId> zones = chatId -> readers.of(chatId).zone();
    this.messenger = Objects.requireNonNull(messenger, "messenger");
    this.db = store.db();
    this.outbox = new Outbox(store.db());
    this.chats = Objects.requireNonNull(chats, "chats");
    this.owners = new TreeSet<>(owners);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.events = Objects.requireNonNull(events, "events");
    AccessPolicy policy = new AccessPolicy(this.owners, chats);
    this.gate = new SendGate(store, policy, audit, events, clock);
    this.forbidden = new ForbiddenChats(store, chats, this.owners, clock);
    this.alerts = new SqliteChatAlerts(store.db(), clock);
    CardButtons buttonMaker = new CardButtons(buttons, clock, readers);
    this.sending =
        new Sending(
            outbox,
            messenger,
            buttonMaker,
            new LiveCards(store.db(), messenger, policy, buttonMaker, clock, readers),
            new QuietHours(alerts, zones, clock),
            events,
            clock);
    this.mutes = new MuteHold(store.db(), clock, readers);
    this.daily = new DailySummaries(store.db(), alerts, policy, readers, clock);
    this.thread = new OutboxThread(this::drainOnce, this::nextDue, clock);
  }

  /**
   * Sends every row due now (and what sending it queues, such as the owners' notice about a
   * forbidden chat), on the calling thread.
   *
   * @return how many Telegram messages were accepted
   */
  synchronized int drainOnce() {
    int sent = 0;
    if (!db.fence().leading()) {
      return 0; // a standby sends nothing; the leader's dispatcher has the outbox
    }
    mutes.endDue();
    daily.makeDue();
    for (int pass = 0; pass < MAX_PASSES && !Thread.currentThread().isInterrupted(); pass++) {
      List<Pending> due = outbox.due(clock.instant());
      if (due.isEmpty()) {
        break;
      }
      sent += pass(due);
    }
    return sent;
  }

  private int pass(List<Pending> due) {
    Map<Long, Deque<Outgoing>> queues = new LinkedHashMap<>();
    for (Outgoing m : Digests.messages(mutes.pass(gate.admit(due)), forbidden.readers())) {
      queues.computeIfAbsent(m.chatId, k -> new ArrayDeque<>()).add(m);
    }
    Turns<Outgoing> turns = new Turns<>(queues.values(), m -> m.chatId, messenger::untilFree);
    int sent = 0;
    while (!turns.isEmpty()) {
      Deque<Outgoing> queue = turns.next();
      Outgoing m = queue.peekFirst();
      Duration slot = messenger.untilFree(m.chatId);
      if (slot.compareTo(MAX_SLOT_WAIT) > 0 && m.sentParts == 0) {
        outbox.hold(m.chatId, clock.instant().plus(slot));
        queue.clear();
        turns.served(queue);
        continue;
      }
      int partsBefore = m.sentParts;
      Step step = deliver(m, queue);
      sent += m.sentParts - partsBefore;
      switch (step) {
        case SENT, DROPPED -> queue.removeFirst();
        case CHAT_HELD, REPLAN -> queue.clear();
        case STOP -> {
          return sent;
        }
      }
      turns.served(queue);
    }
    return sent;
  }

  private Step deliver(Outgoing m, Deque<Outgoing> queue) {
    int waits = 0;
    int migrations = 0;
    boolean checked = false;
    while (true) {
      try {
        if (!checked) {
          if (!gate.stillAdmits(m.chatId, m.rows)) {
            return Step.REPLAN; // revoked or rebound while this message waited its turn
          }
          checked = true;
        }
        long to = m.chatId;
        // The fence, asked before every attempt with the chat's access: a replica deposed while
        // this message waited sends nothing more, and the new leader sends it.
        sending.send(m, () -> db.fence().leading() && gate.stillAdmits(to, m.rows));
        return Step.SENT;
      } catch (DeliveryException e) {
        switch (e.kind()) {
          case RETRY_AFTER -> {
            events.notificationFailed("rate_limited");
            Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
            if (++waits > MAX_RETRY_AFTER_IN_A_ROW || wait.compareTo(MAX_PART_WAIT) > 0) {
              log.warn(
                  "outbox: chat {} asked to wait {} again; holding its messages", m.chatId, wait);
              outbox.defer(m.chatId, m.ids, clock.instant().plus(wait));
              return Step.CHAT_HELD;
            }
            if (wait.compareTo(MAX_SLOT_WAIT) > 0 && m.sentParts == 0) {
              log.info(
                  "outbox: Telegram asked to wait {} before the next message to chat {}; holding"
                      + " its messages",
                  wait,
                  m.chatId);
              outbox.hold(m.chatId, clock.instant().plus(wait));
              return Step.CHAT_HELD;
            }
            log.info(
                "outbox: Telegram asked to wait {} before the next message to chat {}",
                wait,
                m.chatId);
            try {
              sleeper.sleep(wait);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              return Step.STOP;
            }
          }
          case TRANSIENT -> {
            return failedForNow(m, e);
          }
          case FORBIDDEN -> {
            events.notificationFailed("blocked");
            forbidden.pause(m.chatId, m.notice, e.getMessage());
            return Step.CHAT_HELD;
          }
          case MIGRATED -> {
            Long to = e.migratedTo();
            if (to == null || to == m.chatId || ++migrations > MAX_MIGRATIONS) {
              return rejected(m, e);
            }
            long from = m.chatId;
            chats.migrate(from, to);
            for (Outgoing o : queue) {
              o.chatId = to;
            }
            log.info("outbox: chat {} became supergroup {}; following it", from, to);
          }
          case REJECTED -> {
            if (chatGone(e)) {
              // The chat was deleted or the bot never joined it (an owner's /allow of a wrong
              // id): no later message can reach it either, as with a 403.
              events.notificationFailed("chat_not_found");
              forbidden.pause(m.chatId, m.notice, e.getMessage());
              return Step.CHAT_HELD;
            }
            return rejected(m, e);
          }
        }
      } catch (Messenger.NotWanted e) {
        return db.fence().leading() ? Step.REPLAN : Step.STOP;
      } catch (StoreException e) {
        throw e;
      } catch (RuntimeException e) {
        log.warn("outbox: sending to chat {} failed unexpectedly", m.chatId, e);
        return failedForNow(m, e);
      }
    }
  }

  private Step failedForNow(Outgoing m, RuntimeException e) {
    Instant now = clock.instant();
    if (m.oldest.plus(Duration.ofHours(GIVE_UP_HOURS)).isBefore(now)) {
      log.error(
          "outbox: giving up on {} row(s) for chat {} after {} h of failures: {}",
          m.ids.size(),
          m.chatId,
          GIVE_UP_HOURS,
          e.getMessage());
      outbox.markFailed(m.ids, now, "undeliverable for " + GIVE_UP_HOURS + " h: " + e.getMessage());
      events.notificationFailed("given_up");
      return Step.DROPPED;
    }
    events.notificationFailed("retrying");
    Duration backoff = backoff(m.attempts + 1);
    log.info(
        "outbox: chat {} not reachable now ({}); trying again in {}",
        m.chatId,
        e.getMessage(),
        backoff);
    outbox.defer(m.chatId, m.ids, now.plus(backoff));
    return Step.CHAT_HELD;
  }

  static Duration backoff(int attempt) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Telegram's 400 for a chat that is not there for the bot: "Bad Request: chat not found". */
  static boolean chatGone(DeliveryException e) {
    String m = e.getMessage();
    return m != null && m.toLowerCase(Locale.ROOT).contains("chat not found");
  }

  private Step rejected(Outgoing m, DeliveryException e) {
    log.warn(
        "outbox: Telegram rejected a message to chat {} ({} row(s)): {}",
        m.chatId,
        m.ids.size(),
        e.getMessage());
    outbox.markFailed(m.ids, clock.instant(), "rejected: " + e.getMessage());
    events.notificationFailed("rejected");
    return Step.DROPPED;
  }

  // --- the thread --------------------------------------------------------------------------------

  /** Starts the daemon thread that drains the outbox whenever rows are due. */
  void start() {
    thread.start();
  }

  /** New rows were written: drain now rather than at the next timer. */
  void wake() {
    thread.wake();
  }

  /** Stops the thread, waiting up to {@code timeout} for a message in flight. */
  void stop(Duration timeout) {
    thread.stop(timeout);
  }

  /** When something is next due: the earliest pending row, or the end of a mute. */
  private Instant nextDue() {
    Instant next = outbox.nextDue().orElse(null);
    Instant muteEnd = alerts.nextMuteEnd().orElse(null);
    return muteEnd != null && (next == null || muteEnd.isBefore(next)) ? muteEnd : next;
  }
}
