package dev.sendersbot.telegram;

import java.util.List;
import java.util.Locale;

/**
 * The Bot API's answers (400 Bad Request) when it will not edit a message: the message was deleted
 * or never was, is too old or of a kind that cannot be edited, or would read exactly as it does.
 * The caller sends a new message instead of failing.
 */
final class EditRefusals {
  private static final List<String> REFUSALS =
      List.of(
          "message to edit not found",
          "message can't be edited",
          "message is not modified",
          "message_id_invalid");

  private EditRefusals() {}

  static boolean refused(String description) {
    if (description == null) {
      return false;
    }
    String d = description.toLowerCase(Locale.ROOT);
    return REFUSALS.stream().anyMatch(d::contains);
  }
}
