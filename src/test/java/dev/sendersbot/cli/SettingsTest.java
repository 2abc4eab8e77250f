package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.gateway.GatewaySettings;
import dev.sendersbot.telegram.TelegramSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's and the Telegram adapter's own settings, made from the application's. */
class SettingsTest {
  static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz012345678";
  static final URI BOT_API = URI.create("http://127.0.0.1:8088");

  private static Config with(Config.Gateway budgets, Config.Cache cache) {
    Config d = Config.defaults();
    return new Config(
        d.telegram(), d.smsc(), cache, budgets, d.watch(), d.storage(), d.http(), d.logging());
  }

  @Test
  void theGatewayGetsTheBudgetsAndTheListTtl() {
    GatewaySettings s =
        Settings.gateway(
            with(
                new Config.Gateway(
                    3, 5, 14, Duration.ofSeconds(7), Duration.ofSeconds(9), Duration.ofSeconds(4)),
                new Config.Cache(Duration.ofSeconds(45))));

    assertEquals(
        new GatewaySettings(
            3,
            5,
            14,
            Duration.ofSeconds(7),
            Duration.ofSeconds(9),
            Duration.ofSeconds(4),
            Duration.ofSeconds(45)),
        s);
  }

  @Test
  void budgetsBeyondTheProvidersLimitsAreRefusedNamingTheKey() {
    Config.Cache cache = new Config.Cache(Duration.ofSeconds(60));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.gateway(with(new Config.Gateway(4, 4, 4, Duration.ZERO), cache)));
    assertEquals("gateway.lists-per-minute must be 1..3 (the provider's limit): 4", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.gateway(with(new Config.Gateway(2, 6, 4, Duration.ZERO), cache)));
    assertEquals(
        "gateway.creates-per-minute must be 1..5 (the provider's limit): 6", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.gateway(with(new Config.Gateway(2, 4, 15, Duration.ZERO), cache)));
    assertEquals("gateway.max-in-flight must be 1..14 (the provider's limit): 15", e.getMessage());
  }

  @Test
  void theAdapterGetsTheTokenAndTheApiUrlAndNeitherPrintsTheToken() {
    TelegramSettings s =
        Settings.telegram(new Config.Telegram(Secret.ofNullable(TOKEN), BOT_API, List.of(1L)));

    assertEquals(TOKEN, s.token());
    assertEquals(BOT_API, s.apiUrl());
    assertFalse(s.toString().contains(TOKEN), s.toString());
    assertTrue(s.toString().contains(BOT_API.toString()), s.toString());
  }

  @Test
  void noTokenConfiguredIsNoTokenForTheAdapter() {
    assertNull(Settings.telegram(new Config.Telegram(null, BOT_API, List.of())).token());
  }
}
