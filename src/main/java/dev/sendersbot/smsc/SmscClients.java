package dev.sendersbot.smsc;

import dev.sendersbot.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds the HTTP implementation of {@link SendersApi}. */
public final class SmscClients {

  private SmscClients() {}

  /**
   * The client for the configured host. A failed list request is tried once more on the backup
   * host {@code www2.<host>} (none for an IP address, {@code localhost} or a single-label host).
   *
   * @param base the application's shared client; its interceptors must not log request bodies
   * @throws IllegalArgumentException when the settings cannot make a request (no credentials, a bad
   *     base URL, a non-positive timeout)
   */
  public static SendersApi http(Config.Smsc settings, OkHttpClient base) {
    Objects.requireNonNull(settings, "settings");
    return http(settings, base, backupOf(settings.baseUrl()).orElse(null));
  }

  /**
   * As {@link #http(Config.Smsc, OkHttpClient)} with an explicit second host for lists.
   *
   * @param backupBaseUrl where a failed list request is tried once more; null for no second try
   */
  public static SendersApi http(Config.Smsc settings, OkHttpClient base, URI backupBaseUrl) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(base, "base");
    if (!settings.hasCredentials()) {
      throw new IllegalArgumentException(
          "smsc credentials are missing: set smsc.login and smsc.password, or smsc.api-key");
    }
    Duration timeout = Objects.requireNonNull(settings.timeout(), "smsc.timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("smsc.timeout must be positive: " + timeout);
    }
    HttpUrl endpoint = endpoint("smsc.base-url", settings.baseUrl());
    HttpUrl backup = backupBaseUrl == null ? null : endpoint("backup base URL", backupBaseUrl);
    OkHttpClient client =
        base.newBuilder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            // OkHttp would otherwise silently re-send a POST whose pooled connection dropped after
            // the request went out: a duplicate add. Retries are ours to decide (lists only).
            .retryOnConnectionFailure(false)
            // A redirect would re-send the credentials to wherever it points.
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    return new HttpSendersApi(
        client, endpoint, backup, settings.login(), settings.password(), settings.apiKey(), timeout);
  }

  /**
   * The provider's backup host for a base URL: {@code https://smsc.ru} gives {@code
   * https://www2.smsc.ru}. Empty for IP literals, {@code localhost}, single-label hosts and hosts
   * that already are a numbered backup.
   */
  static Optional<URI> backupOf(URI baseUrl) {
    if (baseUrl == null) {
      return Optional.empty();
    }
    HttpUrl url = HttpUrl.parse(baseUrl.toString());
    if (url == null) {
      return Optional.empty();
    }
    String host = url.host().toLowerCase(Locale.ROOT);
    boolean ipLiteral = host.contains(":") || host.matches("[0-9.]+");
    if (ipLiteral || host.equals("localhost") || host.endsWith(".localhost") || !host.contains(".")
        || host.matches("www[0-9]+\\..*")) {
      return Optional.empty();
    }
    String bare = host.startsWith("www.") ? host.substring(4) : host;
    return Optional.of(url.newBuilder().host("www2." + bare).build().uri());
  }

  private static HttpUrl endpoint(String key, URI baseUrl) {
    Objects.requireNonNull(baseUrl, key);
    // Never echo a URL that may carry credentials of its own.
    boolean printable = baseUrl.getUserInfo() == null && baseUrl.getQuery() == null;
    HttpUrl url = HttpUrl.parse(baseUrl.toString());
    if (url == null) {
      throw new IllegalArgumentException(
          key + " must be an http or https URL" + (printable ? ": " + baseUrl : ""));
    }
    if (!url.username().isEmpty() || !url.password().isEmpty() || url.query() != null
        || url.fragment() != null) {
      throw new IllegalArgumentException(
          key + " must be scheme, host, port and path only, without user info, query or fragment");
    }
    return url.newBuilder().addPathSegments(HttpSendersApi.PATH).build();
  }
}
