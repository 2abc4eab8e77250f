package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.config.Key;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/compose-ha.yml has never run (no Docker where it was written), so what it relies on is
 * checked here against the bot and the Dockerfile: the variables it sets are ones the bot reads,
 * the replicas' effective configuration loads and is valid for {@code run}, both replicas use one
 * database, PostgreSQL's own settings are that database's, the ports line up (the webhook behind
 * the proxy, {@code /healthz} under the image's HEALTHCHECK), and no secret is written in it.
 *
 * <p>Read with Jackson's YAML reader, as the configuration is. It gives a merge key ({@code <<:
 * *replica}) as the anchor's name; the merge is resolved here as Compose does it (the service's own
 * keys over the anchored mapping's).
 */
class ComposeFileTest {
  private static final Path COMPOSE = Path.of("docs", "compose-ha.yml");
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final List<String> REPLICAS = List.of("bot-a", "bot-b");

  /** Variables the bot reads that are no configuration key's override. */
  private static final Set<String> READ_ELSEWHERE =
      Set.of(
          ConfigLoader.CONFIG_ENV, // which file, read by the loader
          "LOG_FORMAT"); // read by the log set-up (Key.LOGGING_FORMAT says why)

  @TempDir Path dir;

  private String text;
  private JsonNode compose;
  private String dockerfile;

  @BeforeEach
  void read() throws IOException {
    text = Files.readString(COMPOSE);
    compose =
        YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readTree(text);
    dockerfile = Files.readString(DOCKERFILE);
  }

  /** A service with its merge key resolved. */
  private JsonNode service(String name) {
    JsonNode s = compose.path("services").path(name);
    assertTrue(s.isObject(), "service " + name);
    JsonNode merge = s.get("<<");
    if (merge == null) {
      return s;
    }
    ObjectNode merged = ((ObjectNode) anchored(merge.asText())).deepCopy();
    s.properties().stream()
        .filter(e -> !e.getKey().equals("<<"))
        .forEach(e -> merged.set(e.getKey(), e.getValue()));
    return merged;
  }

  /** The top-level mapping written {@code key: &anchor}. */
  private JsonNode anchored(String anchor) {
    Matcher m =
        Pattern.compile("(?m)^([\\w.-]+): &" + Pattern.quote(anchor) + "\\s*$").matcher(text);
    assertTrue(m.find(), "anchor &" + anchor + " at the top level");
    return compose.get(m.group(1));
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    service
        .path("environment")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  private static Set<String> keyVariables() {
    return Arrays.stream(Key.values())
        .flatMap(k -> k.envVar().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyVariableTheReplicasAreGivenIsOneTheBotReads() {
    Set<String> known = new TreeSet<>(keyVariables());
    known.addAll(READ_ELSEWHERE);
    for (String replica : REPLICAS) {
      for (String var : environment(service(replica)).keySet()) {
        assertTrue(known.contains(var), replica + " sets " + var + ", which the bot never reads");
      }
    }
    // The env file's variables, as the header lists them.
    Matcher listed =
        Pattern.compile("senders-bot\\.env,.*?holds(.*?)\\(https", Pattern.DOTALL).matcher(text);
    assertTrue(listed.find(), "the header says what senders-bot.env holds");
    Matcher var = Pattern.compile("\\b[A-Z][A-Z0-9_]{3,}\\b").matcher(listed.group(1));
    int count = 0;
    while (var.find()) {
      assertTrue(keyVariables().contains(var.group()), "senders-bot.env's " + var.group());
      count++;
    }
    assertTrue(count >= 5, "the env file's variables: " + listed.group(1));
  }

  @Test
  void theReplicasEffectiveConfigurationLoadsAndRunsOnTheSharedPostgres() throws IOException {
    for (String replica : REPLICAS) {
      Config c = effectiveConfig(replica);
      assertTrue(c.storage().postgres(), replica + ": " + c.storage());
      assertEquals(
          "jdbc:postgresql://postgres:5432/senders_bot", c.storage().url(), replica + " storage");
      assertEquals("db-password-from-the-secret", c.storage().password().reveal(), replica);
      assertEquals("webhook", c.telegram().webhook().mode(), replica);
      assertEquals(
          "webhook-secret-from-the-secret", c.telegram().webhook().secret().reveal(), replica);
    }
    assertEquals(
        effectiveConfig("bot-a").storage(), effectiveConfig("bot-b").storage(), "one database");
  }

  @Test
  void postgresIsTheDatabaseAndLoginTheReplicasUse() throws IOException {
    JsonNode pg = service("postgres");
    Map<String, String> pgEnv = environment(pg);
    Config bot = effectiveConfig("bot-a");
    URI url = URI.create(bot.storage().url().substring("jdbc:".length()));
    assertEquals("postgres", url.getHost(), "the replicas reach the service by its name");
    assertEquals(5432, url.getPort());
    assertEquals("/" + pgEnv.get("POSTGRES_DB"), url.getPath());
    assertEquals(pgEnv.get("POSTGRES_USER"), bot.storage().user());
    // One secret for both sides: PostgreSQL sets the password from it, the replicas log in with it.
    String pgFile = pgEnv.get("POSTGRES_PASSWORD_FILE");
    String botFile = environment(service("bot-a")).get("SENDERS_BOT_DATABASE_PASSWORD_FILE");
    assertEquals(pgFile, botFile);
    String secret = pgFile.substring("/run/secrets/".length());
    assertTrue(secrets(pg).contains(secret), "postgres mounts " + secret);
    for (String replica : REPLICAS) {
      assertTrue(secrets(service(replica)).contains(secret), replica + " mounts " + secret);
    }
    String check = pg.path("healthcheck").path("test").toString();
    assertTrue(
        check.contains("-U " + pgEnv.get("POSTGRES_USER"))
            && check.contains("-d " + pgEnv.get("POSTGRES_DB")),
        check);
  }

  @Test
  void theCommandIsTheImagesRunWithTheInlineConfiguration() {
    assertTrue(
        dockerfile.contains("\"-jar\", \"/app/senders-bot.jar\"]"),
        "the image's entrypoint runs the jar, so a command is the bot's arguments");
    for (String replica : REPLICAS) {
      JsonNode s = service(replica);
      assertEquals("senders-bot", s.path("image").asText(), "the image the Dockerfile builds");
      List<String> command = new ArrayList<>();
      s.path("command").forEach(a -> command.add(a.asText()));
      CommandLine.ParseResult parsed =
          new CommandLine(
                  new SendersBotCommand(
                      new CliContext(
                          Map.of(),
                          dir,
                          new PrintWriter(new StringWriter()),
                          new PrintWriter(new StringWriter()))))
              .parseArgs(command.toArray(String[]::new));
      assertNotNull(parsed.subcommand(), replica + ": " + command);
      assertEquals("run", parsed.subcommand().commandSpec().name(), replica + ": " + command);
      String file = String.valueOf(parsed.subcommand().matchedOptionValue("--config", (Path) null));
      JsonNode mounted = s.path("configs").get(0);
      assertEquals(file, mounted.path("target").asText(), replica + " reads the mounted config");
      assertTrue(
          compose.path("configs").path(mounted.path("source").asText()).has("content"),
          "the config " + mounted.path("source").asText() + " is inline");
    }
  }

  @Test
  void thePortsLineUpWithTheProxyAndTheImagesHealthCheck() throws IOException {
    Config c = effectiveConfig("bot-a");
    int webhook = c.telegram().webhook().port();
    assertEquals(
        "0.0.0.0", c.telegram().webhook().bind(), "the proxy reaches it over the compose network");
    String caddy = compose.path("configs").path("caddyfile").path("content").asText();
    for (String replica : REPLICAS) {
      assertTrue(caddy.contains(replica + ":" + webhook), "the proxy forwards to " + replica);
    }
    // The bot serves the webhook URL's own path: the proxy must pass it on unchanged.
    assertTrue(caddy.contains("handle {$WEBHOOK_PATH}"), caddy);
    assertFalse(caddy.contains("handle_path"), "handle_path would strip the path: " + caddy);
    // /healthz: where the image's HEALTHCHECK asks, inside the container.
    assertTrue(
        dockerfile.contains("http://127.0.0.1:" + c.http().port() + "/healthz"),
        "HEALTHCHECK asks http.port " + c.http().port());
    assertTrue(dockerfile.contains("EXPOSE " + c.http().port()));
    assertTrue(c.http().enabled());
    assertTrue(
        c.http().bind().equals("127.0.0.1") || c.http().bind().equals("0.0.0.0"), c.http().bind());
  }

  @Test
  void noSecretIsWrittenInTheFileAndTheSecretFilesStayOutOfGit() throws IOException {
    Set<String> secretVariables =
        Arrays.stream(Key.values())
            .filter(Key::secret)
            .flatMap(k -> k.envVar().stream())
            .collect(Collectors.toSet());
    for (String name : List.of("postgres", "bot-a", "bot-b", "proxy")) {
      for (Map.Entry<String, String> e : environment(service(name)).entrySet()) {
        String var = e.getKey();
        assertFalse(secretVariables.contains(var), name + " writes secret " + var + " in the file");
        if (var.matches(".*(PASSWORD|SECRET|TOKEN|API_KEY).*")) {
          assertTrue(
              var.endsWith("_FILE") && e.getValue().startsWith("/run/secrets/"),
              name + ": " + var + " must name a mounted secret, not hold one");
        }
      }
    }
    String gitignore = Files.readString(Path.of(".gitignore"));
    compose
        .path("secrets")
        .properties()
        .forEach(
            e -> {
              String file = e.getValue().path("file").asText();
              assertFalse(file.isEmpty(), "secret " + e.getKey() + " comes from a file");
              Path onDisk = COMPOSE.getParent().resolve(file).normalize();
              assertFalse(Files.exists(onDisk), onDisk + " must not be in the repository");
              assertTrue(
                  gitignore.lines().anyMatch(l -> onDisk.startsWith(l.replaceAll("/$", ""))),
                  ".gitignore keeps " + onDisk + " out of git");
            });
    String envFile =
        COMPOSE
            .getParent()
            .resolve(service("bot-a").path("env_file").asText())
            .normalize()
            .toString();
    assertTrue(
        gitignore.lines().anyMatch(l -> l.equals("/" + envFile)), ".gitignore has /" + envFile);
  }

  private static Set<String> secrets(JsonNode service) {
    Set<String> s = new TreeSet<>();
    service
        .path("secrets")
        .forEach(n -> s.add(n.isObject() ? n.path("source").asText() : n.asText()));
    return s;
  }

  /**
   * What {@code run} in the replica's container loads: the image's environment, the service's over
   * it, the env file's variables (stand-ins), the secrets as files, and the inline configuration.
   */
  private Config effectiveConfig(String replica) throws IOException {
    JsonNode s = service(replica);
    Map<String, String> env = new HashMap<>(imageEnvironment());
    env.putAll(environment(s));
    env.putAll(
        Map.of(
            "TELEGRAM_BOT_TOKEN", "123456:stand-in-token-of-the-env-file",
            "SENDERS_BOT_OWNERS", "4242",
            "SMSC_LOGIN", "team",
            "SMSC_PASSWORD", "stand-in",
            "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram/3f9c2a"));
    Map<String, String> secretContent =
        Map.of(
            "db-password", "db-password-from-the-secret",
            "telegram-webhook-secret", "webhook-secret-from-the-secret");
    for (String secret : secrets(s)) {
      Path f = dir.resolve("run-secrets").resolve(secret);
      Files.createDirectories(f.getParent());
      Files.writeString(f, secretContent.get(secret) + "\n");
    }
    env.replaceAll(
        (k, v) ->
            v.startsWith("/run/secrets/")
                ? dir.resolve("run-secrets")
                    .resolve(v.substring("/run/secrets/".length()))
                    .toString()
                : v);
    JsonNode mounted = s.path("configs").get(0);
    Path file = dir.resolve(replica + ".yml");
    Files.writeString(
        file,
        compose.path("configs").path(mounted.path("source").asText()).path("content").asText());
    return new ConfigLoader(env, dir).loadFile(file).validateForRun();
  }

  /** The Dockerfile's ENV lines. */
  private Map<String, String> imageEnvironment() {
    Map<String, String> env = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^ENV ((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
    while (m.find()) {
      for (String pair : m.group(1).replace("\\\n", " ").trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    assertTrue(env.containsKey("SENDERS_BOT_DATABASE"), "the image's ENV: " + env);
    return env;
  }
}
