package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.smsc.Credentials;
import dev.sendersbot.smsc.SmscSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The application's SMSC configuration, handed to the client as the client's own settings. */
class AssemblySmscSettingsTest {

  static final URI BASE = URI.create("https://smscentre.com/api");
  static final Duration TIMEOUT = Duration.ofMillis(7500);

  @Test
  void aLoginWithItsPasswordIsCarriedOverWithTheUrlAndTimeout() {
    SmscSettings settings =
        Assembly.smscSettings(
            new Config.Smsc(BASE, "alex", Secret.ofNullable("pw-1"), null, TIMEOUT));

    assertEquals(new SmscSettings(BASE, Credentials.password("alex", "pw-1"), TIMEOUT), settings);
  }

  @Test
  void anApiKeyWinsOverALoginAndPassword() {
    SmscSettings settings =
        Assembly.smscSettings(
            new Config.Smsc(
                BASE, "alex", Secret.ofNullable("pw-1"), Secret.ofNullable("key-1"), TIMEOUT));

    assertEquals(Credentials.apiKey("key-1"), settings.credentials());
  }

  @Test
  void settingsWithoutCredentialsAreRefusedNamingTheKeys() {
    Config.Smsc loginOnly = new Config.Smsc(BASE, "alex", null, null, TIMEOUT);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Assembly.smscSettings(loginOnly));

    assertTrue(
        e.getMessage().contains("smsc.login and smsc.password, or smsc.api-key"), e.getMessage());
  }
}
