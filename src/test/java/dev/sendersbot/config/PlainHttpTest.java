package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainHttpTest {
  @TempDir Path dir;

  private List<ConfigException.Problem> warnings(Map<String, String> env) {
    return PlainHttp.warnings(new ConfigLoader(env, dir).loadWithoutFile());
  }

  // Why: http to another host was accepted in silence, so the password (and the token, in the
  // Bot API's path) crossed the network unencrypted without a word.
  @Test
  void plainHttpToAnotherHostIsSaidForEachSecretItCarries() {
    List<ConfigException.Problem> w =
        warnings(
            Map.of(
                "SMSC_BASE_URL", "http://smsc.example.net",
                "TELEGRAM_API_URL", "http://bot-api.example.net:8081"));
    assertEquals(
        List.of("smsc.base-url", "telegram.api-url"),
        w.stream().map(ConfigException.Problem::key).toList());
    assertTrue(w.get(0).toString().contains("the SMSC password"), w.get(0).toString());
    assertTrue(w.get(1).toString().contains("the bot token"), w.get(1).toString());
  }

  @Test
  void httpsOrThisMachineIsFine() {
    assertEquals(List.of(), warnings(Map.of()));
    assertEquals(
        List.of(),
        warnings(
            Map.of(
                "SMSC_BASE_URL", "http://127.0.0.1:9000",
                "TELEGRAM_API_URL", "http://localhost:8081")));
  }
}
