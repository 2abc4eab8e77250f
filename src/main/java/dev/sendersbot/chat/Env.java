package dev.sendersbot.chat;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.store.ChatSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every command shares: the dependencies, the registry and a little memory. */
final class Env {
  private static final Duration BUTTON_PURGE_EVERY = Duration.ofHours(1);
  private static final Duration AUDIT_PURGE_EVERY = Duration.ofDays(1);

  final ChatCore.Deps deps;
  final CommandRegistry registry;
  final UnknownChatGate unknownChats;
  private final Duration auditRetention;
  private final ChatCore.Options options;

  /**
   * Codes typed with {@code /confirm CODE} while several numbers were pending, keyed by the token
   * of the button that picks the number. Held in memory only, so a code never reaches the database;
   * after a restart the buttons simply expire.
   */
  private final Map<String, HeldCode> heldCodes = new ConcurrentHashMap<>();

  private volatile Instant lastPurge = Instant.EPOCH;
  private volatile Instant lastAuditPurge = Instant.EPOCH;

  /**
   * A code waiting for its number to be picked.
   *
   * @param group every button offering the same code: picking one voids the others
   * @param messageId the message that held the code, deleted in groups once it is used
   */
  record HeldCode(String code, Instant expiresAt, List<String> group, int messageId) {}

  Env(ChatCore.Deps deps, CommandRegistry registry, ChatCore.Options options) {
    this.deps = deps;
    this.registry = registry;
    this.auditRetention = options.auditRetention();
    this.options = options;
    this.unknownChats = new UnknownChatGate(this, deps.clock(), options.events());
  }

  /** Whether the chat has access, or the user is an owner: anyone else is a stranger here. */
  boolean known(long chatId, long userId) {
    return deps.policy().isOwner(userId) || deps.chats().find(chatId).isPresent();
  }

  /**
   * The texts for a reply to {@code user} in {@code chatId}: the chat's language if it chose one,
   * else the writer's own; the chat's zone, else the configured one.
   */
  Texts textsFor(long chatId, UserRef user) {
    ChatSettings.Setting s = settings(chatId);
    return new Texts(
        options.messages(),
        Lang.forReply(s.language(), user == null ? null : user.languageCode()),
        s.zone() != null ? s.zone() : options.zone());
  }

  /** The texts for something nobody asked for at that moment, in {@code chatId}. */
  Texts noticeTexts(long chatId) {
    ChatSettings.Setting s = settings(chatId);
    return new Texts(
        options.messages(),
        Lang.forNotice(s.language(), s.subscriberLanguage(), options.language()),
        s.zone() != null ? s.zone() : options.zone());
  }

  ChatCore.Options options() {
    return options;
  }

  /** A failing settings read must not cost the user their answer: automatic then. */
  private ChatSettings.Setting settings(long chatId) {
    try {
      return deps.settings().find(chatId);
    } catch (RuntimeException e) {
      log().warn("chat {}: could not read its settings: {}", chatId, e.toString());
      return ChatSettings.Setting.NONE;
    }
  }

  Instant now() {
    return deps.clock().instant();
  }

  String token(long chatId, long userId, String action, String args, Duration ttl) {
    return deps.buttons().create(chatId, userId, action, args, now().plus(ttl));
  }

  void holdCode(List<String> tokens, String code, Instant expiresAt, int messageId) {
    HeldCode h = new HeldCode(code, expiresAt, List.copyOf(tokens), messageId);
    for (String t : tokens) {
      heldCodes.put(t, h);
    }
  }

  /** The held code, removed with its whole group; null when unknown or expired. */
  HeldCode takeCode(String token) {
    HeldCode h = heldCodes.remove(token);
    if (h == null) {
      return null;
    }
    for (String t : h.group()) {
      heldCodes.remove(t);
    }
    return now().isBefore(h.expiresAt()) ? h : null;
  }

  /**
   * Drops expired button state about once an hour, and audit rows older than the retention about
   * once a day. Audit rows come only with updates, so purging as updates arrive (and at start-up)
   * keeps the table within the retention without a thread of its own.
   */
  void purgeIfDue() {
    Instant now = now();
    if (Duration.between(lastPurge, now).compareTo(BUTTON_PURGE_EVERY) >= 0) {
      lastPurge = now;
      heldCodes.values().removeIf(h -> !now.isBefore(h.expiresAt()));
      try {
        deps.buttons().purgeExpired(now);
      } catch (RuntimeException e) {
        // Housekeeping only: the command at hand must still run.
        log().warn("could not purge expired buttons: {}", e.toString());
      }
    }
    if (Duration.between(lastAuditPurge, now).compareTo(AUDIT_PURGE_EVERY) >= 0) {
      lastAuditPurge = now;
      try {
        long gone = deps.audit().purgeBefore(now.minus(auditRetention));
        if (gone > 0) {
          log().info("purged {} audit rows older than {} days", gone, auditRetention.toDays());
        }
      } catch (RuntimeException e) {
        log().warn("could not purge old audit rows: {}", e.toString());
      }
    }
  }

  private static org.slf4j.Logger log() {
    return org.slf4j.LoggerFactory.getLogger(Env.class);
  }
}
