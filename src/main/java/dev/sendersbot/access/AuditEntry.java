package dev.sendersbot.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One command or button press of a chat with access that reached the policy. Unknown chats are
 * counted ({@link AuditLog#countUnknownChat}), never recorded one entry each.
 *
 * @param id assigned by the log; 0 before it is recorded
 * @param at when it arrived
 * @param chatId where
 * @param userId who
 * @param username their @name, may be null
 * @param command the command without '/', lower-case
 * @param args its arguments with secrets (codes) masked
 * @param senderName the sender name it is about, for /history: a valid sender name or null
 * @param decision {@code allowed}, or {@code denied: <why>}
 * @param outcome {@code ok}, {@code smsc error N}, {@code refused: <why>}, {@code failed: <why>};
 *     null while running
 * @param subClient the sub-client the chat was bound to at the time; null for the account
 */
public record AuditEntry(
    long id,
    Instant at,
    long chatId,
    long userId,
    String username,
    String command,
    String args,
    String senderName,
    String decision,
    String outcome,
    String subClient) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(decision, "decision");
    args = args == null ? "" : args;
  }

  /** An entry of a chat bound to no sub-client. */
  public AuditEntry(
      long id,
      Instant at,
      long chatId,
      long userId,
      String username,
      String command,
      String args,
      String senderName,
      String decision,
      String outcome) {
    this(id, at, chatId, userId, username, command, args, senderName, decision, outcome, null);
  }
}
