package dev.sendersbot.telegram;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the command menu Telegram shows next to the input field.
 *
 * @param name without the slash: 1-32 of a-z, 0-9 and _ (Telegram's rule)
 * @param description 1-256 characters
 */
public record MenuCommand(String name, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

  public MenuCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "command name must be 1-32 of a-z, 0-9 and _ (no slash): " + name);
    }
    description = description.strip();
    if (description.isEmpty() || description.length() > 256) {
      throw new IllegalArgumentException(
          "description of /" + name + " must be 1-256 characters, was " + description.length());
    }
  }
}
