package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** telegram.mode and the telegram.webhook.* keys: read nested or dotted, checked, never shown. */
class WebhookConfigTest {
  private static final String SECRET = "Webhook_Secret-42";
  private static final Map<String, String> RUNNABLE =
      Map.of(
          "TELEGRAM_BOT_TOKEN", "123456:ABCdef",
          "SENDERS_BOT_OWNERS", "42",
          "SMSC_LOGIN", "acme",
          "SMSC_PASSWORD", "pw");

  @TempDir Path dir;

  private Config load(String yaml, Map<String, String> env) throws IOException {
    Path file = dir.resolve("senders-bot.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(env, dir).loadFile(file);
  }

  private static List<String> keys(List<ConfigException.Problem> problems) {
    return problems.stream().map(ConfigException.Problem::key).toList();
  }

  @Test
  void pollingIsTheDefault() throws IOException {
    Config c = load("", RUNNABLE);
    assertFalse(c.telegram().webhook().enabled());
    assertEquals("polling", c.telegram().webhook().mode());
    assertTrue(c.runProblems().isEmpty());
  }

  @Test
  void webhookModeWithoutUrlAndSecretNamesBothKeys() throws IOException {
    Config c = load("telegram:\n  mode: webhook\n", RUNNABLE);
    List<ConfigException.Problem> p = c.runProblems();
    assertEquals(List.of("telegram.webhook.url", "telegram.webhook.secret"), keys(p));
    ConfigException e = assertThrows(ConfigException.class, c::validateForRun);
    assertTrue(e.getMessage().contains("telegram.webhook.url"), e.getMessage());
    assertTrue(e.getMessage().contains("required by telegram.mode webhook"), e.getMessage());
  }

  @Test
  void nestedKeysAreReadAndTheSecretNeverShows() throws IOException {
    Config c =
        load(
            "telegram:\n  mode: webhook\n  webhook:\n    url: https://bot.example.com/tg/hook\n"
                + "    port: 8088\n    bind: 0.0.0.0\n    secret: "
                + SECRET
                + "\n    max-connections: 10\n",
            RUNNABLE);
    Config.Webhook w = c.telegram().webhook();
    assertTrue(w.enabled());
    assertEquals(URI.create("https://bot.example.com/tg/hook"), w.url());
    assertEquals(8088, w.port());
    assertEquals("0.0.0.0", w.bind());
    assertEquals(SECRET, w.secret().reveal());
    assertEquals(10, w.maxConnections());
    assertTrue(c.runProblems().isEmpty());
    assertFalse(c.describe().contains(SECRET), c.describe());
    assertFalse(ConfigPrinter.oneLine(c).contains(SECRET));
    assertTrue(c.describe().contains("webhook.url: https://bot.example.com/tg/hook"));
  }

  @Test
  void theEnvironmentOverridesAndTheSecretMayComeFromAFile() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, SECRET + "\n");
    Config c =
        load(
            "telegram:\n  webhook.secret-file: " + secret + "\n",
            Map.of(
                "TELEGRAM_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook"));
    assertTrue(c.telegram().webhook().enabled());
    assertEquals(SECRET, c.telegram().webhook().secret().reveal());
  }

  @Test
  void badValuesAreNamedWithoutShowingTheSecret() throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    "telegram:\n  mode: webhooks\n  webhook:\n    secret: \"has space!\"\n"
                        + "    max-connections: 101\n    urll: x\n",
                    Map.of()));
    assertEquals(
        List.of(
            "telegram.webhook.urll",
            "telegram.mode",
            "telegram.webhook.secret",
            "telegram.webhook.max-connections"),
        keys(e.problems()));
    assertFalse(e.getMessage().contains("has space!"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void secretAndSecretFileTogetherAreRefused() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, SECRET);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    "telegram:\n  webhook:\n    secret-file: " + secret + "\n",
                    Map.of("TELEGRAM_WEBHOOK_SECRET", SECRET)));
    assertEquals(List.of("telegram.webhook.secret-file"), keys(e.problems()));
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void withoutWebhookModeTheWebhookKeysAreNotRequired() throws IOException {
    Config c = load("telegram:\n  webhook:\n    port: 9000\n", RUNNABLE);
    assertNull(c.telegram().webhook().url());
    assertTrue(c.runProblems().isEmpty());
  }
}
