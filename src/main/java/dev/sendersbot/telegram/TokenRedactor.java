package dev.sendersbot.telegram;

import java.io.IOException;
import java.util.Objects;

/**
 * Keeps the bot token out of log lines and exception messages. TelegramBots and OkHttp put it in
 * the request path ({@code /bot<token>/method}), so anything that may echo a URL goes through here.
 */
final class TokenRedactor {
  static final String MASK = "****";

  private final String token;
  private final String encoded;

  TokenRedactor(String token) {
    this.token = Objects.requireNonNull(token, "token");
    this.encoded = token.replace(":", "%3A");
  }

  String mask(String s) {
    if (s == null || token.isEmpty()) {
      return s;
    }
    return s.replace(token, MASK).replace(encoded, MASK);
  }

  boolean leaks(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage()) + " " + c;
      if (m.contains(token) || m.contains(encoded)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** The throwable itself when it is clean, otherwise a copy with masked messages. */
  Throwable scrub(Throwable t) {
    if (t == null || !leaks(t)) {
      return t;
    }
    Redacted r =
        new Redacted(
            t.getClass().getName() + ": " + mask(t.getMessage()),
            t.getCause() == null || t.getCause() == t ? null : scrub(t.getCause()));
    r.setStackTrace(t.getStackTrace());
    return r;
  }

  IOException scrub(IOException e) {
    if (!leaks(e)) {
      return e;
    }
    IOException r =
        new IOException(mask(e.getMessage()), e.getCause() == null ? null : scrub(e.getCause()));
    r.setStackTrace(e.getStackTrace());
    return r;
  }

  /** Stands in for an exception whose message held the token. */
  static final class Redacted extends RuntimeException {
    Redacted(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
