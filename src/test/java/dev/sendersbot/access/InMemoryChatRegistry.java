package dev.sendersbot.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A hand-written ChatRegistry for policy tests: a sorted map. */
final class InMemoryChatRegistry implements ChatRegistry {
  private final TreeMap<Long, ChatGrant> grants = new TreeMap<>();

  @Override
  public synchronized Optional<ChatGrant> find(long chatId) {
    return Optional.ofNullable(grants.get(chatId));
  }

  @Override
  public synchronized void grant(ChatGrant grant) {
    grants.put(grant.chatId(), grant);
  }

  @Override
  public synchronized boolean revoke(long chatId) {
    return grants.remove(chatId) != null;
  }

  @Override
  public synchronized List<ChatGrant> all() {
    return new ArrayList<>(grants.values());
  }

  @Override
  public synchronized void migrate(long oldChatId, long newChatId) {
    ChatGrant g = grants.remove(oldChatId);
    if (g != null) {
      grants.putIfAbsent(
          newChatId,
          new ChatGrant(
              newChatId, g.role(), g.subClient(), g.title(), g.grantedBy(), g.grantedAt()));
    }
  }
}
