package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import java.util.List;
import java.util.Objects;

/** What pressing a kind of button does. The core checks the policy before {@link #run}. */
interface Press {

  /**
   * @return the audit outcome, as {@link Command#run}
   */
  String run(Context ctx);

  /** The sender name the press is about, for {@code /history}; null when none. */
  default String subject(List<String> args) {
    return null;
  }

  /**
   * A registry entry for a button action.
   *
   * @param action the name stored with the token
   * @param auditCommand the command the press belongs to, as the audit log names it
   * @param least the least role a chat needs to press it
   * @param ownerOnly only an owner may press it, whatever the chat's role
   * @param oneShot the token is taken on the press, so a second press does nothing
   */
  record Spec(
      String action,
      String auditCommand,
      Role least,
      boolean ownerOnly,
      boolean oneShot,
      Press press) {
    public Spec {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(auditCommand, "auditCommand");
      Objects.requireNonNull(least, "least");
      Objects.requireNonNull(press, "press");
    }
  }
}
