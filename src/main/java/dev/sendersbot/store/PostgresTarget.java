package dev.sendersbot.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and how to log in to it.
 *
 * @param url {@code jdbc:postgresql://host[:port]/database[?options]}; it must not carry the
 *     password (a URL ends up in logs and process listings)
 * @param user the role to log in as; null leaves it to the driver (the URL, or the OS user)
 * @param password null when the server needs none (trust or peer authentication)
 * @param timeouts how long to wait for the server, and how often the leader election looks
 */
public record PostgresTarget(String url, String user, String password, PostgresTimeouts timeouts) {
  static final String PREFIX = "jdbc:postgresql://";

  /** With the default timeouts. */
  public PostgresTarget(String url, String user, String password) {
    this(url, user, password, PostgresTimeouts.DEFAULTS);
  }

  public PostgresTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeouts, "timeouts");
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "a PostgreSQL URL starts with " + PREFIX + ", not '" + name(url) + "'");
    }
    if (url.toLowerCase(Locale.ROOT).contains("password=")) {
      // Not echoed: the URL holds the password.
      throw new IllegalArgumentException(
          "the PostgreSQL URL "
              + name(url)
              + " carries a password: give it as storage.password or storage.password-file");
    }
  }

  /** The URL without its options and user info, for messages and logs. */
  public String name() {
    return name(url);
  }

  private static String name(String url) {
    String s = url;
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int at = s.lastIndexOf('@');
    int scheme = s.indexOf("//");
    if (at > scheme && scheme >= 0) {
      s = s.substring(0, scheme + 2) + s.substring(at + 1);
    }
    return s;
  }

  @Override
  public String toString() {
    return "PostgresTarget["
        + name()
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", "
        + timeouts
        + "]";
  }
}
