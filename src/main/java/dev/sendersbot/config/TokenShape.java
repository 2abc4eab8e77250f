package dev.sendersbot.config;

/**
 * What a bot token looks like, {@code <bot id>:<secret>}: for masking tokens nobody registered, in
 * the printed configuration and in the log alike.
 */
public final class TokenShape {
  /** The bot id before the colon: public, it is the bot's user id. */
  public static final String BOT_ID = "\\d{6,12}";

  /** The secret after the colon. */
  public static final String SECRET = "[A-Za-z0-9_-]{30,}";

  private TokenShape() {}
}
