package dev.sendersbot.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration key, in the order the reference file and {@link ConfigPrinter} use. One table
 * so that the loader, the printer and the reference-file test cannot drift apart.
 */
enum Key {
  TELEGRAM_TOKEN("telegram", "token", "TELEGRAM_BOT_TOKEN", true),
  TELEGRAM_API_URL("telegram", "api-url", "TELEGRAM_API_URL", false),
  TELEGRAM_OWNERS("telegram", "owners", "SENDERS_BOT_OWNERS", false),
  SMSC_BASE_URL("smsc", "base-url", "SMSC_BASE_URL", false),
  SMSC_LOGIN("smsc", "login", "SMSC_LOGIN", false),
  SMSC_PASSWORD("smsc", "password", "SMSC_PASSWORD", true),
  SMSC_PASSWORD_FILE("smsc", "password-file", null, false),
  SMSC_API_KEY("smsc", "api-key", "SMSC_API_KEY", true),
  SMSC_TIMEOUT("smsc", "timeout", null, false),
  CACHE_LIST_TTL("cache", "list-ttl", null, false),
  GATEWAY_LISTS_PER_MINUTE("gateway", "lists-per-minute", null, false),
  GATEWAY_CREATES_PER_MINUTE("gateway", "creates-per-minute", null, false),
  GATEWAY_MAX_IN_FLIGHT("gateway", "max-in-flight", null, false),
  GATEWAY_MAX_WAIT("gateway", "max-wait", null, false),
  GATEWAY_CHAT_REFRESH_INTERVAL("gateway", "chat-refresh-interval", null, false),
  WATCH_INTERVAL("watch", "interval", "WATCH_INTERVAL", false),
  STORAGE_DATABASE("storage", "database", "SENDERS_BOT_DATABASE", false),
  AUDIT_RETENTION("audit", "retention", null, false),
  HTTP_ENABLED("http", "enabled", null, false),
  HTTP_BIND("http", "bind", null, false),
  HTTP_PORT("http", "port", null, false),
  LOGGING_FORMAT("logging", "format", null, false);

  private final String section;
  private final String leaf;
  private final String envVar;
  private final boolean secret;

  Key(String section, String leaf, String envVar, boolean secret) {
    this.section = section;
    this.leaf = leaf;
    this.envVar = envVar;
    this.secret = secret;
  }

  String section() {
    return section;
  }

  String leaf() {
    return leaf;
  }

  /** The full key path as users write it, for example {@code smsc.base-url}. */
  String path() {
    return section + "." + leaf;
  }

  /** The environment variable that overrides this key, if any. */
  Optional<String> envVar() {
    return Optional.ofNullable(envVar);
  }

  /** A secret's value never appears in a message or in printed configuration. */
  boolean secret() {
    return secret;
  }

  /** Owners may be a YAML list as well as a comma-separated string. */
  boolean listAllowed() {
    return this == TELEGRAM_OWNERS;
  }

  static List<String> sections() {
    return Arrays.stream(values()).map(Key::section).distinct().toList();
  }

  static List<String> leaves(String section) {
    return Arrays.stream(values()).filter(k -> k.section.equals(section)).map(Key::leaf).toList();
  }

  static Optional<Key> find(String section, String leaf) {
    return Arrays.stream(values())
        .filter(k -> k.section.equals(section) && k.leaf.equals(leaf))
        .findFirst();
  }
}
