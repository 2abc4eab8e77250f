package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A confirmation code the sandbox "texted" on {@code send_code=1}.
 *
 * @param phone the number, digits only
 * @param code the six digits
 * @param user the sub-client that asked; null for the account itself
 * @param time when, by the sandbox clock
 * @param site the {@code site} sender it went out from; null for the default sender
 * @param siteName the {@code site_name} shown in the text; may be null
 */
public record SentCode(
    String phone, String code, String user, Instant time, String site, String siteName) {
  public SentCode {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(time, "time");
  }

  /** The message as the phone would show it. */
  public String text() {
    return "Code: " + code + (siteName == null ? "" : " (" + siteName + ")");
  }
}
