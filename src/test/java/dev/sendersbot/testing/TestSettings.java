package dev.sendersbot.testing;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Key;
import dev.sendersbot.gateway.GatewaySettings;
import java.time.Duration;

/** Settings records for tests that build a part by hand, with the shipped defaults from Key. */
public final class TestSettings {
  private TestSettings() {}

  /** The gateway's settings from budgets as the configuration holds them and a list TTL. */
  public static GatewaySettings gateway(Config.Gateway budgets, Duration listTtl) {
    return new GatewaySettings(
        budgets.listsPerMinute(),
        budgets.createsPerMinute(),
        budgets.maxInFlight(),
        budgets.maxWait(),
        budgets.chatRefreshInterval(),
        budgets.refreshReuse(),
        listTtl);
  }

  /** The shipped budgets (see {@link Key}) with the list TTL given. */
  public static GatewaySettings gateway(Duration listTtl) {
    return gateway(
        new Config.Gateway(
            Key.GATEWAY_LISTS_PER_MINUTE.defaultInt(),
            Key.GATEWAY_CREATES_PER_MINUTE.defaultInt(),
            Key.GATEWAY_MAX_IN_FLIGHT.defaultInt(),
            Key.GATEWAY_MAX_WAIT.defaultDuration()),
        listTtl);
  }
}
