package dev.sendersbot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The effective configuration, validated once at start-up by {@link ConfigLoader}. Immutable.
 * Records never print secrets: {@link Secret#toString()} masks them.
 */
public record Config(
    Telegram telegram,
    Smsc smsc,
    Cache cache,
    Gateway gateway,
    Watch watch,
    Storage storage,
    Http http,
    Logging logging,
    Audit audit,
    Ui ui) {

  public Config {
    Objects.requireNonNull(telegram, "telegram");
    Objects.requireNonNull(smsc, "smsc");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(watch, "watch");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(ui, "ui");
  }

  /** With the default language and time zone. */
  public Config(
      Telegram telegram,
      Smsc smsc,
      Cache cache,
      Gateway gateway,
      Watch watch,
      Storage storage,
      Http http,
      Logging logging,
      Audit audit) {
    this(telegram, smsc, cache, gateway, watch, storage, http, logging, audit, Ui.defaults());
  }

  /** With the default audit settings. */
  public Config(
      Telegram telegram,
      Smsc smsc,
      Cache cache,
      Gateway gateway,
      Watch watch,
      Storage storage,
      Http http,
      Logging logging) {
    this(
        telegram,
        smsc,
        cache,
        gateway,
        watch,
        storage,
        http,
        logging,
        new Audit(Key.AUDIT_RETENTION.defaultDuration()));
  }

  /** The built-in defaults, as an empty file and an empty environment give them. */
  public static Config defaults() {
    return ConfigLoader.defaults();
  }

  /**
   * What {@code run} needs beyond a valid file: a bot token, at least one owner and SMSC
   * credentials. Empty when {@code run} can start; each problem names its key.
   */
  public List<ConfigException.Problem> runProblems() {
    List<ConfigException.Problem> p = new ArrayList<>();
    if (telegram.token() == null) {
      p.add(
          new ConfigException.Problem(
              "telegram.token",
              "required by run: the bot token from @BotFather (or set TELEGRAM_BOT_TOKEN)"));
    }
    if (telegram.owners().isEmpty()) {
      p.add(
          new ConfigException.Problem(
              "telegram.owners",
              "required by run: at least one Telegram user id (or set SENDERS_BOT_OWNERS=id1,id2)"));
    }
    if (!smsc.hasCredentials()) {
      if (smsc.login() != null) {
        p.add(
            new ConfigException.Problem(
                "smsc.password",
                "required by run with smsc.login: set smsc.password, smsc.password-file or SMSC_PASSWORD"));
      } else if (smsc.password() != null) {
        p.add(
            new ConfigException.Problem(
                "smsc.login", "required by run with smsc.password: set smsc.login or SMSC_LOGIN"));
      } else {
        p.add(
            new ConfigException.Problem(
                "smsc.login",
                "required by run: SMSC credentials, either smsc.login with smsc.password"
                    + " (SMSC_LOGIN, SMSC_PASSWORD) or smsc.api-key (SMSC_API_KEY)"));
      }
    }
    return List.copyOf(p);
  }

  /**
   * Fails fast when {@code run} cannot start with this configuration.
   *
   * @return this configuration, for chaining
   * @throws ConfigException listing every {@link #runProblems()}
   */
  public Config validateForRun() {
    List<ConfigException.Problem> p = runProblems();
    if (!p.isEmpty()) {
      throw new ConfigException(p);
    }
    return this;
  }

  /** The effective configuration, key by key, secrets masked; see {@link ConfigPrinter}. */
  public String describe() {
    return ConfigPrinter.describe(this);
  }

  /**
   * @param token bot token; null when not configured (required by {@code run})
   * @param apiUrl Bot API server, without a trailing slash
   * @param owners Telegram user ids with every right
   */
  public record Telegram(Secret token, URI apiUrl, List<Long> owners) {
    public Telegram {
      owners = List.copyOf(owners);
    }
  }

  /**
   * @param baseUrl API host, without a trailing slash (the path /sys/senders.php is added)
   * @param login account login; null with an API key
   * @param password password or its lower-case MD5 (from {@code password} or {@code password-file})
   * @param apiKey alternative to login and password; may be null
   * @param timeout per request
   */
  public record Smsc(URI baseUrl, String login, Secret password, Secret apiKey, Duration timeout) {
    public boolean hasCredentials() {
      return apiKey != null || (login != null && password != null);
    }
  }

  /**
   * @param listTtl how long a list answer is served from cache
   */
  public record Cache(Duration listTtl) {}

  /**
   * The provider's limits, with room left for other tools on the same account.
   *
   * @param listsPerMinute identical list requests per rolling minute (1..3)
   * @param createsPerMinute creations per rolling minute (1..5)
   * @param maxInFlight concurrent requests (1..14)
   * @param maxWait how long a caller may wait for budget before being told to retry
   * @param chatRefreshInterval how often one chat's refresh button may ask the provider; within it
   *     the chat gets the cached list, saying so
   */
  public record Gateway(
      int listsPerMinute,
      int createsPerMinute,
      int maxInFlight,
      Duration maxWait,
      Duration chatRefreshInterval) {
    /** The default of {@code gateway.chat-refresh-interval}. */
    public static final Duration DEFAULT_CHAT_REFRESH_INTERVAL =
        Key.GATEWAY_CHAT_REFRESH_INTERVAL.defaultDuration();

    /** With the default chat refresh interval. */
    public Gateway(int listsPerMinute, int createsPerMinute, int maxInFlight, Duration maxWait) {
      this(listsPerMinute, createsPerMinute, maxInFlight, maxWait, DEFAULT_CHAT_REFRESH_INTERVAL);
    }
  }

  /**
   * @param interval how often the watcher polls
   */
  public record Watch(Duration interval) {}

  /**
   * @param database the SQLite file
   */
  public record Storage(Path database) {}

  /**
   * @param retention audit entries (and unknown chats' hourly counts) older than this are purged at
   *     start-up and then daily
   */
  public record Audit(Duration retention) {}

  /**
   * Health and metrics endpoint.
   *
   * @param enabled false turns the endpoint off
   * @param bind address to bind (loopback by default)
   * @param port TCP port
   */
  public record Http(boolean enabled, String bind, int port) {}

  /**
   * @param format {@code text} or {@code json}
   */
  public record Logging(String format) {}

  /**
   * What readers get unless their chat chose otherwise.
   *
   * @param language {@code ru} or {@code en}: notifications where neither the chat nor its
   *     subscriber says which
   * @param timeZone every time shown in a chat without {@code /tz}
   */
  public record Ui(String language, ZoneId timeZone) {
    public Ui {
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(timeZone, "timeZone");
    }

    public static Ui defaults() {
      return new Ui(Key.UI_LANGUAGE.defaultString(), ZoneId.of(Key.UI_TIME_ZONE.defaultString()));
    }
  }
}
