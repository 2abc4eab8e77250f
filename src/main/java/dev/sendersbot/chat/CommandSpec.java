package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Texts;
import java.util.Objects;

/**
 * A registry entry: the command's name, its least role (null for anyone), its syntax as the README
 * writes it, and its implementation. What a reader sees of it (help and syntax) is in the bundles
 * under {@code cmd.NAME.help} and {@code cmd.NAME.syntax}.
 */
record CommandSpec(String name, Role least, String syntax, Command command) {
  CommandSpec {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(syntax, "syntax");
    new CommandInfo(name, syntax, syntax, least); // validates the name
  }

  /** The command as a reader of {@code t} sees it in a menu or on a help page. */
  CommandInfo info(Texts t) {
    return new CommandInfo(name, syntax(t), help(t), least);
  }

  String syntax(Texts t) {
    return t.t("cmd." + name + ".syntax");
  }

  String help(Texts t) {
    return t.t("cmd." + name + ".help", RegisterCommand.validCodes());
  }

  /** Whether a chat with this role (null: unknown chat) or an owner may run it. */
  boolean allows(Role role, boolean owner) {
    return owner || least == null || (role != null && role.atLeast(least));
  }

  /** The least role in the reader's words ("anyone" when there is none). */
  String roleWord(Texts t) {
    return least == null ? t.t("role.anyone") : Roles.word(t, least);
  }
}
