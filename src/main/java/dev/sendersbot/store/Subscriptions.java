package dev.sendersbot.store;

import java.util.List;
import java.util.Set;

/** Which chats want status-change notifications, for which names. Durable. */
public interface Subscriptions {

  /**
   * Subscribes the chat: to every name it may see when {@code names} is empty, otherwise to those
   * names (added to what it had).
   */
  void subscribe(long chatId, Integer topicId, Set<String> names);

  /**
   * Unsubscribes: from everything when {@code names} is empty, otherwise from those names.
   *
   * @return how many subscriptions were removed
   */
  int unsubscribe(long chatId, Set<String> names);

  /** The chat's subscriptions; an entry with a null name means "every name". */
  List<Subscription> forChat(long chatId);

  /** Every active subscription. */
  List<Subscription> all();

  /**
   * @param chatId the chat
   * @param topicId forum topic notifications go to; may be null
   * @param name a sender name, or null for every name the chat may see
   * @param active false once delivery to the chat was forbidden (bot blocked or removed)
   */
  record Subscription(long chatId, Integer topicId, String name, boolean active) {}
}
