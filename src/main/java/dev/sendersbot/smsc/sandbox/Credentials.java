package dev.sendersbot.smsc.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who may call senders.php: the account's login (in any case) with its password or the password's
 * lower-case MD5, or the API key instead of both. Sub-clients ({@code user=}) sign in with the
 * account's credentials; which names they see is the {@link NameStore}'s business.
 */
final class Credentials {
  private final String login;
  private final String password;
  private final String passwordMd5;
  private final String apiKey;

  Credentials(SandboxOptions options) {
    this.login = options.login();
    this.password = options.password();
    this.passwordMd5 = md5(options.password());
    this.apiKey = options.apiKey();
  }

  /** The account's login when the request is authorised, else null. */
  String authenticate(Params p) {
    String key = p.get("apikey");
    // An api key, when given, decides alone: a right login and password do not rescue a wrong key.
    if (key != null && !key.isEmpty()) {
      return apiKey != null && constantTimeEquals(key, apiKey) ? login : null;
    }
    String given = p.text("login");
    String psw = p.get("psw");
    if (given == null || psw == null || !given.equalsIgnoreCase(login)) {
      return null;
    }
    return constantTimeEquals(psw, password) || constantTimeEquals(psw, passwordMd5) ? login : null;
  }

  /** Why {@link #authenticate} refused, for the request log (never the secret itself). */
  String describeFailure(Params p) {
    String key = p.get("apikey");
    if (key != null && !key.isEmpty()) {
      return apiKey == null ? "api keys are disabled" : "wrong api key";
    }
    if (p.text("login") == null || p.get("psw") == null) {
      return "login or psw missing";
    }
    return p.text("login").equalsIgnoreCase(login)
        ? "wrong password"
        : "unknown login '" + p.text("login") + "'";
  }

  /** Compares secrets without leaking through timing how much of them matched. */
  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
