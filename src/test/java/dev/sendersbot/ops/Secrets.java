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
