package dev.sendersbot.telegram;

import java.net.URI;

/**
 * What the adapter needs to reach the Bot API, built by the wiring from the application's
 * configuration. {@link #toString()} masks the token, so settings that reach a log line or an
 * exception message do not carry it.
 *
 * @param token the bot's token; null when none is configured (the messenger and the transport
 *     refuse to start without one, naming the key)
 * @param apiUrl the Bot API's base URL
 */
public record TelegramSettings(String token, URI apiUrl) {
  @Override
  public String toString() {
    return "TelegramSettings[token="
        + (token == null ? "none" : "****")
        + ", apiUrl="
        + apiUrl
        + "]";
  }
}
