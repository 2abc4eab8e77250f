package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The mutable record of one name in the {@link NameStore}; guarded by the store's lock. */
final class NameEntry {
  final long id;
  final String name;
  final String user;
  final Instant createdAt;
  final boolean mail;
  String comment;
  String mailName;
  int moderation;
  Instant moderationSince;
  final Map<String, Integer> operators = new LinkedHashMap<>();
  final Map<String, Instant> operatorChangedAt = new LinkedHashMap<>();
  final List<StoredDocument> documents = new ArrayList<>();
  final Map<String, String> registration = new LinkedHashMap<>();
  final Map<String, String> extraFields = new LinkedHashMap<>();

  /** Operators that asked for documents and got them: their registration now goes through. */
  final Set<String> resubmitted = new HashSet<>();

  private SandboxName snapshot;

  NameEntry(long id, String name, String user, Instant createdAt, boolean mail) {
    this.id = id;
    this.name = name;
    this.user = user;
    this.createdAt = createdAt;
    this.mail = mail;
    this.moderationSince = createdAt;
  }

  /** Sets one operator's status, recording the change time when the status really changes. */
  void setOperator(String flag, int status, Instant at) {
    Integer old = operators.put(flag, status);
    if (old == null || old != status) {
      operatorChangedAt.put(flag, at);
    }
    changed();
  }

  void setModeration(int status, Instant at) {
    if (moderation != status) {
      moderation = status;
      moderationSince = at;
    }
    changed();
  }

  boolean digital() {
    return !mail && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Call after any change, so the next snapshot is fresh. */
  void changed() {
    snapshot = null;
  }

  SandboxName snapshot() {
    SandboxName s = snapshot;
    if (s == null) {
      s =
          new SandboxName(
              id,
              name,
              user,
              comment,
              moderation,
              operators,
              operatorChangedAt,
              createdAt,
              mail,
              mailName,
              documents,
              registration,
              extraFields);
      snapshot = s;
    }
    return s;
  }
}
