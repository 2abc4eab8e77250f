package dev.sendersbot.access;

import java.util.List;

/** Who did what, when, with what outcome. Append-only and durable. */
public interface AuditLog {

  /** Records an entry and returns its id. */
  long record(AuditEntry entry);

  /** Sets the outcome of a recorded entry. */
  void complete(long id, String outcome);

  /** The newest {@code limit} entries, newest first. */
  List<AuditEntry> recent(int limit);

  /** The newest {@code limit} entries about one sender name (case-insensitive), newest first. */
  List<AuditEntry> about(String senderName, int limit);
}
