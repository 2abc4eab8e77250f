package dev.sendersbot.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every command shares: the dependencies, the registry and a little memory. */
final class Env {
  final ChatCore.Deps deps;
  final CommandRegistry registry;
  /**
   * Codes typed with {@code /confirm CODE} while several numbers were pending, keyed by the token
   * of the button that picks the number. Held in memory only, so a code never reaches the database;
   * after a restart the buttons simply expire.
   */
  private final Map<String, HeldCode> heldCodes = new ConcurrentHashMap<>();
  private volatile Instant lastPurge = Instant.EPOCH;

  /**
   * A code waiting for its number to be picked.
   *
   * @param group every button offering the same code: picking one voids the others
   * @param messageId the message that held the code, deleted in groups once it is used
   */
  record HeldCode(String code, Instant expiresAt, List<String> group, int messageId) {}

  Env(ChatCore.Deps deps, CommandRegistry registry) {
    this.deps = deps;
    this.registry = registry;
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

  /** Drops expired button state about once an hour. */
  void purgeIfDue() {
    Instant now = now();
    if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastPurge = now;
    heldCodes.values().removeIf(h -> !now.isBefore(h.expiresAt()));
    try {
      deps.buttons().purgeExpired(now);
    } catch (RuntimeException e) {
      // Housekeeping only: the command at hand must still run.
      org.slf4j.LoggerFactory.getLogger(Env.class).warn("could not purge expired buttons: {}", e.toString());
    }
  }
}
