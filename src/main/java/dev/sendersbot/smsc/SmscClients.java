package dev.sendersbot.smsc;

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
   * The client for the configured host. A failed list request is tried once more on the backup host
   * {@code www2.<host>} (none for an IP address, {@code localhost} or a single-label host).
   *
   * @param base the application's shared client; its interceptors must not log request bodies
   */
  public static SendersApi http(SmscSettings settings, OkHttpClient base) {
    Objects.requireNonNull(settings, "settings");
    return http(settings, base, backupOf(settings.baseUrl()).orElse(null));
  }

  /**
   * As {@link #http(SmscSettings, OkHttpClient)} with an explicit second host for lists.
   *
   * @param backupBaseUrl where a failed list request is tried once more; null for no second try
   * @throws IllegalArgumentException when the backup base URL cannot make a request
   */
  public static SendersApi http(SmscSettings settings, OkHttpClient base, URI backupBaseUrl) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(base, "base");
    HttpUrl backup =
        backupBaseUrl == null ? null : SmscSettings.endpoint("the backup base URL", backupBaseUrl);
    Duration timeout = settings.timeout();
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
        new SendersTransport(client, settings.endpoint(), backup, timeout), settings.credentials());
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
    if (ipLiteral
        || host.equals("localhost")
        || host.endsWith(".localhost")
        || !host.contains(".")
        || host.matches("www[0-9]+\\..*")) {
      return Optional.empty();
    }
    String bare = host.startsWith("www.") ? host.substring(4) : host;
    return Optional.of(url.newBuilder().host("www2." + bare).build().uri());
  }
}
