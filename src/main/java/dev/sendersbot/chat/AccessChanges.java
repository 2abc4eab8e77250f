package dev.sendersbot.chat;

import dev.sendersbot.access.ChatGrant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a change of a chat's access, with what goes with it: a chat that loses its access or is
 * bound to another sub-client loses its buttons and pending numbers too, since each was made for
 * names it may no longer see (a "Delete" pressed after the rebinding would delete the new
 * sub-client's name of the same spelling). The limits on who may change what are {@link
 * GrantRules}'.
 */
final class AccessChanges {
  private static final Logger log = LoggerFactory.getLogger(AccessChanges.class);

  private AccessChanges() {}

  static void grant(Context ctx, ChatGrant grant, Optional<ChatGrant> before) {
    ctx.deps().chats().grant(grant);
    if (before.isPresent() && !Objects.equals(before.get().subClient(), grant.subClient())) {
      forgetButtons(ctx, grant.chatId(), "bound to another sub-client");
    }
  }

  /**
   * @return whether the chat had access
   */
  static boolean revoke(Context ctx, long chatId) {
    boolean had = ctx.deps().chats().revoke(chatId);
    forgetButtons(ctx, chatId, "revoked");
    return had;
  }

  /**
   * Its pending numbers go too: a code is checked with the sub-client the chat acts for at {@code
   * /confirm}, which would confirm a number sent for another sub-client as this one's.
   */
  private static void forgetButtons(Context ctx, long chatId, String why) {
    int dropped = ctx.deps().buttons().forgetChat(chatId);
    int codes = ctx.deps().pendingCodes().forgetChat(chatId);
    if (dropped + codes > 0) {
      log.info(
          "chat {} {}: dropped its {} button(s) and {} pending number(s)",
          chatId,
          why,
          dropped,
          codes);
    }
  }
}
