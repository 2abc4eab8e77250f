package dev.sendersbot.chat;

/** The audit outcomes a command or a button press ends with. */
final class Outcome {
  static final String OK = "ok";

  private Outcome() {}

  static String smsc(int code) {
    return "smsc error " + code;
  }

  static String refused(String why) {
    return "refused: " + why;
  }

  static String failed(String why) {
    return "failed: " + why;
  }
}
