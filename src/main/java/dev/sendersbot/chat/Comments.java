package dev.sendersbot.chat;

import dev.sendersbot.smsc.SubClient;
import dev.sendersbot.store.SenderComment;
import dev.sendersbot.store.StoreException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comments the bot set, remembered for the card: the provider takes a comment with add and chg
 * but its list never returns one. Kept by the sub-client the provider was told, so each
 * sub-client's names stay apart.
 */
final class Comments {
  private static final Logger log = LoggerFactory.getLogger(Comments.class);

  private Comments() {}

  /** After the provider accepted {@code comment} for the name. */
  static void remember(Context ctx, String sub, String name, String comment) {
    try {
      ctx.deps()
          .senderComments()
          .put(new SenderComment(sub, name, comment, ctx.user.id(), ctx.user.label(), ctx.now()));
    } catch (StoreException e) {
      // The provider has done it: the reply must say so, the card will just lack the comment.
      log.warn(
          "chat {}: could not remember the comment of {}: {}", ctx.chat.id(), name, e.getMessage());
    }
  }

  /** After the provider deleted the name, or added it anew without a comment. */
  static void forget(Context ctx, String sub, String name) {
    try {
      ctx.deps().senderComments().remove(sub, name);
    } catch (StoreException e) {
      log.warn(
          "chat {}: could not forget the comment of {}: {}", ctx.chat.id(), name, e.getMessage());
    }
  }

  /** The comment the bot set on the chat's name, if any. */
  static Optional<SenderComment> recall(Context ctx, String name) {
    return ctx.deps().senderComments().find(SubClient.normalise(ctx.sub()), name);
  }
}
