package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The token, the password and the API key never show: not when printed, not in an error. */
class ConfigSecretsTest {
  static final String TOKEN_SECRET = "AAH-secret_TOKEN_part";
  static final String TOKEN = "123456789:" + TOKEN_SECRET;
  static final String PASSWORD = "hunter2-PASSWORD";
  static final String API_KEY = "APIKEY0123456789abcdef";
  static final List<String> SECRETS = List.of(TOKEN_SECRET, PASSWORD, API_KEY);

  @TempDir Path dir;

  private static void assertNoSecret(String text) {
    for (String s : SECRETS) {
      assertFalse(text.contains(s), "leaks " + s + " in: " + text);
    }
  }

  @Test
  void describeMasksTheSecretsAndShowsTheRest() throws IOException {
    Path f = dir.resolve("c.yml");
    Files.writeString(
        f,
        """
        telegram:
          token: "%s"
          owners: [42]
        smsc:
          login: acme
          password: "%s"
        """
            .formatted(TOKEN, PASSWORD));
    Config c = new ConfigLoader(Map.of(), dir).loadFile(f);
    String text = c.describe();
    assertNoSecret(text);
    assertFalse(text.contains("123456789"), "only the start of the bot id shows");
    assertTrue(text.contains("  token: 1234****\n"), text);
    assertTrue(text.contains("  password: ****\n"), text);
    assertTrue(text.contains("  api-key: (not set)\n"), text);
    assertTrue(text.contains("  login: acme\n"), text);
    assertTrue(text.contains("  owners: [42]\n"), text);
    assertNoSecret(ConfigPrinter.oneLine(c));
    assertTrue(ConfigPrinter.oneLine(c).contains("telegram.token=1234****"));
    assertNoSecret(c.toString());
  }

  @Test
  void describeMasksTheApiKey() {
    Config c = new ConfigLoader(Map.of("SMSC_API_KEY", API_KEY), dir).loadWithoutFile();
    assertTrue(c.describe().contains("  api-key: ****\n"));
    assertNoSecret(c.describe());
  }

  @Test
  void shortBotIdShowsNoMoreThanItself() {
    assertEquals("12****", ConfigPrinter.maskToken(Secret.ofNullable("12:" + TOKEN_SECRET)));
    assertEquals("****", ConfigPrinter.maskToken(Secret.ofNullable(TOKEN_SECRET)));
  }

  static Stream<Arguments> badFilesHoldingSecrets() {
    return Stream.of(
        Arguments.of("unterminated quote", "telegram:\n  token: \"" + TOKEN + "\n  owners: [1\n"),
        Arguments.of("colon inside a plain value", "telegram:\n  token: " + TOKEN + ": x\n"),
        Arguments.of("malformed token", "telegram:\n  token: '" + TOKEN_SECRET + "'\n"),
        Arguments.of("token as a list", "telegram:\n  token: ['" + TOKEN + "']\n"),
        Arguments.of("token under a misspelt key", "telegram:\n  tokn: '" + TOKEN + "'\n"),
        Arguments.of("password under a misspelt section", "smcs:\n  password: " + PASSWORD + "\n"),
        Arguments.of("password as a mapping", "smsc:\n  password: {p: " + PASSWORD + "}\n"),
        Arguments.of(
            "password and password-file",
            "smsc:\n  password: " + PASSWORD + "\n  password-file: pw.txt\n"),
        Arguments.of("api key with login", "smsc:\n  login: a\n  api-key: " + API_KEY + "\n"),
        Arguments.of(
            "secret default in a broken reference", "smsc:\n  password: ${P:-" + PASSWORD + "\n"),
        Arguments.of("secret in a bad variable name", "smsc:\n  api-key: ${" + API_KEY + "-x}\n"),
        Arguments.of(
            "password in a URL", "smsc:\n  base-url: https://acme:" + PASSWORD + "@smsc.ru\n"),
        Arguments.of(
            "password in a URL query",
            "smsc:\n  base-url: https://smsc.ru/?psw=" + PASSWORD + "\n"),
        Arguments.of(
            "password in a broken URL",
            "smsc:\n  base-url: 'https://smsc.ru/ x?psw=" + PASSWORD + "'\n"),
        Arguments.of(
            "password in a duplicate key",
            "smsc:\n  password: " + PASSWORD + "\n  password: " + PASSWORD + "\n"),
        Arguments.of("password after a tab", "smsc:\n\tpassword: " + PASSWORD + "\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFilesHoldingSecrets")
  void noConfigExceptionMessageHoldsASecret(String what, String yaml) throws IOException {
    Files.writeString(dir.resolve("pw.txt"), PASSWORD);
    Path f = dir.resolve("bad.yml");
    Files.writeString(f, yaml);
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of(), dir).loadFile(f));
    assertNoSecret(e.getMessage());
    e.problems().forEach(p -> assertNoSecret(p.toString()));
  }

  @Test
  void malformedTokenFromTheEnvironmentIsNotEchoed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", TOKEN_SECRET), dir)
                    .loadWithoutFile());
    assertEquals("telegram.token", e.key());
    assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
    assertNoSecret(e.getMessage());
  }

  @Test
  void passwordFromEnvironmentWithPasswordFileIsNotEchoed() throws IOException {
    Files.writeString(dir.resolve("pw.txt"), "other");
    Path f = dir.resolve("c.yml");
    Files.writeString(f, "smsc:\n  password-file: pw.txt\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("SMSC_PASSWORD", PASSWORD), dir).loadFile(f));
    assertNoSecret(e.getMessage());
  }

  @Test
  void runProblemsHoldNoSecret() {
    Config c =
        new ConfigLoader(Map.of("SMSC_PASSWORD", PASSWORD, "TELEGRAM_BOT_TOKEN", TOKEN), dir)
            .loadWithoutFile();
    ConfigException e = assertThrows(ConfigException.class, c::validateForRun);
    assertNoSecret(e.getMessage());
    assertEquals(
        List.of("telegram.owners", "smsc.login"),
        e.problems().stream().map(ConfigException.Problem::key).toList());
  }

  /** Other Bot API clients take {@code https://api.telegram.org/bot<token>} as their base URL. */
  @Test
  void aTelegramApiUrlHoldingTheTokenIsRefusedWithoutQuotingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(
                        Map.of("TELEGRAM_API_URL", "https://api.telegram.org/bot" + TOKEN), dir)
                    .loadWithoutFile());
    assertEquals("telegram.api-url", e.key());
    assertTrue(e.getMessage().contains("https://api.telegram.org/…"), e.getMessage());
    assertNoSecret(e.getMessage());
  }

  /** The Bot API's advice before secret_token existed: the token in the webhook's path. */
  @Test
  void aWebhookUrlHoldingTheTokenPrintsWithTheTokenMasked() {
    Config c =
        new ConfigLoader(
                Map.of(
                    "TELEGRAM_BOT_TOKEN",
                    TOKEN,
                    "TELEGRAM_WEBHOOK_URL",
                    "https://bot.example.com/hook/" + TOKEN),
                dir)
            .loadWithoutFile();
    assertNoSecret(c.describe());
    assertNoSecret(ConfigPrinter.oneLine(c));
    assertTrue(
        c.describe().contains("  webhook.url: https://bot.example.com/hook/1234****\n"),
        c.describe());
  }

  @Test
  void secretsNotSetSayNotSetInTheOneLineForm() {
    Config c = new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", TOKEN), dir).loadWithoutFile();
    String line = ConfigPrinter.oneLine(c);
    assertTrue(line.contains(" smsc.api-key=(not set) "), line);
  }
}
