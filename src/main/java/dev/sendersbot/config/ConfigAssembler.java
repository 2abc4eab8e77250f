package dev.sendersbot.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Builds the {@link Config} records from the raw values and checks what spans keys: the token's
 * form, one way of giving SMSC credentials, the watch interval against the list budget, the bind
 * address and the log format. Either a complete configuration comes out or every problem at once.
 */
final class ConfigAssembler {
  private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+");
  // What setWebhook accepts as secret_token.
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final RawValues raw;
  private final TypedValues values;
  private final PasswordFile passwordFile;

  /**
   * @param workDir where {@code smsc.password-file} resolves
   */
  ConfigAssembler(RawValues raw, Path workDir) {
    this.raw = raw;
    this.values = new TypedValues(raw);
    this.passwordFile = new PasswordFile(workDir);
  }

  /**
   * @throws ConfigException naming every bad key
   */
  Config config() {
    var telegram =
        new Config.Telegram(
            token(),
            values.url(Key.TELEGRAM_API_URL, false),
            values.userIds(Key.TELEGRAM_OWNERS),
            webhook());
    var smsc = smsc();
    var cache = new Config.Cache(values.duration(Key.CACHE_LIST_TTL));
    var gateway =
        new Config.Gateway(
            values.integer(Key.GATEWAY_LISTS_PER_MINUTE),
            values.integer(Key.GATEWAY_CREATES_PER_MINUTE),
            values.integer(Key.GATEWAY_MAX_IN_FLIGHT),
            values.duration(Key.GATEWAY_MAX_WAIT),
            values.duration(Key.GATEWAY_CHAT_REFRESH_INTERVAL),
            values.duration(Key.GATEWAY_REFRESH_REUSE));
    var watch = new Config.Watch(watchInterval(gateway.listsPerMinute()));
    var storage = new StorageKeys(raw, values, passwordFile).storage();
    var audit = new Config.Audit(values.duration(Key.AUDIT_RETENTION));
    String bind = bind(); // first, so its problem keeps its place before http.enabled's
    var http = new Config.Http(values.bool(Key.HTTP_ENABLED), bind, values.integer(Key.HTTP_PORT));
    var logging = new Config.Logging(logFormat());
    var ui = new Config.Ui(uiLanguage(), uiTimeZone());

    raw.failIfAny();
    return new Config(telegram, smsc, cache, gateway, watch, storage, http, logging, audit, ui);
  }

  private Secret token() {
    String token = raw.text(Key.TELEGRAM_TOKEN);
    if (token != null && !TOKEN.matcher(token).matches()) {
      raw.bad(
          Key.TELEGRAM_TOKEN,
          "is not a bot token: expected <bot id>:<secret>, as @BotFather gives it");
      return null;
    }
    return Secret.ofNullable(token);
  }

  private Config.Webhook webhook() {
    String mode = raw.text(Key.TELEGRAM_MODE);
    if (mode != null && !mode.equals("polling") && !mode.equals("webhook")) {
      raw.bad(Key.TELEGRAM_MODE, "is not a mode; use polling or webhook");
      mode = null;
    }
    String bind = host(Key.TELEGRAM_WEBHOOK_BIND);
    return new Config.Webhook(
        "webhook".equals(mode),
        values.url(Key.TELEGRAM_WEBHOOK_URL, true),
        bind,
        values.integer(Key.TELEGRAM_WEBHOOK_PORT),
        webhookSecret(),
        values.integer(Key.TELEGRAM_WEBHOOK_MAX_CONNECTIONS));
  }

  private Secret webhookSecret() {
    Key k = Key.TELEGRAM_WEBHOOK_SECRET;
    Secret secret = Secret.ofNullable(raw.text(k));
    if (raw.has(Key.TELEGRAM_WEBHOOK_SECRET_FILE)) {
      if (secret != null) {
        raw.problem(
            Key.TELEGRAM_WEBHOOK_SECRET_FILE.path(),
            "set either "
                + k.path()
                + raw.from(k)
                + " or "
                + Key.TELEGRAM_WEBHOOK_SECRET_FILE.path()
                + ", not both");
        return null;
      }
      secret = passwordFile.read(raw, Key.TELEGRAM_WEBHOOK_SECRET_FILE);
    }
    if (secret != null && !WEBHOOK_SECRET.matcher(secret.reveal()).matches()) {
      // Telegram refuses anything else; the value itself is never shown.
      raw.problem(
          raw.has(k) ? k.path() : Key.TELEGRAM_WEBHOOK_SECRET_FILE.path(),
          "the secret (not shown)"
              + raw.from(k)
              + " must be 1-256 characters A-Z, a-z, 0-9, _ and -, as Telegram requires");
      return null;
    }
    return secret;
  }

  // Two sources for one credential would leave the user guessing which is in force: refuse both.
  private Config.Smsc smsc() {
    String login = raw.text(Key.SMSC_LOGIN);
    Secret password = Secret.ofNullable(raw.text(Key.SMSC_PASSWORD));
    if (raw.has(Key.SMSC_PASSWORD_FILE)) {
      if (password != null) {
        raw.problem(
            Key.SMSC_PASSWORD_FILE.path(),
            "set either smsc.password"
                + raw.from(Key.SMSC_PASSWORD)
                + " or smsc.password-file, not both");
      } else {
        password = passwordFile.read(raw, Key.SMSC_PASSWORD_FILE);
      }
    }
    Secret apiKey = Secret.ofNullable(raw.text(Key.SMSC_API_KEY));
    if (apiKey != null && (login != null || password != null)) {
      raw.problem(
          Key.SMSC_API_KEY.path(),
          "set either smsc.api-key"
              + raw.from(Key.SMSC_API_KEY)
              + " or smsc.login with smsc.password, not both");
    }
    return new Config.Smsc(
        values.url(Key.SMSC_BASE_URL, true),
        login,
        password,
        apiKey,
        values.duration(Key.SMSC_TIMEOUT));
  }

  // The watcher's list requests count against the identical-list budget; polling faster than
  // the budget refills would leave the chats nothing but stale answers and error 9. The range
  // check reads from zero so that a too-short interval gets this explanation, not a bare range.
  private Duration watchInterval(int listsPerMinute) {
    Key k = Key.WATCH_INTERVAL;
    Duration floor = Duration.ofSeconds(Math.max(k.minDuration().toSeconds(), 60 / listsPerMinute));
    Duration d = values.duration(k, Duration.ZERO, k.maxDuration());
    if (d.compareTo(floor) < 0) {
      raw.bad(
          k,
          "is too short: every poll is a list request counted against the"
              + " provider's limit, and with gateway.lists-per-minute = "
              + listsPerMinute
              + " the watcher cannot poll more often than every "
              + Durations.format(floor)
              + " without running into error 9; use "
              + Durations.format(floor)
              + " or more");
      return k.defaultDuration();
    }
    return d;
  }

  private String bind() {
    return host(Key.HTTP_BIND);
  }

  private String host(Key k) {
    String bind = raw.text(k);
    if (bind != null && !HOST.matcher(bind).matches()) {
      raw.bad(k, "is not an IP address or host name");
      bind = null;
    }
    return bind == null ? k.defaultString() : bind;
  }

  private String uiLanguage() {
    String lang = raw.text(Key.UI_LANGUAGE);
    if (lang != null && !lang.equals("ru") && !lang.equals("en")) {
      raw.bad(Key.UI_LANGUAGE, "is not a language the bot speaks; use ru or en");
      lang = null;
    }
    return lang == null ? Key.UI_LANGUAGE.defaultString() : lang;
  }

  private ZoneId uiTimeZone() {
    String zone = raw.text(Key.UI_TIME_ZONE);
    if (zone != null) {
      try {
        return ZoneId.of(zone);
      } catch (DateTimeException e) {
        raw.bad(Key.UI_TIME_ZONE, "is not a time zone; use an IANA name such as Europe/Moscow");
      }
    }
    return ZoneId.of(Key.UI_TIME_ZONE.defaultString());
  }

  private String logFormat() {
    String format = raw.text(Key.LOGGING_FORMAT);
    if (format != null && !format.equals("text") && !format.equals("json")) {
      raw.bad(Key.LOGGING_FORMAT, "is not a log format; use text or json");
      format = null;
    }
    return format == null ? Key.LOGGING_FORMAT.defaultString() : format;
  }
}
