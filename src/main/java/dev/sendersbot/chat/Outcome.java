package dev.sendersbot.chat;

/** The audit outcomes a command or a button press ends with. */
final class Outcome {
  static final String OK = "ok";

  /** What the outcome of a provider's error answer starts with, before its code. */
  static final String SMSC = "smsc error ";

  private Outcome() {}

  static String smsc(int code) {
    return SMSC + code;
  }

  static String refused(String why) {
    return "refused: " + why;
  }

  static String failed(String why) {
    return "failed: " + why;
  }
}
