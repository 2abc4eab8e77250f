package dev.sendersbot.watch;

import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Puts one {@link Outgoing} on the wire and marks its rows sent: a card through {@link LiveCards},
 * anything else as its message parts, the buttons (cards, mutes) under the last part. In a chat's
 * quiet hours everything goes without sound.
 */
final class Sending {
  private final Outbox outbox;
  private final Messenger messenger;
  private final CardButtons buttons;
  private final LiveCards cards;
  private final QuietHours quiet;
  private final WatchEvents events;
  private final Clock clock;

  Sending(
      Outbox outbox,
      Messenger messenger,
      CardButtons buttons,
      LiveCards cards,
      QuietHours quiet,
      WatchEvents events,
      Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.messenger = Objects.requireNonNull(messenger, "messenger");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.cards = Objects.requireNonNull(cards, "cards");
    this.quiet = Objects.requireNonNull(quiet, "quiet");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sends what of {@code m} is not sent yet, asking {@code stillWanted} before every attempt.
   * Failures are the messenger's; the parts sent before one are counted in {@code m}.
   */
  void send(Outgoing m, BooleanSupplier stillWanted) {
    boolean hush = quiet.now(m.chatId);
    if (m.card != null) {
      cards.deliver(m, hush, stillWanted);
      m.sentParts = m.parts.size();
      events.notificationSent();
      return;
    }
    if (m.keyboard == null) {
      m.keyboard = buttons.keyboard(m.chatId, m.cards, m.notice ? List.of() : m.names);
    }
    while (m.sentParts < m.parts.size()) {
      boolean last = m.sentParts == m.parts.size() - 1;
      Reply reply =
          new Reply(
              m.parts.get(m.sentParts), last ? m.keyboard : List.of(), false, m.silent || hush);
      // Asked again before every attempt: the messenger waits out short 429s on its own.
      messenger.send(m.chatId, m.topicId, reply, stillWanted);
      m.sentParts++;
      events.notificationSent();
    }
    outbox.markSent(m.ids, clock.instant());
  }
}
