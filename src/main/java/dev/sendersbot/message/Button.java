package dev.sendersbot.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An inline button. Its data is what comes back in a callback: Telegram allows 1-64 bytes, so state
 * lives in the store and the button carries a short token.
 */
public record Button(String text, String data) {
  /**
   * The action of a button that opens a sender name's card: the watcher's alerts create such
   * buttons and the chat core handles them, so the name lives here, below both.
   */
  public static final String CARD_ACTION = "card";

  /**
   * The action of a mute button under an alert: its arguments are a duration ({@code 1h}, {@code
   * 1d} or {@code forever}) and the names it silences. Made by the watcher, handled by the chat
   * core, so named here below both.
   */
  public static final String MUTE_ACTION = "mute";

  public static final int MAX_DATA_BYTES = 64;

  public Button {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(data, "data");
    int n = data.getBytes(StandardCharsets.UTF_8).length;
    if (n < 1 || n > MAX_DATA_BYTES) {
      throw new IllegalArgumentException("button data must be 1-64 bytes, was " + n + ": " + data);
    }
  }
}
