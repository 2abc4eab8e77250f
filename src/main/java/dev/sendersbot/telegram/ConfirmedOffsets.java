package dev.sendersbot.telegram;

import dev.sendersbot.store.BotState;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Telegram confirmed, as polling learns it (a getUpdates answered with an offset confirms
 * every update below it), and what that says of a server whose update ids started over: a week
 * without updates makes Telegram pick a new first id, and another Bot API server (a local one, a
 * restarted emulator) has ids of its own. Used by the poll thread.
 */
final class ConfirmedOffsets {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final BotState state;
  private final TokenRedactor redactor;

  /**
   * The offset Telegram confirmed last, as earlier runs recorded it, or as a poll of this run asked
   * when it brought an update below it ({@link #answered}); empty when none is on record (or it
   * could not be read), and once the next updates were heard.
   */
  private OptionalLong before;

  /** The highest offset recorded as confirmed. */
  private long confirmed;

  ConfirmedOffsets(BotState state, TokenRedactor redactor) {
    this.state = Objects.requireNonNull(state, "state");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    OptionalLong recorded;
    try {
      recorded = state.confirmedOffset();
    } catch (RuntimeException e) {
      log.warn("Could not read the confirmed Telegram offset", redactor.scrub(e));
      recorded = OptionalLong.empty();
    }
    this.before = recorded;
    this.confirmed = recorded.orElse(0);
  }

  /**
   * True until this run's first update, when an earlier run recorded what Telegram confirmed (and
   * again after a poll brought an update below its offset, see {@link #answered}): the polls then
   * ask for the earliest unconfirmed updates (no offset) instead of those after the watermark. A
   * server whose ids started over would take the watermark's offset for one in its future: it would
   * hand out nothing, or keep handing out what lies below it, and the bot would hear nothing for
   * good.
   */
  synchronized boolean learning() {
    return before.isPresent();
  }

  /**
   * The first updates of this run, or of a poll {@link #answered} made ask without an offset: the
   * lowest of them when it lies below the offset Telegram confirmed, which a server never hands out
   * again, so its ids started over; empty otherwise, and for every later batch.
   */
  synchronized OptionalLong startedOver(List<Long> ids) {
    if (before.isEmpty() || ids.isEmpty()) {
      return OptionalLong.empty();
    }
    long below = before.getAsLong();
    before = OptionalLong.empty();
    long lowest = Collections.min(ids);
    if (lowest >= below) {
      return OptionalLong.empty();
    }
    log.warn(
        "Telegram's update ids started over: update {} came after every update below {} was"
            + " confirmed (a week without updates, or another Bot API server); handling the"
            + " updates from {} on",
        lowest,
        below,
        lowest);
    confirmed = 0;
    return OptionalLong.of(lowest);
  }

  /**
   * A getUpdates asked with {@code offset} (-1: without one) brought these updates. One below the
   * offset is one a server never hands out, unless its ids started over while this run polled:
   * Telegram then takes the offset for one in its future, confirms nothing and hands out from its
   * oldest update on, each of them at or below the watermark, so skipped as handled. Or the server
   * lost its state and hands out again what was confirmed. The next poll asks without an offset and
   * {@link #startedOver} tells which, as at the start of a run.
   */
  synchronized void answered(long offset, List<Long> ids) {
    if (offset <= 0 || before.isPresent() || ids.isEmpty() || Collections.min(ids) >= offset) {
      return;
    }
    log.info(
        "getUpdates with offset {} brought update {}: asking for the earliest unconfirmed updates"
            + " to tell whether the update ids started over",
        offset,
        Collections.min(ids));
    before = OptionalLong.of(offset);
  }

  /** A getUpdates with this offset was answered: Telegram confirmed every update below it. */
  synchronized void confirmed(long offset) {
    if (offset <= confirmed) {
      return;
    }
    confirmed = offset;
    try {
      state.markConfirmed(offset);
    } catch (RuntimeException e) {
      log.warn("Could not record the confirmed Telegram offset {}", offset, redactor.scrub(e));
    }
  }
}
