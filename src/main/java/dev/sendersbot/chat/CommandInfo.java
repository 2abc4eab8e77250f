package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import java.util.Objects;

/**
 * A command as a menu or a help page shows it.
 *
 * @param name without '/', lower-case (Telegram's rule for menu entries)
 * @param syntax how to type it, e.g. {@code /sender NAME}
 * @param help one line
 * @param leastRole the least role that may run it; null for anyone
 */
public record CommandInfo(String name, String syntax, String help, Role leastRole) {
  public CommandInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(help, "help");
    if (!name.matches("[a-z0-9_]{1,32}")) {
      throw new IllegalArgumentException(
          "command name must be 1-32 lower-case letters, digits or '_': " + name);
    }
  }
}
