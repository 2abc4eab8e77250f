package dev.sendersbot.telegram;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Webhook mode: Telegram posts each update to {@code url}, a reverse proxy forwards it to {@code
 * bind:port}, and only a request carrying {@code secret} in {@code X-Telegram-Bot-Api-Secret-Token}
 * is taken.
 *
 * @param url the public address given to setWebhook; its path is the one path served
 * @param bind the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param secret setWebhook's secret_token; never printed ({@link #toString()} masks it)
 * @param maxConnections setWebhook's max_connections, 1-100
 */
public record WebhookSettings(URI url, String bind, int port, String secret, int maxConnections) {
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  public WebhookSettings {
    Objects.requireNonNull(url, "telegram.webhook.url");
    Objects.requireNonNull(bind, "telegram.webhook.bind");
    Objects.requireNonNull(secret, "telegram.webhook.secret");
    String scheme = url.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("telegram.webhook.url must be an https URL: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "telegram.webhook.url must not have a query or fragment: " + url);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("telegram.webhook.port must be 0-65535: " + port);
    }
    // The message never shows the secret.
    if (!SECRET.matcher(secret).matches()) {
      throw new IllegalArgumentException(
          "telegram.webhook.secret must be 1-256 characters A-Z, a-z, 0-9, _ and -");
    }
    if (maxConnections < 1 || maxConnections > 100) {
      throw new IllegalArgumentException(
          "telegram.webhook.max-connections must be 1-100: " + maxConnections);
    }
  }

  /** The path served: the URL's, or {@code /}. */
  String path() {
    String p = url.getRawPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  @Override
  public String toString() {
    return "WebhookSettings[url="
        + url
        + ", bind="
        + bind
        + ", port="
        + port
        + ", secret=****, maxConnections="
        + maxConnections
        + "]";
  }
}
