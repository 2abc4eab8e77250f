package dev.sendersbot.smsc;

import java.util.Map;
import java.util.Objects;

/**
 * How the client signs in to senders.php: a login with its password, or an API key instead of both.
 * The password may be given as its lower-case MD5: the provider accepts either in the same field,
 * so the client sends it as given. The secret leaves this object only into a request body ({@link
 * #signIn}); {@link #toString()} masks it, so credentials that reach a log line or an exception
 * message by accident still do not leak.
 */
public final class Credentials {

  private final String login;
  private final String secret;

  private Credentials(String login, String secret) {
    this.login = login;
    this.secret = secret;
  }

  /**
   * A login with its password (or the password's lower-case MD5).
   *
   * @throws IllegalArgumentException when either is null or blank
   */
  public static Credentials password(String login, String password) {
    if (login == null || login.isBlank()) {
      throw new IllegalArgumentException(
          "an SMSC login must not be empty: " + (login == null ? "null" : "'" + login + "'"));
    }
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("the SMSC password for login '" + login + "' is empty");
    }
    return new Credentials(login, password);
  }

  /**
   * An API key, sent instead of a login and password.
   *
   * @throws IllegalArgumentException when it is null or blank
   */
  public static Credentials apiKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an SMSC API key must not be empty");
    }
    return new Credentials(null, apiKey);
  }

  private boolean isApiKey() {
    return login == null;
  }

  /** Adds the fields that sign a request, in the order they go on the wire. */
  void signIn(Map<String, String> form) {
    if (isApiKey()) {
      form.put("apikey", secret);
    } else {
      form.put("login", login);
      form.put("psw", secret);
    }
  }

  /** Who signs in, without the secret: {@code api key} or {@code login alex}. */
  String describe() {
    return isApiKey() ? "api key" : "login " + login;
  }

  @Override
  public String toString() {
    return isApiKey()
        ? "Credentials[api key ****]"
        : "Credentials[login " + login + ", password ****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && Objects.equals(c.login, login) && c.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(login, secret);
  }
}
