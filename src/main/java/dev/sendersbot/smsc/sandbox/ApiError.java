package dev.sendersbot.smsc.sandbox;

/** A provider error the sandbox answers with; {@code detail} is for the request log only. */
final class ApiError extends Exception {
  private final int code;
  private final String description;

  ApiError(int code, String detail) {
    this(code, describe(code), detail);
  }

  ApiError(int code, String description, String detail) {
    super(detail, null, false, false);
    this.code = code;
    this.description = description;
  }

  int code() {
    return code;
  }

  /** The text written into the answer. */
  String description() {
    return description;
  }

  /**
   * The sandbox's wording of each code (the reference gives meanings, not texts; error 9's is the
   * one seen in the wild).
   */
  static String describe(int code) {
    return switch (code) {
      case 1 -> "parameters error";
      case 2 -> "invalid login or password";
      case 3 -> "sender not found";
      case 4 -> "IP address is temporarily blocked";
      case 5 -> "error saving or deleting sender";
      case 7 -> "invalid number format";
      case 8 -> "code can not be delivered to this number";
      case 9 -> "duplicate request, wait a minute";
      case 10 -> "code was already sent, retry in 8 hours";
      case 11 -> "invalid code";
      default -> "error " + code;
    };
  }
}
