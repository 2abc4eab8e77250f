package dev.sendersbot.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One command that reached the policy.
 *
 * @param id assigned by the log; 0 before it is recorded
 * @param at when it arrived
 * @param chatId where
 * @param userId who
 * @param username their @name, may be null
 * @param command the command without '/', lower-case
 * @param args its arguments with secrets (codes) masked
 * @param senderName the sender name it is about, for /history; may be null
 * @param decision {@code allowed}, or {@code denied: <why>}
 * @param outcome {@code ok}, {@code smsc error N}, {@code refused: <why>}, {@code failed: <why>};
 *     null while running
 */
public record AuditEntry(
    long id, Instant at, long chatId, long userId, String username, String command, String args,
    String senderName, String decision, String outcome) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(decision, "decision");
    args = args == null ? "" : args;
  }
}
