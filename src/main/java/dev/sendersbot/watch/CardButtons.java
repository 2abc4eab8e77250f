package dev.sendersbot.watch;

import dev.sendersbot.message.Button;
import dev.sendersbot.store.ButtonActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The buttons under an alert that open a sender name's card, two to a row. Each is a stored action
 * for the alert's chat, so a press cannot be forged into another name or chat.
 */
final class CardButtons {
  /** The action of a card button; the chat core answers it with the name's card. */
  static final String ACTION = Button.CARD_ACTION;

  static final Duration LIFETIME = Duration.ofDays(30);

  private final ButtonActions buttons;
  private final Clock clock;
  private final Readers readers;

  CardButtons(ButtonActions buttons, Clock clock) {
    this(buttons, clock, Readers.ENGLISH_UTC);
  }

  /**
   * @param readers whose words each chat's mute buttons are in
   */
  CardButtons(ButtonActions buttons, Clock clock, Readers readers) {
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  List<List<Button>> keyboard(long chatId, List<String> names) {
    return keyboard(chatId, names, List.of());
  }

  /**
   * Card buttons for {@code names}, then one row of mute buttons silencing {@code muted} in the
   * chat for an hour, a day, or until unmuted (none when {@code muted} is empty).
   */
  List<List<Button>> keyboard(long chatId, List<String> names, List<String> muted) {
    List<List<Button>> rows = new ArrayList<>(cards(chatId, names));
    if (!muted.isEmpty()) {
      Instant expires = clock.instant().plus(LIFETIME);
      String who = String.join(" ", muted);
      dev.sendersbot.i18n.Texts t = readers.of(chatId);
      rows.add(
          List.of(
              mute(chatId, CardTexts.muteHour(t), "1h " + who, expires),
              mute(chatId, CardTexts.muteDay(t), "1d " + who, expires),
              mute(chatId, CardTexts.muteName(t, muted.size()), "forever " + who, expires)));
    }
    return rows;
  }

  private Button mute(long chatId, String text, String args, Instant expires) {
    return new Button(text, buttons.create(chatId, 0, Button.MUTE_ACTION, args, expires));
  }

  private List<List<Button>> cards(long chatId, List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Instant expires = clock.instant().plus(LIFETIME);
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (String name : names) {
      String token = buttons.create(chatId, 0, ACTION, name, expires);
      row.add(new Button(CardTexts.cardButton(name), token));
      if (row.size() == 2) {
        rows.add(row);
        row = new ArrayList<>();
      }
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }
}
