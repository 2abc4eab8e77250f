package dev.sendersbot.chat;

/**
 * Who sent an update.
 *
 * @param id Telegram user id
 * @param username without '@'; may be null
 * @param firstName may be null
 * @param languageCode the user's Telegram client language ({@code language_code}); may be null
 */
public record UserRef(long id, String username, String firstName, String languageCode) {
  /** A user whose client language is unknown (English replies, unless the chat chose). */
  public UserRef(long id, String username, String firstName) {
    this(id, username, firstName, null);
  }

  /** For logs and audit: {@code @name} or the id. */
  public String label() {
    return username != null ? "@" + username : firstName != null ? firstName : Long.toString(id);
  }
}
