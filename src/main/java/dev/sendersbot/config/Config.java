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

  /** The same configuration with other {@code ui} settings. */
  public Config withUi(Ui other) {
    return new Config(telegram, smsc, cache, gateway, watch, storage, http, logging, audit, other);
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
    p.addAll(telegram.webhook().runProblems());
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
  public record Telegram(Secret token, URI apiUrl, List<Long> owners, Webhook webhook) {
    public Telegram {
      owners = List.copyOf(owners);
      Objects.requireNonNull(webhook, "webhook");
    }

    /** Polling for updates, the default. */
    public Telegram(Secret token, URI apiUrl, List<Long> owners) {
      this(token, apiUrl, owners, Webhook.polling());
    }
  }

  /**
   * How updates arrive: by polling, or posted by Telegram to a webhook.
   *
   * @param enabled {@code telegram.mode} is {@code webhook}
   * @param url the public HTTPS address given to Telegram (its path is the path served); null when
   *     not set
   * @param bind the address the webhook listens on, behind the reverse proxy
   * @param port its TCP port; 0 picks a free one
   * @param secret what Telegram sends in X-Telegram-Bot-Api-Secret-Token; null when not set
   * @param maxConnections how many requests Telegram may have open at once (1..100)
   */
  public record Webhook(
      boolean enabled, URI url, String bind, int port, Secret secret, int maxConnections) {
    public Webhook {
      Objects.requireNonNull(bind, "bind");
    }

    /** Polling, with the webhook keys' defaults. */
    public static Webhook polling() {
      return new Webhook(
          false,
          null,
          Key.TELEGRAM_WEBHOOK_BIND.defaultString(),
          Key.TELEGRAM_WEBHOOK_PORT.defaultInt(),
          null,
          Key.TELEGRAM_WEBHOOK_MAX_CONNECTIONS.defaultInt());
    }

    /** {@code polling} or {@code webhook}, as {@code telegram.mode} writes it. */
    public String mode() {
      return enabled ? "webhook" : "polling";
    }

    List<ConfigException.Problem> runProblems() {
      if (!enabled) {
        return List.of();
      }
      List<ConfigException.Problem> p = new ArrayList<>();
      if (url == null) {
        p.add(
            new ConfigException.Problem(
                Key.TELEGRAM_WEBHOOK_URL.path(),
                "required by telegram.mode webhook: the public HTTPS address Telegram posts"
                    + " updates to (or set TELEGRAM_WEBHOOK_URL)"));
      }
      if (secret == null) {
        p.add(
            new ConfigException.Problem(
                Key.TELEGRAM_WEBHOOK_SECRET.path(),
                "required by telegram.mode webhook: 1-256 characters A-Z, a-z, 0-9, _ and -"
                    + " (or set telegram.webhook.secret-file, TELEGRAM_WEBHOOK_SECRET or"
                    + " TELEGRAM_WEBHOOK_SECRET_FILE)"));
      }
      return p;
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
   * @param refreshReuse a refresh button gets the cached list, saying so, while that list is
   *     younger than this; zero: every refresh may ask
   */
  public record Gateway(
      int listsPerMinute,
      int createsPerMinute,
      int maxInFlight,
      Duration maxWait,
      Duration chatRefreshInterval,
      Duration refreshReuse) {
    /** The default of {@code gateway.chat-refresh-interval}. */
    public static final Duration DEFAULT_CHAT_REFRESH_INTERVAL =
        Key.GATEWAY_CHAT_REFRESH_INTERVAL.defaultDuration();

    /** The default of {@code gateway.refresh-reuse}. */
    public static final Duration DEFAULT_REFRESH_REUSE =
        Key.GATEWAY_REFRESH_REUSE.defaultDuration();

    /** With the default chat refresh interval and refresh reuse. */
    public Gateway(int listsPerMinute, int createsPerMinute, int maxInFlight, Duration maxWait) {
      this(listsPerMinute, createsPerMinute, maxInFlight, maxWait, DEFAULT_CHAT_REFRESH_INTERVAL);
    }

    /** With the default refresh reuse. */
    public Gateway(
        int listsPerMinute,
        int createsPerMinute,
        int maxInFlight,
        Duration maxWait,
        Duration chatRefreshInterval) {
      this(
          listsPerMinute,
          createsPerMinute,
          maxInFlight,
          maxWait,
          chatRefreshInterval,
          DEFAULT_REFRESH_REUSE);
    }

    /** The same budgets with another refresh reuse. */
    public Gateway withRefreshReuse(Duration reuse) {
      return new Gateway(
          listsPerMinute, createsPerMinute, maxInFlight, maxWait, chatRefreshInterval, reuse);
    }
  }

  /**
   * @param interval how often the watcher polls
   */
  public record Watch(Duration interval) {}

  /**
   * @param database the SQLite file
   * @param connectTimeout PostgreSQL: how long getting a pooled connection may take
   * @param leaderCheckInterval PostgreSQL: how often the leader election looks
   * @param leaderTimeout PostgreSQL: how long the lock's session waits for the server
   */
  public record Storage(
      Path database,
      String url,
      String user,
      Secret password,
      Duration connectTimeout,
      Duration leaderCheckInterval,
      Duration leaderTimeout) {
    static final String POSTGRESQL = "jdbc:postgresql://";
    static final String SQLITE = "jdbc:sqlite:";

    /** SQLite in {@code database}, as before there was a choice. */
    public Storage(Path database) {
      this(
          database,
          null,
          null,
          null,
          Key.STORAGE_CONNECT_TIMEOUT.defaultDuration(),
          Key.STORAGE_LEADER_CHECK_INTERVAL.defaultDuration(),
          Key.STORAGE_LEADER_TIMEOUT.defaultDuration());
    }

    /** Whether {@code storage.url} names a PostgreSQL database. */
    public boolean postgres() {
      return url != null && url.startsWith(POSTGRESQL);
    }

    /**
     * The SQLite file: {@code storage.url} as a path or {@code jdbc:sqlite:} URL, else {@code
     * storage.database}.
     *
     * @throws IllegalStateException when the storage is PostgreSQL
     */
    public Path sqliteFile() {
      if (postgres()) {
        throw new IllegalStateException("the storage is PostgreSQL, not a SQLite file");
      }
      if (url == null) {
        return database;
      }
      return Path.of(url.startsWith(SQLITE) ? url.substring(SQLITE.length()) : url);
    }
  }

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
