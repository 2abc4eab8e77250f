package dev.sendersbot.smsc;

/** The operations of senders.php, by their label in messages and logs and their command flag. */
enum Operation {
  LIST("list", "get"),
  ADD("add", "add"),
  CHANGE("change", "chg"),
  SEND_CODE("send_code", "send_code"),
  CHECK_CODE("check_code", "check_code"),
  DELETE("delete", "del");

  final String label;
  final String command;

  Operation(String label, String command) {
    this.label = label;
    this.command = command;
  }

  /**
   * Whether the operation changes something at the provider: every one but the list. Only a list
   * may be asked again, and only a change may have been made although its answer was lost.
   */
  boolean changes() {
    return this != LIST;
  }
}
