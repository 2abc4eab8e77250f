package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import java.util.Objects;

/**
 * A registry entry: the command's name, its least role (null for anyone), its syntax and help, and
 * its implementation.
 */
record CommandSpec(String name, Role least, String syntax, String help, Command command) {
  CommandSpec {
    Objects.requireNonNull(command, "command");
    info(name, syntax, help, least); // validates the name
  }

  CommandInfo info() {
    return info(name, syntax, help, least);
  }

  private static CommandInfo info(String name, String syntax, String help, Role least) {
    return new CommandInfo(name, syntax, help, least);
  }

  /** Whether a chat with this role (null: unknown chat) or an owner may run it. */
  boolean allows(Role role, boolean owner) {
    return owner || least == null || (role != null && role.atLeast(least));
  }

  String roleWord() {
    return least == null ? "anyone" : least.word();
  }
}
