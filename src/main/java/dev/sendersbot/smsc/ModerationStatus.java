package dev.sendersbot.smsc;

/** The provider's moderation status of a name ({@code status} with {@code all=1}). */
public enum ModerationStatus {
  WAITING(0, "waiting for moderation"),
  ALLOWED(1, "allowed"),
  DISABLED(2, "disabled"),
  UNKNOWN(-1, "unknown status");

  private final int code;
  private final String words;

  ModerationStatus(int code, String words) {
    this.code = code;
    this.words = words;
  }

  public int code() {
    return code;
  }

  public String words() {
    return words;
  }

  public static ModerationStatus of(int code) {
    for (ModerationStatus s : values()) {
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
    ModerationStatus s = of(code);
    return s == UNKNOWN ? "status " + code : s.words();
  }
}
