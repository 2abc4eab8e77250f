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

  CardButtons(ButtonActions buttons, Clock clock) {
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  List<List<Button>> keyboard(long chatId, List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Instant expires = clock.instant().plus(LIFETIME);
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (String name : names) {
      String token = buttons.create(chatId, 0, ACTION, name, expires);
      row.add(new Button("🔎 " + name, token));
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
