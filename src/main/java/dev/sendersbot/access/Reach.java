package dev.sendersbot.access;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a chat may see and be sent: the names of one sub-client, or of the whole account.
 *
 * <p>An owner's private chat (its id is the owner's user id) reaches the whole account whatever is
 * stored for it: configuration alone decides an owner's reach, so no grant can narrow it. Any other
 * chat reaches what its grant says, and nothing without one.
 *
 * @param subClient the sub-client; null for the whole account
 * @param since when the chat's access took its present form (the grant's time); null for an owner's
 *     private chat, whose reach never changes while they are an owner
 */
public record Reach(String subClient, Instant since) {

  /** The reach of the chat, from the configured owners and its grant (null: none). */
  public static Optional<Reach> of(long chatId, Set<Long> owners, ChatGrant grant) {
    if (owners.contains(chatId)) {
      return Optional.of(new Reach(null, null));
    }
    if (grant == null || grant.chatId() != chatId) {
      return Optional.empty();
    }
    return Optional.of(new Reach(grant.subClient(), grant.grantedAt()));
  }

  /**
   * Whether something made for the chat at {@code at} (a queued notification, stamped with the time
   * its poll began) was made under this reach. Made before the grant, it was made under access that
   * has since been replaced (revoked and granted again, or bound elsewhere) and may hold another
   * sub-client's names. Made in the grant's millisecond, it counts as made under it: a poll routes
   * by the grants it reads after asking the provider, so for it to have read the earlier access,
   * its provider requests and its write would all have to fit in that millisecond.
   */
  public boolean covers(Instant at) {
    return since == null || !at.isBefore(since);
  }
}
