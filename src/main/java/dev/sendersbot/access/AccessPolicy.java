package dev.sendersbot.access;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a user in a chat may run a command that needs a role. Owners (from configuration)
 * hold every right in every chat; anyone else gets the chat's role, in a group as much as in a
 * private chat.
 *
 * <p>Which names a command sees is the chat's: a group bound to a sub-client shows that sub-client
 * even to an owner typing there, since everyone in the group reads the answer. An owner's private
 * chat always shows the whole account: nothing stored for it narrows an owner (see {@link Reach}).
 */
public final class AccessPolicy {
  private final Set<Long> owners;
  private final ChatRegistry chats;

  public AccessPolicy(Set<Long> owners, ChatRegistry chats) {
    this.owners = Set.copyOf(owners);
    this.chats = chats;
  }

  public boolean isOwner(long userId) {
    return owners.contains(userId);
  }

  public Set<Long> owners() {
    return owners;
  }

  /**
   * Whether the chat is an owner's private chat (its id is the owner's user id): only an owner may
   * grant, revoke or bind it, and what is stored for it never narrows the owner.
   */
  public boolean isOwnersChat(long chatId) {
    return owners.contains(chatId);
  }

  /** What the chat may see and be sent now; empty when it has no access. */
  public Optional<Reach> reach(long chatId) {
    if (isOwnersChat(chatId)) {
      return Reach.of(chatId, owners, null);
    }
    return Reach.of(chatId, owners, chats.find(chatId).orElse(null));
  }

  /**
   * @param least the command's least role; null for a command anyone may run
   */
  public Decision decide(long chatId, long userId, Role least) {
    Optional<ChatGrant> grant = chats.find(chatId);
    String subClient = grant.map(ChatGrant::subClient).orElse(null);
    if (owners.contains(userId)) {
      String reach = isOwnersChat(chatId) ? null : subClient;
      return new Decision(true, "allowed (owner)", Role.ADMIN, true, reach);
    }
    if (least == null) {
      return new Decision(
          true, "allowed", grant.map(ChatGrant::role).orElse(null), false, subClient);
    }
    if (grant.isEmpty()) {
      return new Decision(false, "unknown chat", null, false, null);
    }
    Role role = grant.get().role();
    if (!role.atLeast(least)) {
      return new Decision(
          false, "needs " + least.word() + ", chat is " + role.word(), role, false, subClient);
    }
    return new Decision(true, "allowed", role, false, subClient);
  }
}
