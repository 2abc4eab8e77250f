package dev.sendersbot.smsc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What the HTTP client needs to reach the provider. Checked on construction, so a client is never
 * built from settings that cannot make a request; {@link #toString()} shows no secret ({@link
 * Credentials} masks its own).
 *
 * @param baseUrl the provider's host, optionally with a path in front of {@code sys/senders.php};
 *     scheme, host, port and path only
 * @param credentials how requests sign in
 * @param timeout for each request, connecting and reading included
 */
public record SmscSettings(URI baseUrl, Credentials credentials, Duration timeout) {

  public SmscSettings {
    Objects.requireNonNull(credentials, "SMSC credentials");
    Objects.requireNonNull(timeout, "SMSC timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the SMSC timeout must be positive: " + timeout);
    }
    endpoint("the SMSC base URL", baseUrl);
  }

  /** Where requests go: the base URL with {@code sys/senders.php} appended. */
  HttpUrl endpoint() {
    return endpoint("the SMSC base URL", baseUrl);
  }

  /**
   * The script's URL under a base URL.
   *
   * @param what names the URL in a refusal
   * @throws IllegalArgumentException when the base URL is not plain http(s) or carries user info, a
   *     query or a fragment; the message echoes it only when it cannot hold a secret
   */
  static HttpUrl endpoint(String what, URI baseUrl) {
    Objects.requireNonNull(baseUrl, what);
    // Never echo a URL that may carry credentials of its own.
    boolean printable = baseUrl.getUserInfo() == null && baseUrl.getQuery() == null;
    HttpUrl url = HttpUrl.parse(baseUrl.toString());
    if (url == null) {
      throw new IllegalArgumentException(
          what + " must be an http or https URL" + (printable ? ": " + baseUrl : ""));
    }
    if (!url.username().isEmpty()
        || !url.password().isEmpty()
        || url.query() != null
        || url.fragment() != null) {
      throw new IllegalArgumentException(
          what + " must be scheme, host, port and path only, without user info, query or fragment");
    }
    return url.newBuilder().addPathSegments(HttpSendersApi.PATH).build();
  }
}
