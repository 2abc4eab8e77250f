package dev.sendersbot.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The effective configuration as text, key by key, with every secret masked: the bot token shows at
 * most the first four characters of its bot id, the password and the API key show only whether they
 * are set. For {@code check-config} and the start-up log line.
 */
public final class ConfigPrinter {
  static final String MASK = "****";
  static final String NOT_SET = "(not set)";
  private static final Pattern TOKEN_SHAPE =
      Pattern.compile("(" + TokenShape.BOT_ID + "):" + TokenShape.SECRET);

  private ConfigPrinter() {}

  /** YAML-like text, one key per line, sections as in the reference file. */
  public static String describe(Config config) {
    StringBuilder b = new StringBuilder();
    String section = null;
    for (Map.Entry<Key, String> e : values(config).entrySet()) {
      Key k = e.getKey();
      if (!k.section().equals(section)) {
        section = k.section();
        b.append(section).append(":\n");
      }
      b.append("  ").append(k.leaf()).append(": ").append(e.getValue()).append('\n');
    }
    return b.toString();
  }

  /** One line, {@code key=value} pairs, for a log line. */
  public static String oneLine(Config config) {
    return values(config).entrySet().stream()
        .map(e -> e.getKey().path() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** A bot token with only the start of its bot id visible; the part after ':' never shows. */
  public static String maskToken(Secret token) {
    if (token == null) {
      return NOT_SET;
    }
    String t = token.reveal();
    int colon = t.indexOf(':');
    return colon <= 0 ? MASK : t.substring(0, Math.min(4, colon)) + MASK;
  }

  private static Map<Key, String> values(Config c) {
    Map<Key, String> v = new LinkedHashMap<>();
    for (Key k : Key.values()) {
      String value = value(k, c);
      if (value != null) {
        v.put(k, value);
      }
    }
    return v;
  }

  // A switch over every key, so that a key added to the registry does not compile until it is
  // printed (or said not to be); each secret key is masked here.
  private static String value(Key k, Config c) {
    return switch (k) {
      case TELEGRAM_TOKEN -> maskToken(c.telegram().token());
      case TELEGRAM_API_URL -> withoutToken(c.telegram().apiUrl().toString(), c);
      case TELEGRAM_OWNERS -> list(c.telegram().owners());
      case TELEGRAM_MODE -> c.telegram().webhook().mode();
      case TELEGRAM_WEBHOOK_URL ->
          c.telegram().webhook().url() == null
              ? NOT_SET
              : withoutToken(c.telegram().webhook().url().toString(), c);
      case TELEGRAM_WEBHOOK_BIND -> c.telegram().webhook().bind();
      case TELEGRAM_WEBHOOK_PORT -> String.valueOf(c.telegram().webhook().port());
      case TELEGRAM_WEBHOOK_SECRET -> secret(c.telegram().webhook().secret());
      // Read at load time; its content is printed as telegram.webhook.secret, masked.
      case TELEGRAM_WEBHOOK_SECRET_FILE -> null;
      case TELEGRAM_WEBHOOK_MAX_CONNECTIONS ->
          String.valueOf(c.telegram().webhook().maxConnections());
      case SMSC_BASE_URL -> c.smsc().baseUrl().toString();
      case SMSC_LOGIN -> c.smsc().login() == null ? NOT_SET : c.smsc().login();
      case SMSC_PASSWORD -> secret(c.smsc().password());
      // The password file is read at load time; its content is printed as smsc.password, masked.
      case SMSC_PASSWORD_FILE -> null;
      case SMSC_API_KEY -> secret(c.smsc().apiKey());
      case SMSC_TIMEOUT -> duration(c.smsc().timeout());
      case CACHE_LIST_TTL -> duration(c.cache().listTtl());
      case GATEWAY_LISTS_PER_MINUTE -> String.valueOf(c.gateway().listsPerMinute());
      case GATEWAY_CREATES_PER_MINUTE -> String.valueOf(c.gateway().createsPerMinute());
      case GATEWAY_MAX_IN_FLIGHT -> String.valueOf(c.gateway().maxInFlight());
      case GATEWAY_MAX_WAIT -> duration(c.gateway().maxWait());
      case GATEWAY_CHAT_REFRESH_INTERVAL -> duration(c.gateway().chatRefreshInterval());
      case GATEWAY_REFRESH_REUSE -> duration(c.gateway().refreshReuse());
      case WATCH_INTERVAL -> duration(c.watch().interval());
      case STORAGE_DATABASE -> c.storage().database().toString();
      // Refused at load when it carries a password, so the URL prints as it is.
      case STORAGE_URL -> c.storage().url() == null ? NOT_SET : c.storage().url();
      case STORAGE_USER -> c.storage().user() == null ? NOT_SET : c.storage().user();
      case STORAGE_PASSWORD -> secret(c.storage().password());
      // Folded into storage.password above.
      case STORAGE_PASSWORD_FILE -> null;
      case STORAGE_CONNECT_TIMEOUT -> duration(c.storage().connectTimeout());
      case STORAGE_LEADER_CHECK_INTERVAL -> duration(c.storage().leaderCheckInterval());
      case STORAGE_LEADER_TIMEOUT -> duration(c.storage().leaderTimeout());
      case AUDIT_RETENTION -> duration(c.audit().retention());
      case HTTP_ENABLED -> String.valueOf(c.http().enabled());
      case HTTP_BIND -> c.http().bind();
      case HTTP_PORT -> String.valueOf(c.http().port());
      case LOGGING_FORMAT -> c.logging().format();
      case UI_LANGUAGE -> c.ui().language();
      case UI_TIME_ZONE -> c.ui().timeZone().getId();
    };
  }

  /**
   * A URL with this run's bot token, or anything shaped like a bot token, masked as {@link
   * #maskToken} masks it: a webhook path may hold the token, as the Bot API once advised.
   */
  private static String withoutToken(String url, Config c) {
    String s = url;
    Secret token = c.telegram().token();
    if (token != null && !token.reveal().isEmpty()) {
      s = s.replace(token.reveal(), maskToken(token));
      String t = token.reveal();
      int colon = t.indexOf(':');
      if (colon > 0 && colon < t.length() - 1) {
        s = s.replace(t.substring(colon + 1), MASK);
      }
    }
    return TOKEN_SHAPE.matcher(s).replaceAll(m -> m.group(1).substring(0, 4) + MASK);
  }

  private static String secret(Secret s) {
    return s == null ? NOT_SET : MASK;
  }

  private static String duration(Duration d) {
    return d == null ? NOT_SET : Durations.format(d);
  }

  private static String list(List<Long> owners) {
    return owners.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
