package dev.sendersbot.chat;

/**
 * Who sent an update.
 *
 * @param id Telegram user id
 * @param username without '@'; may be null
 * @param firstName may be null
 */
public record UserRef(long id, String username, String firstName) {
  /** For logs and audit: {@code @name} or the id. */
  public String label() {
    return username != null ? "@" + username : firstName != null ? firstName : Long.toString(id);
  }
}
