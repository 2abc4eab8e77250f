package dev.sendersbot.smsc;

/** A name's status at one operator, as the list with {@code operators=1} reports it. */
public enum OperatorStatus {
  AWAITING_REGISTRATION(0, "awaiting registration", false),
  SENT_FOR_REGISTRATION(1, "sent for registration", false),
  ALLOWED(2, "allowed by the operator", false),
  REJECTED(3, "not accepted by the operator", true),
  DISABLED(4, "temporarily disabled", true),
  INSUFFICIENT_FUNDS(5, "insufficient funds on the account", true),
  DOCUMENTS_REQUIRED(8, "supporting documents required", true),
  UNKNOWN(-1, "unknown status", true);

  private final int code;
  private final String words;
  private final boolean actionable;

  OperatorStatus(int code, String words, boolean actionable) {
    this.code = code;
    this.words = words;
    this.actionable = actionable;
  }

  public int code() {
    return code;
  }

  public String words() {
    return words;
  }

  /** Whether a change into this status needs somebody to act (an audible alert). */
  public boolean actionable() {
    return actionable;
  }

  public static OperatorStatus of(int code) {
    for (OperatorStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Words for any code, naming codes this version does not know. */
  public static String describe(Integer code) {
    if (code == null) {
      return "not reported";
    }
    OperatorStatus s = of(code);
    return s == UNKNOWN ? "status " + code : s.words();
  }
}
