package dev.sendersbot.telegram;

import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;

/** What Telegram refuses in a message's text before it is sent: empty, or over 4096 characters. */
final class TextLimits {
  private TextLimits() {}

  /** The refusal Telegram would answer for {@code html}; null when it may go. */
  static DeliveryException problem(String what, String html) {
    String visible = Html.visibleText(html);
    if (visible.isBlank()) {
      return new DeliveryException(Kind.REJECTED, what + ": the text is empty", null, null, null);
    }
    if (visible.length() > Reply.MAX_TEXT) {
      return new DeliveryException(
          Kind.REJECTED,
          what
              + ": the text is "
              + visible.length()
              + " characters, more than "
              + Reply.MAX_TEXT
              + " (split it with Html.split)",
          null,
          null,
          null);
    }
    return null;
  }
}
