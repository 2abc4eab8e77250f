package dev.sendersbot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration key with its type, default, allowed range, environment override and whether
 * it is secret, in the order the reference file and {@link ConfigPrinter} use. The one registry:
 * the loader reads defaults and ranges from here, so do the builders that re-check a value (the
 * gateway's budgets), and a test holds the README's configuration table to it.
 *
 * <p>Defaults and bounds are kept as the reference file and README write them ({@code 1d}, not
 * {@code 24h}); the typed accessors parse them with the loader's own parsers.
 */
public enum Key {
  TELEGRAM_TOKEN("telegram", "token", text(null).env("TELEGRAM_BOT_TOKEN").secret()),
  TELEGRAM_API_URL("telegram", "api-url", url("https://api.telegram.org").env("TELEGRAM_API_URL")),
  TELEGRAM_OWNERS("telegram", "owners", userIds().env("SENDERS_BOT_OWNERS")),
  // How updates arrive: polling (getUpdates, the default) or webhook (Telegram posts them to
  // telegram.webhook.url, which a reverse proxy forwards to webhook.bind:webhook.port).
  TELEGRAM_MODE("telegram", "mode", text("polling").env("TELEGRAM_MODE")),
  TELEGRAM_WEBHOOK_URL("telegram", "webhook.url", url(null).env("TELEGRAM_WEBHOOK_URL")),
  TELEGRAM_WEBHOOK_BIND("telegram", "webhook.bind", text("127.0.0.1")),
  TELEGRAM_WEBHOOK_PORT("telegram", "webhook.port", integer(8443, 0, 65535)),
  TELEGRAM_WEBHOOK_SECRET(
      "telegram", "webhook.secret", text(null).env("TELEGRAM_WEBHOOK_SECRET").secret()),
  // Not secret itself: the path is shown; the file's content becomes telegram.webhook.secret.
  TELEGRAM_WEBHOOK_SECRET_FILE(
      "telegram", "webhook.secret-file", path(null).env("TELEGRAM_WEBHOOK_SECRET_FILE")),
  // Telegram's own range and default.
  TELEGRAM_WEBHOOK_MAX_CONNECTIONS("telegram", "webhook.max-connections", integer(40, 1, 100)),
  SMSC_BASE_URL("smsc", "base-url", url("https://smsc.ru").env("SMSC_BASE_URL")),
  SMSC_LOGIN("smsc", "login", text(null).env("SMSC_LOGIN")),
  SMSC_PASSWORD("smsc", "password", text(null).env("SMSC_PASSWORD").secret()),
  // Not secret itself: the path is shown; the file's content becomes smsc.password.
  SMSC_PASSWORD_FILE("smsc", "password-file", path(null)),
  SMSC_API_KEY("smsc", "api-key", text(null).env("SMSC_API_KEY").secret()),
  SMSC_TIMEOUT("smsc", "timeout", duration("20s", "100ms", "5m")),
  CACHE_LIST_TTL("cache", "list-ttl", duration("60s", "1s", "1h")),
  // The provider answers error 9 to a 4th identical list request or a 6th creation within a
  // minute, or a 15th concurrent request: each maximum stays one below its limit.
  GATEWAY_LISTS_PER_MINUTE("gateway", "lists-per-minute", integer(2, 1, 3)),
  GATEWAY_CREATES_PER_MINUTE("gateway", "creates-per-minute", integer(4, 1, 5)),
  GATEWAY_MAX_IN_FLIGHT("gateway", "max-in-flight", integer(4, 1, 14)),
  GATEWAY_MAX_WAIT("gateway", "max-wait", duration("5s", "0s", "60s")),
  GATEWAY_CHAT_REFRESH_INTERVAL("gateway", "chat-refresh-interval", duration("30s", "1s", "1h")),
  GATEWAY_REFRESH_REUSE("gateway", "refresh-reuse", duration("10s", "0s", "60s")),
  // The minimum is the provider's own list limit; the loader raises it when
  // gateway.lists-per-minute leaves the watcher less (ConfigAssembler#watchInterval).
  WATCH_INTERVAL("watch", "interval", duration("60s", "30s", "24h").env("WATCH_INTERVAL")),
  STORAGE_DATABASE("storage", "database", path("data/senders-bot.db").env("SENDERS_BOT_DATABASE")),
  // jdbc:postgresql://... selects PostgreSQL; a path or jdbc:sqlite:<path> is SQLite, as
  // storage.database (set one of the two).
  STORAGE_URL("storage", "url", text(null).env("SENDERS_BOT_DATABASE_URL")),
  STORAGE_USER("storage", "user", text(null).env("SENDERS_BOT_DATABASE_USER")),
  STORAGE_PASSWORD("storage", "password", text(null).env("SENDERS_BOT_DATABASE_PASSWORD").secret()),
  // Not secret itself: the path is shown; the file's content becomes storage.password.
  STORAGE_PASSWORD_FILE(
      "storage", "password-file", path(null).env("SENDERS_BOT_DATABASE_PASSWORD_FILE")),
  // PostgreSQL only. How long opening or borrowing a pooled connection may take.
  STORAGE_CONNECT_TIMEOUT(
      "storage",
      "connect-timeout",
      duration("10s", "1s", "5m").env("SENDERS_BOT_DATABASE_CONNECT_TIMEOUT")),
  // PostgreSQL only: how often a standby tries the leader lock and the leader checks it holds it.
  // At most 3s: a vanished leader's lock is freed by the server after 11 s of keepalives, and
  // 11 s + this must stay within the promised 15 s takeover (store.PostgresTimeouts).
  STORAGE_LEADER_CHECK_INTERVAL(
      "storage",
      "leader-check-interval",
      duration("1s", "100ms", "3s").env("SENDERS_BOT_LEADER_CHECK_INTERVAL")),
  // PostgreSQL only: how long the lock's session waits for the server before the replica counts
  // the lock lost. At most 7s: with the check interval (at most 3s) it must end before the 11 s
  // after which the server frees the lock, so a cut-off leader stops before another one leads.
  STORAGE_LEADER_TIMEOUT(
      "storage", "leader-timeout", duration("5s", "2s", "7s").env("SENDERS_BOT_LEADER_TIMEOUT")),
  AUDIT_RETENTION("audit", "retention", duration("365d", "1d", "36500d")),
  HTTP_ENABLED("http", "enabled", bool(true)),
  HTTP_BIND("http", "bind", text("127.0.0.1")),
  HTTP_PORT("http", "port", integer(8081, 0, 65535)),
  // LOG_FORMAT is read by Logback and LogSetup, before and after the configuration, not by the
  // loader: a wrong value there must not stop start-up, so it is no override here.
  LOGGING_FORMAT("logging", "format", text("text")),
  // What a reader gets when nothing says otherwise: notifications in a chat that chose no
  // language and whose subscriber's is unknown, and every time shown where no /tz was set.
  UI_LANGUAGE("ui", "language", text("ru")),
  UI_TIME_ZONE("ui", "time-zone", text("Europe/Moscow"));

  /** What a key's value is; decides how its default and bounds read. */
  public enum Type {
    TEXT,
    URL,
    USER_IDS,
    PATH,
    DURATION,
    INTEGER,
    BOOLEAN
  }

  /** A key's value description, written fluently in the table above. */
  private record Spec(Type type, String def, String min, String max, String var, boolean masked) {
    Spec env(String name) {
      return new Spec(type, def, min, max, name, masked);
    }

    Spec secret() {
      return new Spec(type, def, min, max, var, true);
    }
  }

  private static Spec text(String def) {
    return new Spec(Type.TEXT, def, null, null, null, false);
  }

  private static Spec url(String def) {
    return new Spec(Type.URL, def, null, null, null, false);
  }

  private static Spec userIds() {
    return new Spec(Type.USER_IDS, null, null, null, null, false);
  }

  private static Spec path(String def) {
    return new Spec(Type.PATH, def, null, null, null, false);
  }

  private static Spec bool(boolean def) {
    return new Spec(Type.BOOLEAN, String.valueOf(def), null, null, null, false);
  }

  private static Spec duration(String def, String min, String max) {
    return new Spec(Type.DURATION, def, min, max, null, false);
  }

  private static Spec integer(int def, int min, int max) {
    return new Spec(
        Type.INTEGER, String.valueOf(def), String.valueOf(min), String.valueOf(max), null, false);
  }

  private final String section;
  private final String leaf;
  private final Type type;
  private final String defaultText;
  private final String minText;
  private final String maxText;
  private final String envVar;
  private final boolean secret;

  Key(String section, String leaf, Spec spec) {
    this.section = section;
    this.leaf = leaf;
    this.type = spec.type();
    this.defaultText = spec.def();
    this.minText = spec.min();
    this.maxText = spec.max();
    this.envVar = spec.var();
    this.secret = spec.masked();
  }

  public String section() {
    return section;
  }

  public String leaf() {
    return leaf;
  }

  /** The full key path as users write it, for example {@code smsc.base-url}. */
  public String path() {
    return section + "." + leaf;
  }

  public Type type() {
    return type;
  }

  /** The default as the reference file writes it; empty when the key has none (not set). */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /** The smallest allowed value as the reference file writes it; empty when unbounded. */
  public Optional<String> minText() {
    return Optional.ofNullable(minText);
  }

  /** The largest allowed value as the reference file writes it; empty when unbounded. */
  public Optional<String> maxText() {
    return Optional.ofNullable(maxText);
  }

  /** The environment variable that overrides this key, if any. */
  public Optional<String> envVar() {
    return Optional.ofNullable(envVar);
  }

  /** A secret's value never appears in a message or in printed configuration. */
  public boolean secret() {
    return secret;
  }

  /** Owners may be a YAML list as well as a comma-separated string. */
  boolean listAllowed() {
    return type == Type.USER_IDS;
  }

  public Duration defaultDuration() {
    return duration(required(defaultText, "default"));
  }

  public Duration minDuration() {
    return duration(required(minText, "minimum"));
  }

  public Duration maxDuration() {
    return duration(required(maxText, "maximum"));
  }

  public int defaultInt() {
    return integer(required(defaultText, "default"));
  }

  public int minInt() {
    return integer(required(minText, "minimum"));
  }

  public int maxInt() {
    return integer(required(maxText, "maximum"));
  }

  public boolean defaultBoolean() {
    is(Type.BOOLEAN);
    return Boolean.parseBoolean(required(defaultText, "default"));
  }

  public URI defaultUri() {
    is(Type.URL);
    return URI.create(required(defaultText, "default"));
  }

  public Path defaultPath() {
    is(Type.PATH);
    return Path.of(required(defaultText, "default"));
  }

  /** The default of a text key, or null when it has none. */
  public String defaultString() {
    is(Type.TEXT);
    return defaultText;
  }

  private Duration duration(String text) {
    is(Type.DURATION);
    return Durations.parse(text)
        .orElseThrow(() -> new IllegalStateException(path() + ": '" + text + "' is no duration"));
  }

  private int integer(String text) {
    is(Type.INTEGER);
    return Integer.parseInt(text);
  }

  // Asking a key for a value of the wrong type is a programming error, not a configuration one.
  private void is(Type expected) {
    if (type != expected) {
      throw new IllegalStateException(path() + " is " + type + ", not " + expected);
    }
  }

  private String required(String text, String what) {
    if (text == null) {
      throw new IllegalStateException(path() + " has no " + what);
    }
    return text;
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
