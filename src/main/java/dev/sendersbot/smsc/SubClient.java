package dev.sendersbot.smsc;

import java.util.regex.Pattern;

/** The {@code user} parameter: a sub-client login. */
public final class SubClient {
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private SubClient() {}

  /** Blank means "the account itself" (null); anything else must look like a login. */
  public static String normalise(String user) {
    if (user == null || user.isBlank()) {
      return null;
    }
    String u = user.strip();
    if (!LOGIN.matcher(u).matches()) {
      String shown = u.length() > 64 ? u.substring(0, 64) + "…" : u;
      throw new InvalidValueException(
          InvalidValueException.Problem.SUBCLIENT_FORMAT,
          shown,
          null,
          "sub-client login must be 1-64 letters, digits, '.', '_', '@' or '-': '" + shown + "'");
    }
    return u;
  }
}
