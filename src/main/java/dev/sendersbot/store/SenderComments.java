package dev.sendersbot.store;

import java.util.Optional;

/**
 * The comments the bot set on sender names, by sub-client (null: the account) and name,
 * case-insensitively. The provider takes a comment but never lists it back. Durable.
 */
public interface SenderComments {

  /** Creates or replaces the comment of the comment's sub-client and name. */
  void put(SenderComment comment);

  Optional<SenderComment> find(String subClient, String name);

  /** Forgets the name's comment; nothing happens when there is none. */
  void remove(String subClient, String name);
}
