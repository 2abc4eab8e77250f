package dev.sendersbot.ops;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The secrets of a test run, and a configuration that holds them. */
final class Secrets {
  static final String BOT_ID = "7212345678";
  static final String TOKEN_SECRET = "AAH3kq9ZbX-4rT_7uvWqPzLmN8sD2fGhJk0";
  static final String TOKEN = BOT_ID + ":" + TOKEN_SECRET;
  static final String PASSWORD = "s3cr3t-P@ss";
  static final String PASSWORD_MD5 = LogMasking.md5(PASSWORD);
  static final String API_KEY = "k7Qp2Zr9Lx4Vb8Nm";
  static final String CODE = "338824";
  static final String DB_PASSWORD = "pg-Pa55word-9d2k";
  static final String WEBHOOK_SECRET = "whsec_Q2x9Lm4Tz8Rk1Vb7";

  /** Shaped like a token but registered nowhere: the pattern alone must catch it. */
  static final String STRANGER_TOKEN = "5550001112:ZZfakeButTokenShaped_abcdefghijklmnop";

  private Secrets() {}

  static Config config() {
    Config d = Config.defaults();
    return new Config(
        new Config.Telegram(Secret.ofNullable(TOKEN), d.telegram().apiUrl(), List.of(1L)),
        new Config.Smsc(
            URI.create("https://smsc.ru"),
            "alex",
            Secret.ofNullable(PASSWORD),
            Secret.ofNullable(API_KEY),
            Duration.ofSeconds(20)),
        d.cache(),
        d.gateway(),
        d.watch(),
        d.storage(),
        d.http(),
        d.logging());
  }

  /** {@link #config()} on PostgreSQL with a password, and a webhook with its secret token. */
  static Config configWithStorageAndWebhookSecrets() {
    Config c = config();
    Config.Webhook w = c.telegram().webhook();
    Config.Storage s = c.storage();
    return new Config(
        new Config.Telegram(
            c.telegram().token(),
            c.telegram().apiUrl(),
            c.telegram().owners(),
            new Config.Webhook(
                true,
                URI.create("https://bot.example.com/hook"),
                w.bind(),
                w.port(),
                Secret.ofNullable(WEBHOOK_SECRET),
                w.maxConnections())),
        c.smsc(),
        c.cache(),
        c.gateway(),
        c.watch(),
        new Config.Storage(
            null,
            "jdbc:postgresql://db/bot",
            "bot",
            Secret.ofNullable(DB_PASSWORD),
            s.connectTimeout(),
            s.leaderCheckInterval(),
            s.leaderTimeout()),
        c.http(),
        c.logging());
  }

  /** Every secret string of this run, in each form it could leak in. */
  static List<String> all() {
    return List.of(
        TOKEN,
        TOKEN_SECRET,
        PASSWORD,
        PASSWORD_MD5,
        API_KEY,
        CODE,
        "s3cr3t-P%40ss",
        STRANGER_TOKEN.substring(STRANGER_TOKEN.indexOf(':') + 1));
  }
}
