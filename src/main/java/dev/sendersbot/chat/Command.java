package dev.sendersbot.chat;

/**
 * One chat command. The core has already checked the policy and recorded the audit entry when
 * {@link #run} is called; the command replies through the context and returns its outcome.
 */
interface Command {

  /**
   * @return the audit outcome: {@link Outcome#OK}, {@code smsc error N}, {@code refused: ...} or
   *     {@code failed: ...}
   */
  String run(Context ctx);

  /** The sender name the command is about, for {@code /history}; null when none. */
  default String subject(Context ctx) {
    return null;
  }

  /**
   * The arguments as the audit log keeps them; commands carrying secrets mask them. Runs before the
   * command, whatever the decision.
   */
  default String auditArgs(Context ctx) {
    return String.join(" ", ctx.args());
  }
}
