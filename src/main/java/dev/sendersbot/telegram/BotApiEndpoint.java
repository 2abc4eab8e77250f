package dev.sendersbot.telegram;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Where the Bot API lives: {@code telegram.api-url} reduced to what TelegramBots can address
 * (scheme, host, port). TelegramBots builds {@code {scheme}://{host}:{port}/bot{token}/{method}}
 * and cannot add a path prefix, so a URL with a path is refused here instead of silently ignored.
 */
public record BotApiEndpoint(String scheme, String host, int port) {

  public BotApiEndpoint {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "telegram.api-url scheme must be http or https: " + scheme);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("telegram.api-url port must be 1-65535: " + port);
    }
  }

  /** Parses and checks {@code telegram.api-url}; the message names the offending value. */
  public static BotApiEndpoint of(URI apiUrl) {
    if (apiUrl == null) {
      throw new IllegalArgumentException("telegram.api-url is required");
    }
    String scheme = apiUrl.getScheme() == null ? null : apiUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "telegram.api-url must start with http:// or https://: " + shown(apiUrl));
    }
    if (apiUrl.getHost() == null || apiUrl.getHost().isBlank()) {
      throw new IllegalArgumentException("telegram.api-url has no host: " + shown(apiUrl));
    }
    String path = apiUrl.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      // Neither the path nor the URL is quoted: .../bot<token> is the usual mistake here.
      throw new IllegalArgumentException(
          "telegram.api-url must not have a path (TelegramBots calls {url}/bot{token}/{method} and"
              + " cannot add a prefix): "
              + shown(apiUrl));
    }
    if (apiUrl.getRawQuery() != null || apiUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "telegram.api-url must not have a query or fragment: " + shown(apiUrl));
    }
    if (apiUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "telegram.api-url must not carry user info: "
              + apiUrl.getScheme()
              + "://…@"
              + apiUrl.getHost());
    }
    int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : scheme.equals("https") ? 443 : 80;
    return new BotApiEndpoint(scheme, apiUrl.getHost(), port);
  }

  TelegramUrl telegramUrl() {
    return new TelegramUrl(scheme, host, port, false);
  }

  /** {@code {api-url}/file/bot{token}/{file_path}}: never log it, it holds the token. */
  HttpUrl fileUrl(String token, String filePath) {
    return new HttpUrl.Builder()
        .scheme(scheme)
        .host(host)
        .port(port)
        .addPathSegment("file")
        .addPathSegment("bot" + token)
        .addPathSegments(filePath.startsWith("/") ? filePath.substring(1) : filePath)
        .build();
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }

  /** The URL as a message may quote it: scheme, host and port; a path may hold the token. */
  private static String shown(URI u) {
    if (u.getHost() == null) {
      return "(not shown)";
    }
    return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + "/…";
  }
}
