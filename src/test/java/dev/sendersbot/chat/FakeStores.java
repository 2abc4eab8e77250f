package dev.sendersbot.chat;

import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.ChatRegistry;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.store.ButtonActions;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.watch.Subscriptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** In-memory versions of the durable stores, faithful to their contracts. */
final class FakeStores {
  private FakeStores() {}

  static final class Chats implements ChatRegistry {
    final Map<Long, ChatGrant> grants = new TreeMap<>();
    final List<long[]> migrations = new ArrayList<>();

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
      return List.copyOf(grants.values());
    }

    @Override
    public synchronized void migrate(long oldChatId, long newChatId) {
      migrations.add(new long[] {oldChatId, newChatId});
      ChatGrant g = grants.remove(oldChatId);
      if (g != null) {
        grants.put(newChatId, new ChatGrant(newChatId, g.role(), g.subClient(), g.title(), g.grantedBy(), g.grantedAt()));
      }
    }
  }

  static final class Audit implements AuditLog {
    final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized long record(AuditEntry e) {
      long id = entries.size() + 1;
      entries.add(new AuditEntry(id, e.at(), e.chatId(), e.userId(), e.username(), e.command(), e.args(),
          e.senderName(), e.decision(), e.outcome()));
      return id;
    }

    @Override
    public synchronized void complete(long id, String outcome) {
      AuditEntry e = entries.get((int) id - 1);
      entries.set((int) id - 1, new AuditEntry(e.id(), e.at(), e.chatId(), e.userId(), e.username(), e.command(),
          e.args(), e.senderName(), e.decision(), outcome));
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
      List<AuditEntry> r = new ArrayList<>(entries);
      r.sort(Comparator.comparingLong(AuditEntry::id).reversed());
      return List.copyOf(r.subList(0, Math.min(limit, r.size())));
    }

    @Override
    public synchronized List<AuditEntry> about(String senderName, int limit) {
      return recent(Integer.MAX_VALUE).stream()
          .filter(e -> e.senderName() != null && e.senderName().equalsIgnoreCase(senderName))
          .limit(limit).toList();
    }
  }

  static final class Requests implements AccessRequests {
    final Map<Long, Instant> told = new HashMap<>();

    @Override
    public synchronized boolean shouldNotify(long chatId, Instant now) {
      Instant last = told.get(chatId);
      if (last != null && Duration.between(last, now).compareTo(Duration.ofHours(1)) < 0) {
        return false;
      }
      told.put(chatId, now);
      return true;
    }
  }

  static final class Pending implements PendingCodes {
    final Map<String, PendingCode> byKey = new LinkedHashMap<>();

    private static String key(long chatId, String phone) {
      return chatId + "/" + phone;
    }

    @Override
    public synchronized void put(PendingCode code) {
      byKey.put(key(code.chatId(), code.phone()), code);
    }

    @Override
    public synchronized List<PendingCode> forChat(long chatId, Instant now) {
      return byKey.values().stream().filter(p -> p.chatId() == chatId && now.isBefore(p.expiresAt()))
          .sorted(Comparator.comparing(PendingCode::sentAt)).toList();
    }

    @Override
    public synchronized Optional<PendingCode> find(long chatId, String phone, Instant now) {
      return Optional.ofNullable(byKey.get(key(chatId, phone))).filter(p -> now.isBefore(p.expiresAt()));
    }

    @Override
    public synchronized int recordWrongAttempt(long chatId, String phone) {
      PendingCode p = byKey.get(key(chatId, phone));
      if (p == null) {
        return 0;
      }
      int left = p.attemptsLeft() - 1;
      if (left <= 0) {
        byKey.remove(key(chatId, phone));
        return 0;
      }
      byKey.put(key(chatId, phone), new PendingCode(p.chatId(), p.userId(), p.phone(), p.subClient(), p.sentAt(),
          left, p.expiresAt(), p.promptMessageId()));
      return left;
    }

    @Override
    public synchronized void remove(long chatId, String phone) {
      byKey.remove(key(chatId, phone));
    }
  }

  static final class Buttons implements ButtonActions {
    private static final SecureRandom RANDOM = new SecureRandom();
    final Map<String, ButtonAction> byToken = new HashMap<>();

    @Override
    public synchronized String create(long chatId, long userId, String action, String args, Instant expiresAt) {
      byte[] b = new byte[12];
      RANDOM.nextBytes(b);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      byToken.put(token, new ButtonAction(token, chatId, userId, action, args, expiresAt));
      return token;
    }

    @Override
    public synchronized Optional<ButtonAction> find(String token, Instant now) {
      return Optional.ofNullable(byToken.get(token)).filter(a -> now.isBefore(a.expiresAt()));
    }

    @Override
    public synchronized Optional<ButtonAction> take(String token, Instant now) {
      ButtonAction a = byToken.remove(token);
      return Optional.ofNullable(a).filter(x -> now.isBefore(x.expiresAt()));
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
      int before = byToken.size();
      byToken.values().removeIf(a -> !now.isBefore(a.expiresAt()));
      return before - byToken.size();
    }
  }

  static final class Subs implements Subscriptions {
    final List<Subscription> rows = new ArrayList<>();

    @Override
    public synchronized void subscribe(long chatId, Integer topicId, Set<String> names) {
      if (names.isEmpty()) {
        rows.removeIf(s -> s.chatId() == chatId && s.name() == null);
        rows.add(new Subscription(chatId, topicId, null, true));
        return;
      }
      for (String n : names) {
        rows.removeIf(s -> s.chatId() == chatId && n.equalsIgnoreCase(s.name()));
        rows.add(new Subscription(chatId, topicId, n, true));
      }
    }

    @Override
    public synchronized int unsubscribe(long chatId, Set<String> names) {
      int before = rows.size();
      if (names.isEmpty()) {
        rows.removeIf(s -> s.chatId() == chatId);
      } else {
        Set<String> lower = new java.util.HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        rows.removeIf(s -> s.chatId() == chatId && s.name() != null
            && lower.contains(s.name().toLowerCase(Locale.ROOT)));
      }
      return before - rows.size();
    }

    @Override
    public synchronized List<Subscription> forChat(long chatId) {
      return rows.stream().filter(s -> s.chatId() == chatId).toList();
    }

    @Override
    public synchronized List<Subscription> all() {
      return rows.stream().filter(Subscription::active).toList();
    }
  }
}
