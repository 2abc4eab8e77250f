package dev.sendersbot.telegram;

import java.util.List;
import java.util.Locale;

/**
 * The Bot API's answers (400 Bad Request) to an edit: the message was deleted or never was, or is
 * too old or of a kind that cannot be edited, and the caller sends a new message instead of
 * failing; or it reads exactly as the edit asks already, and the edit has done its work.
 */
final class EditRefusals {
  private static final List<String> REFUSALS =
      List.of("message to edit not found", "message can't be edited", "message_id_invalid");

  private EditRefusals() {}

  static boolean refused(String description) {
    return says(description, REFUSALS);
  }

  /**
   * The message reads as the edit asks: a page pressed twice, or an edit that went through but
   * whose answer was lost, tried again.
   */
  static boolean unchanged(String description) {
    return says(description, List.of("message is not modified"));
  }

  private static boolean says(String description, List<String> phrases) {
    if (description == null) {
      return false;
    }
    String d = description.toLowerCase(Locale.ROOT);
    return phrases.stream().anyMatch(d::contains);
  }
}
