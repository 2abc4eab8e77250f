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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final Path REFERENCE = Path.of("config", "senders-bot.yml");

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  private Config load(String yaml, Map<String, String> env) throws IOException {
    return new ConfigLoader(env, dir).loadFile(write("c.yml", yaml));
  }

  private Config load(String yaml) throws IOException {
    return load(yaml, Map.of());
  }

  private ConfigException failure(String yaml, Map<String, String> env) throws IOException {
    Path p = write("bad.yml", yaml);
    return assertThrows(ConfigException.class, () -> new ConfigLoader(env, dir).loadFile(p));
  }

  private ConfigException failure(String yaml) throws IOException {
    return failure(yaml, Map.of());
  }

  // ---- the reference file and the defaults

  @Test
  void referenceFileLoadsAsItIsToTheDocumentedDefaults() {
    Config c = new ConfigLoader(Map.of(), Path.of("")).loadFile(REFERENCE);
    assertEquals(Config.defaults(), c);
    assertNull(c.telegram().token());
    assertEquals(URI.create("https://api.telegram.org"), c.telegram().apiUrl());
    assertEquals(List.of(), c.telegram().owners());
    assertEquals(URI.create("https://smsc.ru"), c.smsc().baseUrl());
    assertNull(c.smsc().login());
    assertNull(c.smsc().password());
    assertNull(c.smsc().apiKey());
    assertEquals(Duration.ofSeconds(20), c.smsc().timeout());
    assertEquals(Duration.ofSeconds(60), c.cache().listTtl());
    assertEquals(new Config.Gateway(2, 4, 4, Duration.ofSeconds(5)), c.gateway());
    assertEquals(Duration.ofSeconds(60), c.watch().interval());
    assertEquals(Path.of("data/senders-bot.db"), c.storage().database());
    assertEquals(Duration.ofDays(365), c.audit().retention());
    assertEquals(new Config.Http(true, "127.0.0.1", 8081), c.http());
    assertEquals("text", c.logging().format());
  }

  @Test
  void referenceFileDocumentsEveryKeyAndItsEnvironmentVariable() throws IOException {
    String text = Files.readString(REFERENCE);
    for (Key k : Key.values()) {
      assertTrue(text.contains(k.leaf() + ":"), "reference file documents " + k.path());
      k.envVar().ifPresent(v -> assertTrue(text.contains(v), "reference file names " + v));
    }
    assertTrue(text.contains(ConfigLoader.CONFIG_ENV));
  }

  @Test
  void referenceFileWithSecretsFromTheEnvironmentIsReadyToRun() {
    Map<String, String> env =
        Map.of(
            "TELEGRAM_BOT_TOKEN", "123456:ABCdef",
            "SENDERS_BOT_OWNERS", "42",
            "SMSC_LOGIN", "acme",
            "SMSC_PASSWORD", "pw");
    Config c = new ConfigLoader(env, Path.of("")).loadFile(REFERENCE).validateForRun();
    assertEquals("123456:ABCdef", c.telegram().token().reveal());
    assertEquals("acme", c.smsc().login());
  }

  @Test
  void everyKeyIsReadFromTheFile() throws IOException {
    Files.writeString(dir.resolve("pw.txt"), "  from-file \n");
    Config c =
        load(
            """
        telegram:
          token: "123:abc_DEF-1"
          api-url: http://127.0.0.1:8088/
          owners: [5, 7, 5]
        smsc:
          base-url: https://smscentre.com
          login: acme
          password-file: pw.txt
          timeout: 500ms
        cache:
          list-ttl: 5m
        gateway:
          lists-per-minute: 3
          creates-per-minute: 5
          max-in-flight: 14
          max-wait: 0s
          chat-refresh-interval: 2m
        watch:
          interval: 1h
        storage:
          database: /var/lib/bot/x.db
        audit:
          retention: 30d
        http:
          enabled: false
          bind: 0.0.0.0
          port: 9000
        logging:
          format: json
        """);
    assertEquals("123:abc_DEF-1", c.telegram().token().reveal());
    assertEquals(
        URI.create("http://127.0.0.1:8088"), c.telegram().apiUrl(), "trailing slash dropped");
    assertEquals(List.of(5L, 7L), c.telegram().owners(), "duplicates dropped, order kept");
    assertEquals(URI.create("https://smscentre.com"), c.smsc().baseUrl());
    assertEquals("acme", c.smsc().login());
    assertEquals("from-file", c.smsc().password().reveal(), "password file stripped");
    assertEquals(Duration.ofMillis(500), c.smsc().timeout());
    assertEquals(Duration.ofMinutes(5), c.cache().listTtl());
    assertEquals(new Config.Gateway(3, 5, 14, Duration.ZERO, Duration.ofMinutes(2)), c.gateway());
    assertEquals(Duration.ofHours(1), c.watch().interval());
    assertEquals(Path.of("/var/lib/bot/x.db"), c.storage().database());
    assertEquals(Duration.ofDays(30), c.audit().retention());
    assertEquals(new Config.Http(false, "0.0.0.0", 9000), c.http());
    assertEquals("json", c.logging().format());
    c.validateForRun();
  }

  @Test
  void ownersMayBeACommaSeparatedString() throws IOException {
    assertEquals(
        List.of(1L, 2L, 3L), load("telegram:\n  owners: \"1, 2,3,\"\n").telegram().owners());
  }

  @Test
  void emptyFileGivesTheDefaults() throws IOException {
    assertEquals(Config.defaults(), load(""));
    assertEquals(Config.defaults(), load("# only a comment\ntelegram:\n"));
  }

  // ---- where the file comes from

  @Test
  void explicitFileWinsOverTheEnvironmentVariable() throws IOException {
    Path a = write("a.yml", "http:\n  port: 1111\n");
    write("b.yml", "http:\n  port: 2222\n");
    ConfigLoader l = new ConfigLoader(Map.of(ConfigLoader.CONFIG_ENV, "b.yml"), dir);
    assertEquals(1111, l.load(a).http().port());
    assertEquals(2222, l.load(null).http().port());
  }

  @Test
  void defaultFileIsReadWhenItExistsAndDefaultsOtherwise() throws IOException {
    ConfigLoader l = new ConfigLoader(Map.of(), dir);
    assertEquals(Optional.empty(), l.locate(null));
    assertEquals(Config.defaults(), l.load(null));
    Files.createDirectories(dir.resolve("config"));
    write("config/senders-bot.yml", "http:\n  port: 3333\n");
    assertEquals(3333, l.load(null).http().port());
  }

  @Test
  void missingExplicitFileIsAnErrorNamingItAndWhereItCameFrom() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader(Map.of(), dir).load(Path.of("nope.yml")));
    assertTrue(
        e.getMessage().contains("nope.yml") && e.getMessage().contains("--config"), e.getMessage());
    ConfigException fromEnv =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of(ConfigLoader.CONFIG_ENV, "gone.yml"), dir).load(null));
    assertTrue(
        fromEnv.getMessage().contains("gone.yml")
            && fromEnv.getMessage().contains(ConfigLoader.CONFIG_ENV),
        fromEnv.getMessage());
  }

  // ---- environment overrides

  static Stream<Arguments> overrides() {
    return Stream.of(
        Arguments.of(
            "TELEGRAM_BOT_TOKEN",
            "999:fromEnv",
            (Function<Config, Object>) c -> c.telegram().token().reveal(),
            "999:fromEnv"),
        Arguments.of(
            "TELEGRAM_API_URL",
            "http://127.0.0.1:9999",
            (Function<Config, Object>) c -> c.telegram().apiUrl(),
            URI.create("http://127.0.0.1:9999")),
        Arguments.of(
            "SENDERS_BOT_OWNERS",
            " 10, 20 ",
            (Function<Config, Object>) c -> c.telegram().owners(),
            List.of(10L, 20L)),
        Arguments.of(
            "SMSC_BASE_URL",
            "http://127.0.0.1:18080",
            (Function<Config, Object>) c -> c.smsc().baseUrl(),
            URI.create("http://127.0.0.1:18080")),
        Arguments.of(
            "SMSC_LOGIN", "envlogin", (Function<Config, Object>) c -> c.smsc().login(), "envlogin"),
        Arguments.of(
            "SMSC_PASSWORD",
            "envpass",
            (Function<Config, Object>) c -> c.smsc().password().reveal(),
            "envpass"),
        Arguments.of(
            "WATCH_INTERVAL",
            "45s",
            (Function<Config, Object>) c -> c.watch().interval(),
            Duration.ofSeconds(45)),
        Arguments.of(
            "SENDERS_BOT_DATABASE",
            "/tmp/other.db",
            (Function<Config, Object>) c -> c.storage().database(),
            Path.of("/tmp/other.db")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overrides")
  void environmentOverridesTheFile(
      String var, String value, Function<Config, Object> read, Object expected) throws IOException {
    String file =
        """
        telegram:
          token: "111:fromFile"
          api-url: https://api.telegram.org
          owners: [1]
        smsc:
          base-url: https://smsc.ru
          login: filelogin
          password: filepass
        watch:
          interval: 2m
        storage:
          database: file.db
        """;
    Config fileOnly = load(file);
    assertFalse(expected.equals(read.apply(fileOnly)), "the file's value differs");
    assertEquals(expected, read.apply(load(file, Map.of(var, value))));
    assertEquals(
        read.apply(fileOnly), read.apply(load(file, Map.of(var, ""))), "empty counts as unset");
  }

  @Test
  void apiKeyComesFromTheEnvironment() throws IOException {
    Config c = load("smsc:\n  api-key: fileKey\n", Map.of("SMSC_API_KEY", "envKey"));
    assertEquals("envKey", c.smsc().apiKey().reveal());
    assertTrue(c.smsc().hasCredentials());
  }

  @Test
  void environmentOverridesApplyWithoutAFile() {
    Config c = new ConfigLoader(Map.of("SMSC_LOGIN", "x", "WATCH_INTERVAL", "90s"), dir).load(null);
    assertEquals("x", c.smsc().login());
    assertEquals(Duration.ofSeconds(90), c.watch().interval());
  }

  // An override replaces the file value, so a ${VAR} there that is not set must not matter.
  @Test
  void overriddenKeyDoesNotNeedItsFileVariable() throws IOException {
    Config c = load("smsc:\n  login: ${UNSET_LOGIN}\n", Map.of("SMSC_LOGIN", "envlogin"));
    assertEquals("envlogin", c.smsc().login());
  }

  // ---- ${VAR} substitution

  @Test
  void substitutesVariablesWithAndWithoutDefaults() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "example.org");
    env.put("EMPTY", "");
    Config c =
        load(
            """
        smsc:
          base-url: https://${HOST}/${NOPE:-api}
          login: ${EMPTY:-fallback}
        storage:
          database: $${literal}-${UNSET:-}x.db
        http:
          port: ${PORT:-9100}
        """,
            env);
    assertEquals(URI.create("https://example.org/api"), c.smsc().baseUrl());
    assertEquals("fallback", c.smsc().login(), ":- applies to an empty variable too");
    assertEquals(Path.of("${literal}-x.db"), c.storage().database());
    assertEquals(9100, c.http().port());
  }

  @Test
  void unsetVariableWithoutDefaultNamesTheKeyAndTheVariable() throws IOException {
    ConfigException e = failure("telegram:\n  token: ${MY_BOT_TOKEN}\n");
    assertEquals("telegram.token", e.key());
    assertTrue(e.getMessage().contains("MY_BOT_TOKEN"), e.getMessage());
  }

  @Test
  void unterminatedReferenceNamesTheKey() throws IOException {
    assertEquals("smsc.login", failure("smsc:\n  login: ${ABC\n").key());
  }

  @Test
  void emptySubstitutionLeavesTheKeyUnset() throws IOException {
    assertNull(load("telegram:\n  token: ${TELEGRAM_BOT_TOKEN:-}\n").telegram().token());
  }

  // ---- every kind of error names the key

  @Test
  void unknownKeyIsNamedWithASuggestion() throws IOException {
    ConfigException e = failure("telegram:\n  apiUrl: https://x.org\n");
    assertEquals("telegram.apiUrl", e.key());
    assertTrue(e.getMessage().contains("did you mean 'api-url'"), e.getMessage());
    ConfigException typo = failure("smsc:\n  pasword: x\n");
    assertEquals("smsc.pasword", typo.key());
    assertTrue(typo.getMessage().contains("'password'"), typo.getMessage());
  }

  @Test
  void unknownSectionIsNamed() throws IOException {
    ConfigException e = failure("telegrm:\n  token: x\n");
    assertEquals("telegrm", e.key());
    assertTrue(e.getMessage().contains("did you mean 'telegram'"), e.getMessage());
  }

  @Test
  void wrongTypesAreNamed() throws IOException {
    assertEquals("http.port", failure("http:\n  port: {a: 1}\n").key());
    assertEquals("smsc.login", failure("smsc:\n  login: [a, b]\n").key());
    assertEquals("http", failure("http: 8080\n").key());
    assertEquals("http.enabled", failure("http:\n  enabled: maybe\n").key());
    assertEquals("http.port", failure("http:\n  port: eighty\n").key());
    assertEquals("telegram.owners[1]", failure("telegram:\n  owners: [1, bob]\n").key());
    assertEquals("telegram.owners[0]", failure("telegram:\n  owners: [[1]]\n").key());
    ConfigException e = failure("http:\n  port: eighty\n");
    assertTrue(e.getMessage().contains("'eighty'"), "names the bad value: " + e.getMessage());
  }

  @Test
  void badDurationsAreNamedWithTheValue() throws IOException {
    ConfigException e = failure("smsc:\n  timeout: 20 seconds\n");
    assertEquals("smsc.timeout", e.key());
    assertTrue(
        e.getMessage().contains("'20 seconds'") && e.getMessage().contains("30s"), e.getMessage());
    // A bare number is the likeliest slip: YAML reads it as an int, and it has no unit.
    assertEquals("cache.list-ttl", failure("cache:\n  list-ttl: 60\n").key());
    assertEquals("gateway.max-wait", failure("gateway:\n  max-wait: 1d\n").key());
  }

  @Test
  void auditRetentionIsAYearByDefaultAndAtLeastADay() throws IOException {
    assertEquals(Duration.ofDays(365), load("").audit().retention());
    assertEquals(Duration.ofHours(48), load("audit:\n  retention: 48h\n").audit().retention());
    ConfigException e = failure("audit:\n  retention: 12h\n");
    assertEquals("audit.retention", e.key());
    assertTrue(
        e.getMessage().contains("'12h'") || e.getMessage().contains("out of range"),
        e.getMessage());
    assertTrue(
        Config.defaults().describe().contains("retention: 365d"), Config.defaults().describe());
  }

  @Test
  void badDurationFromTheEnvironmentSaysWhereItCameFrom() throws IOException {
    ConfigException e = failure("", Map.of("WATCH_INTERVAL", "often"));
    assertEquals("watch.interval", e.key());
    assertTrue(
        e.getMessage().contains("WATCH_INTERVAL") && e.getMessage().contains("'often'"),
        e.getMessage());
  }

  @Test
  void outOfRangeValuesAreNamedWithTheirRange() throws IOException {
    ConfigException lists = failure("gateway:\n  lists-per-minute: 4\n");
    assertEquals("gateway.lists-per-minute", lists.key());
    assertTrue(lists.getMessage().contains("between 1 and 3"), lists.getMessage());
    assertEquals(
        "gateway.creates-per-minute", failure("gateway:\n  creates-per-minute: 6\n").key());
    assertEquals(
        "gateway.creates-per-minute", failure("gateway:\n  creates-per-minute: 0\n").key());
    assertEquals("gateway.max-in-flight", failure("gateway:\n  max-in-flight: 15\n").key());
    assertEquals(
        "gateway.chat-refresh-interval", failure("gateway:\n  chat-refresh-interval: 0s\n").key());
    assertEquals(
        "gateway.chat-refresh-interval", failure("gateway:\n  chat-refresh-interval: 2h\n").key());
    assertEquals("http.port", failure("http:\n  port: 70000\n").key());
    assertEquals("smsc.timeout", failure("smsc:\n  timeout: 10m\n").key());
    assertEquals("telegram.owners[0]", failure("telegram:\n  owners: [-100123]\n").key());
  }

  // Why: an anonymous group admin's /id shows Telegram's stand-in for every anonymous admin;
  // made an owner, it would give every anonymous admin of every group the owners' rights.
  @Test
  void telegramsStandInSendersCannotBeOwners() throws IOException {
    for (String id : new String[] {"1087968824", "136817688", "777000"}) {
      ConfigException e = failure("telegram:\n  owners: [5, " + id + "]\n");
      assertEquals("telegram.owners[1]", e.key(), id);
      assertTrue(e.getMessage().contains(id), e.getMessage());
      assertTrue(e.getMessage().contains("private chat"), e.getMessage());
    }
  }

  @Test
  void badUrlsAndFormatsAreNamed() throws IOException {
    assertEquals("smsc.base-url", failure("smsc:\n  base-url: ftp://smsc.ru\n").key());
    assertEquals("smsc.base-url", failure("smsc:\n  base-url: smsc.ru\n").key());
    assertEquals("telegram.api-url", failure("telegram:\n  api-url: http://h:1/prefix\n").key());
    assertEquals("http.bind", failure("http:\n  bind: 'a b'\n").key());
    assertEquals("logging.format", failure("logging:\n  format: xml\n").key());
  }

  @Test
  void watchIntervalBelowTheBudgetIsRefusedSayingWhy() throws IOException {
    ConfigException e = failure("watch:\n  interval: 10s\n");
    assertEquals("watch.interval", e.key());
    assertTrue(
        e.getMessage().contains("lists-per-minute")
            && e.getMessage().contains("30s")
            && e.getMessage().contains("error 9"),
        e.getMessage());
    assertEquals(Duration.ofSeconds(30), load("watch:\n  interval: 30s\n").watch().interval());
    // With one list a minute the floor rises to a minute.
    assertEquals(
        "watch.interval",
        failure("gateway:\n  lists-per-minute: 1\nwatch:\n  interval: 45s\n").key());
  }

  @Test
  void unreadablePasswordFileNamesTheKeyAndThePath() throws IOException {
    ConfigException e = failure("smsc:\n  password-file: secrets/missing.txt\n");
    assertEquals("smsc.password-file", e.key());
    assertTrue(
        e.getMessage().contains(dir.resolve("secrets/missing.txt").toString()), e.getMessage());
    Files.writeString(dir.resolve("empty.txt"), " \n");
    assertEquals("smsc.password-file", failure("smsc:\n  password-file: empty.txt\n").key());
    assertEquals("smsc.password-file", failure("smsc:\n  password-file: " + dir + "\n").key());
  }

  @Test
  void passwordAndPasswordFileTogetherAreRefused() throws IOException {
    Files.writeString(dir.resolve("pw.txt"), "x");
    assertEquals(
        "smsc.password-file", failure("smsc:\n  password: a\n  password-file: pw.txt\n").key());
    ConfigException e = failure("smsc:\n  password-file: pw.txt\n", Map.of("SMSC_PASSWORD", "b"));
    assertTrue(e.getMessage().contains("SMSC_PASSWORD"), e.getMessage());
  }

  @Test
  void apiKeyTogetherWithLoginIsRefused() throws IOException {
    assertEquals("smsc.api-key", failure("smsc:\n  login: a\n  api-key: k\n").key());
  }

  @Test
  void malformedTokenIsRefused() throws IOException {
    assertEquals("telegram.token", failure("telegram:\n  token: not-a-token\n").key());
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    ConfigException e =
        failure("http:\n  port: x\n  bind: 'a b'\nwatch:\n  interval: 1s\nfoo: 1\n");
    assertEquals(
        Set.of("http.bind", "http.port", "watch.interval", "foo"),
        e.problems().stream().map(ConfigException.Problem::key).collect(Collectors.toSet()));
  }

  @Test
  void yamlSyntaxErrorGivesTheLine() throws IOException {
    ConfigException e = failure("http:\n  port: 1\n bind: x\n");
    assertNull(e.key());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void duplicateKeyIsAnError() throws IOException {
    ConfigException e = failure("http:\n  port: 1\n  port: 2\n");
    assertTrue(
        e.getMessage().contains("duplicate key") && e.getMessage().contains("port"),
        e.getMessage());
  }

  // ---- run requirements

  @Test
  void runRequirementsNameEachMissingKey() {
    Config none = Config.defaults();
    assertEquals(
        List.of("telegram.token", "telegram.owners", "smsc.login"),
        none.runProblems().stream().map(ConfigException.Problem::key).toList());
    assertThrows(ConfigException.class, none::validateForRun);
  }

  @Test
  void loginWithoutPasswordNamesThePassword() throws IOException {
    Config c = load("telegram:\n  token: '1:a'\n  owners: [1]\nsmsc:\n  login: acme\n");
    ConfigException e = assertThrows(ConfigException.class, c::validateForRun);
    assertEquals("smsc.password", e.key());
  }

  @Test
  void apiKeyAloneIsEnoughToRun() throws IOException {
    load("telegram:\n  token: '1:a'\n  owners: [1]\nsmsc:\n  api-key: k\n").validateForRun();
  }
}
