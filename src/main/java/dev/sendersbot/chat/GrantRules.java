package dev.sendersbot.chat;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import java.util.Optional;

/**
 * Who may change which chat's access: the one place the limits of {@code /allow}, {@code /revoke}
 * and the grant buttons live. Owners may do anything. An admin grants up to operator, never touches
 * an admin chat or an owner's private chat, and, when its own chat is bound to a sub-client, acts
 * only on chats of that sub-client and hands out only that sub-client: no one widens their own
 * reach, and no one but an owner narrows an owner.
 */
final class GrantRules {
  private GrantRules() {}

  /** What a grant would give: the role and the sub-client (null: the whole account). */
  record Binding(Role role, String subClient) {}

  /**
   * Why the actor of {@code ctx} may not give {@code target} this role and sub-client, in the
   * actor's words; null when they may.
   *
   * @param subClient as asked; null when not named (an admin bound to a sub-client then passes its
   *     own on, see {@link #binding})
   */
  static String refuseGrant(
      Context ctx, long target, Role role, String subClient, Optional<ChatGrant> existing) {
    if (ctx.owner()) {
      return null;
    }
    String common = refuseTouching(ctx, target, existing);
    if (common != null) {
      return common;
    }
    if (role == Role.ADMIN) {
      return ctx.tr("grant.onlyOwnersAdmin");
    }
    if (ctx.sub() != null && subClient != null && !subClient.equals(ctx.sub())) {
      return ctx.tr("grant.boundSub", ctx.sub());
    }
    return null;
  }

  /** Why the actor may not take {@code target}'s access away; null when they may. */
  static String refuseRevoke(Context ctx, long target, Optional<ChatGrant> existing) {
    return ctx.owner() ? null : refuseTouching(ctx, target, existing);
  }

  /** The limits on changing a chat at all, whatever the change. */
  private static String refuseTouching(Context ctx, long target, Optional<ChatGrant> existing) {
    if (ctx.deps().policy().isOwnersChat(target)) {
      return ctx.tr("grant.ownersChat", Long.toString(target));
    }
    if (existing.isPresent() && existing.get().role() == Role.ADMIN) {
      return ctx.tr("grant.adminChat");
    }
    if (ctx.sub() != null
        && existing.isPresent()
        && !ctx.sub().equals(existing.get().subClient())) {
      return ctx.tr("grant.otherSub", ctx.sub());
    }
    return null;
  }

  /**
   * The grant as it will be made: an admin bound to a sub-client passes its own on when none is
   * named.
   */
  static Binding binding(Context ctx, Role role, String subClient) {
    if (!ctx.owner() && ctx.sub() != null && subClient == null) {
      return new Binding(role, ctx.sub());
    }
    return new Binding(role, subClient);
  }
}
