package dev.sendersbot.chat;

/**
 * Who sent an update.
 *
 * @param id Telegram user id
 * @param username without '@'; may be null
 * @param firstName may be null
 * @param languageCode the user's Telegram client language ({@code language_code}); may be null
 * @param onBehalfOfChat the message was sent on behalf of a chat (by an anonymous group admin, or
 *     as a channel): {@code id} is then Telegram's stand-in, the same for everyone who writes so
 */
public record UserRef(
    long id, String username, String firstName, String languageCode, boolean onBehalfOfChat) {
  /** Someone writing as themselves. */
  public UserRef(long id, String username, String firstName, String languageCode) {
    this(id, username, firstName, languageCode, false);
  }

  /** A user whose client language is unknown (English replies, unless the chat chose). */
  public UserRef(long id, String username, String firstName) {
    this(id, username, firstName, null);
  }

  /** For logs and audit: {@code @name} or the id. */
  public String label() {
    return username != null ? "@" + username : firstName != null ? firstName : Long.toString(id);
  }
}
