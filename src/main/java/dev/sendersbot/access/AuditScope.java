package dev.sendersbot.access;

import java.util.Objects;

/**
 * Whose audit entries a reader may see: every entry (owners, and chats bound to no sub-client, who
 * oversee the whole account), or only the entries of chats that were bound to one sub-client when
 * they acted.
 *
 * @param subClient the sub-client; null for every entry
 */
public record AuditScope(String subClient) {
  public static final AuditScope ALL = new AuditScope(null);

  public static AuditScope of(String subClient) {
    return new AuditScope(Objects.requireNonNull(subClient, "subClient"));
  }

  public boolean all() {
    return subClient == null;
  }
}
