package dev.sendersbot.access;

import java.time.Instant;
import java.util.List;

/**
 * Who did what, when, with what outcome: one entry per command or press of a chat with access, and
 * for unknown chats only a count per chat and hour, so that strangers cannot grow it without bound.
 * Durable; entries older than the retention are purged.
 */
public interface AuditLog {
  /**
   * The unknown chats of one hour that are counted one by one; the others of the hour are counted
   * together, so the counts grow by at most this many and one a row an hour.
   */
  int UNKNOWN_CHATS_PER_HOUR = 50;

  /** Records an entry and returns its id. */
  long record(AuditEntry entry);

  /** Sets the outcome of a recorded entry. */
  void complete(long id, String outcome);

  /** The newest {@code limit} entries the scope may see, newest first. */
  List<AuditEntry> recent(AuditScope scope, int limit);

  /**
   * The newest {@code limit} entries about one sender name (case-insensitive) the scope may see,
   * newest first.
   */
  List<AuditEntry> about(String senderName, AuditScope scope, int limit);

  /** The newest {@code limit} entries, newest first. */
  default List<AuditEntry> recent(int limit) {
    return recent(AuditScope.ALL, limit);
  }

  /** The newest {@code limit} entries about one sender name, newest first. */
  default List<AuditEntry> about(String senderName, int limit) {
    return about(senderName, AuditScope.ALL, limit);
  }

  /** Counts one answered command or press of an unknown chat, in the hour of {@code at}. */
  void countUnknownChat(long chatId, Instant at);

  /** What unknown chats were answered from {@code since} on (by whole hours). */
  UnknownChatTally unknownChats(Instant since);

  /**
   * Deletes the entries from before {@code cutoff}, and the unknown chats' counts of hours that
   * ended by then.
   *
   * @return how many rows went
   */
  long purgeBefore(Instant cutoff);
}
