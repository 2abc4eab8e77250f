package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Key;
import dev.sendersbot.gateway.GatewaySettings;
import dev.sendersbot.telegram.TelegramSettings;
import dev.sendersbot.telegram.WebhookSettings;

/**
 * The packages below the wiring take settings records of their own and know nothing of the
 * application's configuration: these turn one into the other. Defaults and ranges stay in {@link
 * Key}; what the loader has checked is checked again here only where a hand-built configuration
 * could break the provider's limits.
 */
final class Settings {
  private Settings() {}

  /**
   * The gateway's budgets and cache period.
   *
   * @throws IllegalArgumentException when a budget is beyond the provider's limit, naming the key
   */
  static GatewaySettings gateway(Config config) {
    Config.Gateway g = config.gateway();
    return new GatewaySettings(
        providerLimit(Key.GATEWAY_LISTS_PER_MINUTE, g.listsPerMinute()),
        providerLimit(Key.GATEWAY_CREATES_PER_MINUTE, g.createsPerMinute()),
        providerLimit(Key.GATEWAY_MAX_IN_FLIGHT, g.maxInFlight()),
        g.maxWait(),
        g.chatRefreshInterval(),
        g.refreshReuse(),
        config.cache().listTtl());
  }

  /** The Bot API's address and the token, revealed only to the adapter that sends it. */
  static TelegramSettings telegram(Config.Telegram telegram) {
    return new TelegramSettings(
        telegram.token() == null ? null : telegram.token().reveal(), telegram.apiUrl());
  }

  /** Webhook mode's settings; null when polling. */
  static WebhookSettings webhook(Config.Webhook w) {
    if (!w.enabled()) {
      return null;
    }
    return new WebhookSettings(
        w.url(), w.bind(), w.port(), w.secret().reveal(), w.maxConnections());
  }

  private static int providerLimit(Key key, int value) {
    if (value < key.minInt() || value > key.maxInt()) {
      throw new IllegalArgumentException(
          key.path()
              + " must be "
              + key.minInt()
              + ".."
              + key.maxInt()
              + " (the provider's limit): "
              + value);
    }
    return value;
  }
}
