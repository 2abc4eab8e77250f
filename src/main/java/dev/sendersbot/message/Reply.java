package dev.sendersbot.message;

import java.util.List;
import java.util.Objects;

/**
 * What the bot says: Telegram HTML (every value escaped by the caller, see {@link Html}), at most
 * 4096 characters once entities are parsed, with optional buttons.
 *
 * @param html the text in Telegram's HTML subset
 * @param keyboard rows of inline buttons; empty for none
 * @param forceReply ask the client to reply to this message (a prompt for a code)
 * @param silent send without a notification sound
 */
public record Reply(String html, List<List<Button>> keyboard, boolean forceReply, boolean silent) {
  public static final int MAX_TEXT = 4096;

  public Reply {
    Objects.requireNonNull(html, "html");
    keyboard = keyboard == null ? List.of() : keyboard.stream().map(List::copyOf).toList();
  }

  public static Reply html(String html) {
    return new Reply(html, List.of(), false, false);
  }

  public Reply withKeyboard(List<List<Button>> rows) {
    return new Reply(html, rows, forceReply, silent);
  }

  public Reply asForceReply() {
    return new Reply(html, keyboard, true, silent);
  }

  public Reply asSilent() {
    return new Reply(html, keyboard, forceReply, true);
  }
}
