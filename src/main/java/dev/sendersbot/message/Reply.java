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
 * @param replyTo the id of the message in the same chat this one answers; 0 for none
 */
public record Reply(
    String html, List<List<Button>> keyboard, boolean forceReply, boolean silent, int replyTo) {
  public static final int MAX_TEXT = 4096;

  public Reply {
    Objects.requireNonNull(html, "html");
    keyboard = keyboard == null ? List.of() : keyboard.stream().map(List::copyOf).toList();
  }

  public Reply(String html, List<List<Button>> keyboard, boolean forceReply, boolean silent) {
    this(html, keyboard, forceReply, silent, 0);
  }

  public static Reply html(String html) {
    return new Reply(html, List.of(), false, false);
  }

  public Reply withKeyboard(List<List<Button>> rows) {
    return new Reply(html, rows, forceReply, silent, replyTo);
  }

  public Reply asForceReply() {
    return new Reply(html, keyboard, true, silent, replyTo);
  }

  /**
   * A prompt that asks {@code messageId}'s sender for a reply. In a group, Telegram opens the reply
   * field only for the sender of the message a selective prompt answers (or a user it mentions):
   * without it, nobody's client would.
   */
  public Reply asForceReplyTo(int messageId) {
    return new Reply(html, keyboard, true, silent, messageId);
  }

  public Reply asSilent() {
    return new Reply(html, keyboard, forceReply, true, replyTo);
  }
}
