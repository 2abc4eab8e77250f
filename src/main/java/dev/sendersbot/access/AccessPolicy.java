package dev.sendersbot.access;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a user in a chat may run a command that needs a role. Owners (from
 * configuration) hold every right in every chat; anyone else gets the chat's role, in a group as
 * much as in a private chat.
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
   * @param least the command's least role; null for a command anyone may run
   */
  public Decision decide(long chatId, long userId, Role least) {
    Optional<ChatGrant> grant = chats.find(chatId);
    String subClient = grant.map(ChatGrant::subClient).orElse(null);
    if (owners.contains(userId)) {
      return new Decision(true, "allowed (owner)", Role.ADMIN, true, subClient);
    }
    if (least == null) {
      return new Decision(true, "allowed", grant.map(ChatGrant::role).orElse(null), false, subClient);
    }
    if (grant.isEmpty()) {
      return new Decision(false, "unknown chat", null, false, null);
    }
    Role role = grant.get().role();
    if (!role.atLeast(least)) {
      return new Decision(false, "needs " + least.word() + ", chat is " + role.word(), role, false, subClient);
    }
    return new Decision(true, "allowed", role, false, subClient);
  }
}
