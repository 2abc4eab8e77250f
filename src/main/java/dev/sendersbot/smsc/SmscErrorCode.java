package dev.sendersbot.smsc;

import java.util.Optional;

/** The provider's error codes, with what a chat user should do about each. */
public enum SmscErrorCode {
  PARAMETERS(
      1,
      "the provider rejected the request's parameters",
      "Check the command's syntax with /help."),
  CREDENTIALS(
      2,
      "the provider rejected the login or password, or this server's IP is not on the account's allow-list",
      "An owner must fix the SMSC credentials or the IP allow-list; the bot makes no provider calls until then."),
  NOT_FOUND(3, "the sender name is not known to the provider", "Check the spelling with /senders."),
  IP_BLOCKED(
      4,
      "the provider has temporarily blocked this server's IP address",
      "Wait for the block to end (about 30 minutes); the bot pauses provider calls until then."),
  SAVE_FAILED(
      5,
      "the provider could not save or delete the sender name",
      "The name may already exist or be in use; check /senders."),
  BAD_NUMBER(
      7,
      "the phone number's format is invalid",
      "Give the number in international format, digits only, e.g. 79991234567."),
  UNDELIVERABLE(
      8,
      "the confirmation code cannot be delivered to that number",
      "Check that the number is a mobile number that can receive SMS."),
  RATE_LIMITED(
      9,
      "too many identical requests to the provider within a minute",
      "Wait a minute and try again."),
  CODE_ALREADY_SENT(
      10,
      "a code was already sent to this number; a new one can be sent 8 hours after the last",
      "Use the code already sent, or wait until 8 hours have passed."),
  WRONG_CODE(11, "the confirmation code is wrong", "Check the code in the SMS and send it again.");

  private final int code;
  private final String meaning;
  private final String advice;

  SmscErrorCode(int code, String meaning, String advice) {
    this.code = code;
    this.meaning = meaning;
    this.advice = advice;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  public String advice() {
    return advice;
  }

  public static Optional<SmscErrorCode> of(int code) {
    for (SmscErrorCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
