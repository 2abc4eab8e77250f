package dev.sendersbot.chat;

import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.InvalidValueException;

/** A validator's refusal in the reader's words. */
final class InputWords {
  private InputWords() {}

  static String of(Texts t, IllegalArgumentException e) {
    if (e instanceof InvalidValueException v) {
      return t.t("input." + v.problem().name(), v.value(), v.detail());
    }
    // A check without words of its own: say only that the input cannot be used.
    return t.t("input.invalid");
  }
}
