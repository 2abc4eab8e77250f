package dev.sendersbot.access;

import java.util.List;
import java.util.Optional;

/** Which chats may use the bot, with which role. Durable. */
public interface ChatRegistry {

  Optional<ChatGrant> find(long chatId);

  /** Creates or replaces the chat's grant. */
  void grant(ChatGrant grant);

  /** Removes the chat's grant; false when it had none. */
  boolean revoke(long chatId);

  /** Every grant, ordered by chat id. */
  List<ChatGrant> all();

  /**
   * A group became a supergroup: everything kept under the old id (grant, and the rows of other
   * features keyed by chat) moves to the new id in one transaction.
   */
  void migrate(long oldChatId, long newChatId);
}
