package dev.sendersbot.telegram;

import dev.sendersbot.chat.Incoming;
import dev.sendersbot.store.BotState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the transport does with each poll's updates, on the poll thread: skips those handled before,
 * converts the others, takes them in ({@link UpdateIntake}) and runs a migration alone. Runs the
 * handlers on the lanes and marks each update finished.
 */
final class UpdateReceiver {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final BotState state;
  private final UpdateProgress progress;
  private final UpdateSink sink;
  private final TokenRedactor redactor;
  private final UpdateConverter converter;
  private final AtomicBoolean closed;
  private final UpdateLanes lanes;
  private final UpdateIntake intake;

  /** Received updates being handled now, unconfirmed unless parked, by id. */
  private final Map<Long, Running> running = new ConcurrentHashMap<>();

  /** A received update being handled; its fields are guarded by itself. */
  private static final class Running {
    final UpdateIntake.Received received;
    boolean parked;
    boolean done;

    Running(UpdateIntake.Received received) {
      this.received = received;
    }
  }

  UpdateReceiver(
      BotState state,
      UpdateProgress progress,
      UpdateSink sink,
      TelegramTransport.Options options,
      TokenRedactor redactor,
      UpdateConverter converter,
      AtomicBoolean closed) {
    this.state = state;
    this.progress = progress;
    this.sink = sink;
    this.redactor = redactor;
    this.converter = converter;
    this.closed = closed;
    this.lanes =
        new UpdateLanes(
            options.workers(),
            options.fairness().pacing(),
            this::parkedJob,
            Threads.daemon("telegram-update"));
    this.intake =
        new UpdateIntake(
            lanes,
            state.backlog(),
            progress,
            options.fairness(),
            redactor,
            r -> () -> handleNow(r),
            this::runParked);
  }

  /** Hands out what an earlier run parked, and from now on what arrives. */
  void start() {
    intake.restore();
    lanes.start();
  }

  /** One poll's updates, in any order. */
  void receive(List<Update> updates) throws InterruptedException {
    List<Update> ordered = new ArrayList<>(updates);
    ordered.removeIf(u -> u == null || u.getUpdateId() == null);
    ordered.sort(Comparator.comparing(Update::getUpdateId));
    List<UpdateIntake.Received> batch = new ArrayList<>();
    long arrived = System.nanoTime();
    for (Update u : ordered) {
      if (closed.get() || !receive(u, arrived, batch)) {
        return;
      }
    }
    intake.take(batch);
  }

  /** Adds a deliverable update to the batch; false when closing stopped a migration. */
  private boolean receive(Update u, long arrived, List<UpdateIntake.Received> batch)
      throws InterruptedException {
    long id = u.getUpdateId();
    if (!progress.isNew(id)) {
      log.debug(
          "Update {} skipped: already handled or under way (watermark {})",
          id,
          progress.watermark());
      return true;
    }
    UpdateConverter.Converted c;
    try {
      c = converter.convert(u);
    } catch (RuntimeException e) {
      log.error("Update {} could not be read; skipped", id, redactor.scrub(e));
      c = new UpdateConverter.Skip("unreadable");
    }
    if (c instanceof UpdateConverter.Deliver d) {
      progress.admit(id);
      batch.add(new UpdateIntake.Received(id, d.incoming(), arrived));
    } else if (c instanceof UpdateConverter.Migrate m && !intake.trusted(m.oldChatId())) {
      // A stranger's group: nothing of the bot's to move, and the full migration below waits for
      // every chat's updates to finish. Anyone can make a group, add the bot and upgrade it.
      log.debug("Update {} skipped: unknown chat {} became a supergroup", id, m.oldChatId());
      progress.admit(id);
      progress.finish(id);
    } else if (c instanceof UpdateConverter.Migrate m) {
      intake.take(batch);
      batch.clear();
      return migrate(id, m);
    } else if (c instanceof UpdateConverter.Skip s) {
      log.debug("Update {} skipped: {}", id, s.why());
      progress.admit(id);
      progress.finish(id);
    }
    return true;
  }

  /**
   * It concerns two chats: nothing of either may run beside it, before or after. Runs on the poll
   * thread once neither chat has an update under way, and holds both chats' lanes meanwhile; every
   * other chat goes on (before, it waited for every chat's updates to finish).
   */
  private boolean migrate(long id, UpdateConverter.Migrate m) throws InterruptedException {
    progress.admit(id);
    if (!lanes.holdChats(m.oldChatId(), m.newChatId())) {
      return false;
    }
    try {
      handle(
          id,
          () -> {
            log.info("Chat {} became supergroup {}", m.oldChatId(), m.newChatId());
            sink.chatMigrated(m.oldChatId(), m.newChatId());
            backlogOf(m);
          });
    } finally {
      lanes.resumeChats(m.oldChatId(), m.newChatId());
    }
    return true;
  }

  private void backlogOf(UpdateConverter.Migrate m) {
    try {
      state.backlog().moveChat(m.oldChatId(), m.newChatId());
    } catch (RuntimeException e) {
      log.error(
          "Could not move the parked updates of chat {} to {}",
          m.oldChatId(),
          m.newChatId(),
          redactor.scrub(e));
    }
    lanes.moveChat(m.oldChatId(), m.newChatId());
  }

  private void deliver(Incoming in) {
    log.debug(
        "Update {}: {} in chat {}", in.updateId(), in.getClass().getSimpleName(), in.chat().id());
    sink.handle(in);
  }

  private UpdateLanes.Job parkedJob(long chatId, long afterUpdateId) {
    return intake.next(chatId, afterUpdateId);
  }

  /** On a worker, in the update's lane: a parked update; false when closing kept it parked. */
  private boolean runParked(long id, Incoming in) {
    if (closed.get()) {
      return false;
    }
    try {
      deliver(in);
    } catch (Throwable t) {
      log.error(
          "Parked update {} failed in the handler; going on with the next", id, redactor.scrub(t));
    }
    return true;
  }

  /**
   * On a worker, in the update's lane: a received update, unconfirmed until it finishes, unless its
   * handler has to wait on the way (then it is parked as it runs, see {@link
   * UpdateIntake#parkRunning}).
   */
  private void handleNow(UpdateIntake.Received r) {
    if (closed.get()) {
      // Not started: left unconfirmed for the next run.
      return;
    }
    Running run = new Running(r);
    running.put(r.updateId(), run);
    LaneTurn.beforeFirstWait(() -> park(run));
    try {
      Incoming in = r.incoming();
      log.debug(
          "Update {}: {} in chat {}", in.updateId(), in.getClass().getSimpleName(), in.chat().id());
      sink.handle(in, r.arrivedNanos());
    } catch (Throwable t) {
      log.error(
          "Update {} failed in the handler; going on with the next",
          r.updateId(),
          redactor.scrub(t));
    } finally {
      LaneTurn.beforeFirstWait(null);
      running.remove(r.updateId());
    }
    boolean parked;
    synchronized (run) {
      run.done = true;
      parked = run.parked;
    }
    if (parked) {
      intake.forget(r.updateId());
    } else {
      progress.finish(r.updateId());
    }
  }

  /** Parks a running update once, unless it has finished; by its worker or the poll thread. */
  private void park(Running run) {
    synchronized (run) {
      if (!run.done && !run.parked) {
        run.parked = intake.parkRunning(run.received);
      }
    }
  }

  /**
   * The poll thread, while updates under way fill the window getUpdates gives (100): parks every
   * received update still running, so the offset moves past them and the updates behind them come
   * in. Before, a command waiting on the provider, a download or the database held the offset, and
   * a burst of a hundred messages from anyone behind it stopped the bot hearing every chat.
   */
  void makeRoom() {
    running.values().forEach(this::park);
  }

  /** On a worker, in the update's lane. */
  private void handle(long id, Runnable work) {
    if (closed.get()) {
      // Not started: left unconfirmed for the next run.
      return;
    }
    try {
      work.run();
    } catch (Throwable t) {
      log.error("Update {} failed in the handler; going on with the next", id, redactor.scrub(t));
    }
    progress.finish(id);
  }

  /** See {@link UpdateLanes#stop}. */
  boolean stop(long deadlineNanos, long graceMillis) {
    return lanes.stop(deadlineNanos, graceMillis);
  }

  /** Every update up to this one has been handled, parked ones included. */
  long lastHandled() {
    long watermark = progress.watermark();
    OptionalLong parked = intake.lowestWaiting();
    return parked.isPresent() ? Math.min(watermark, parked.getAsLong() - 1) : watermark;
  }

  int backlog() {
    return lanes.parkedTotal();
  }

  long parked() {
    return intake.parkedCount();
  }

  long dropped() {
    return intake.droppedCount();
  }
}
