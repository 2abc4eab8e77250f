package dev.sendersbot.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the configuration: the YAML file, then {@code ${VAR}} substitution, then the environment
 * overrides, then validation of every key. Either a complete {@link Config} comes out or a {@link
 * ConfigException} listing every problem, each naming its key.
 *
 * <p>The environment is a map so tests can give their own; {@link #fromSystem()} uses the real one.
 */
public final class ConfigLoader {
  /** The environment variable that names the configuration file when {@code --config} is absent. */
  public static final String CONFIG_ENV = "SENDERS_BOT_CONFIG";

  /** Read when neither {@code --config} nor {@link #CONFIG_ENV} names a file, if it exists. */
  public static final Path DEFAULT_FILE = Path.of("config", "senders-bot.yml");

  static final URI DEFAULT_TELEGRAM_API_URL = URI.create("https://api.telegram.org");
  static final URI DEFAULT_SMSC_BASE_URL = URI.create("https://smsc.ru");
  static final Duration DEFAULT_SMSC_TIMEOUT = Duration.ofSeconds(20);
  static final Duration DEFAULT_LIST_TTL = Duration.ofSeconds(60);
  static final int DEFAULT_LISTS_PER_MINUTE = 2;
  static final int DEFAULT_CREATES_PER_MINUTE = 4;
  static final int DEFAULT_MAX_IN_FLIGHT = 4;
  static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);
  static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(60);
  static final Path DEFAULT_DATABASE = Path.of("data", "senders-bot.db");
  static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(365);
  static final boolean DEFAULT_HTTP_ENABLED = true;
  static final String DEFAULT_HTTP_BIND = "127.0.0.1";
  static final int DEFAULT_HTTP_PORT = 8081;
  static final String DEFAULT_LOGGING_FORMAT = "text";

  /** The shortest watch interval whatever the budget: the provider's own list limit. */
  static final Duration MIN_WATCH_INTERVAL = Duration.ofSeconds(30);

  private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+");
  private static final long MAX_PASSWORD_FILE_BYTES = 4096;

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Map<String, String> env;
  private final Path workDir;

  /**
   * @param env the environment: overrides and {@code ${VAR}} values come from here
   * @param workDir relative paths (the configuration file, {@code smsc.password-file}) resolve here
   */
  public ConfigLoader(Map<String, String> env, Path workDir) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.workDir = workDir.toAbsolutePath();
  }

  /** The process environment and working directory. */
  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv(), Path.of(""));
  }

  /** The built-in defaults: what an empty file and an empty environment give. */
  public static Config defaults() {
    return new ConfigLoader(Map.of(), Path.of("")).build(null);
  }

  /**
   * Which file to read: {@code explicitFile} (from {@code --config}) if given, else the file {@link
   * #CONFIG_ENV} names, else {@link #DEFAULT_FILE} if it exists, else none (defaults only). A file
   * named explicitly must exist.
   *
   * @param explicitFile the {@code --config} argument, or null
   */
  public Optional<Path> locate(Path explicitFile) {
    if (explicitFile != null) {
      return Optional.of(requireFile(workDir.resolve(explicitFile), "--config"));
    }
    String fromEnv = env.get(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p;
      try {
        p = workDir.resolve(fromEnv.strip());
      } catch (InvalidPathException e) {
        throw new ConfigException(null, CONFIG_ENV + " is not a valid path: '" + fromEnv + "'");
      }
      return Optional.of(requireFile(p, CONFIG_ENV));
    }
    Path fallback = workDir.resolve(DEFAULT_FILE);
    return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  /**
   * Locates, reads and validates the configuration.
   *
   * @param explicitFile the {@code --config} argument, or null
   * @throws ConfigException naming every bad key
   */
  public Config load(Path explicitFile) {
    Optional<Path> file = locate(explicitFile);
    return file.isPresent() ? loadFile(file.get()) : loadWithoutFile();
  }

  /** No file: the built-in defaults with this loader's environment overrides, validated. */
  public Config loadWithoutFile() {
    return build(null);
  }

  /** Reads and validates one file, with this loader's environment. */
  public Config loadFile(Path file) {
    Path p = workDir.resolve(file);
    JsonNode root;
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      root = YAML.readTree(r);
    } catch (JsonProcessingException e) {
      throw new ConfigException(null, "configuration file " + p + " is not valid YAML" + yamlError(e));
    } catch (CharacterCodingException e) {
      throw new ConfigException(null, "configuration file " + p + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read configuration file " + p + ": " + reason(e));
    }
    return build(root);
  }

  private Config build(JsonNode root) {
    return new Build(root).config();
  }

  private static Path requireFile(Path p, String origin) {
    if (!Files.exists(p)) {
      throw new ConfigException(null, "configuration file " + p + " (from " + origin + ") does not exist");
    }
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(null, "configuration file " + p + " (from " + origin + ") is not a file");
    }
    return p;
  }

  // The parser's own message quotes the offending line, which may hold a secret: report only where
  // and what kind of error it is.
  private static String yamlError(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 1
            ? ""
            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String original = e.getOriginalMessage();
    if (original != null && original.startsWith("Duplicate field")) {
      return where + ": duplicate key " + original.substring("Duplicate field".length()).strip();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
        return where + ": " + m.getProblem();
      }
    }
    return where;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    return e.getClass().getSimpleName();
  }

  /**
   * A value as found: a scalar (already substituted) or a list, and the environment variable it
   * came from when an override supplied it.
   */
  private record Raw(String text, List<String> items, String envVar) {}

  /** One pass over the file and the environment, collecting every problem before failing. */
  private final class Build {
    private final Map<Key, Raw> raw = new EnumMap<>(Key.class);
    private final List<ConfigException.Problem> problems = new ArrayList<>();

    Build(JsonNode root) {
      for (Key k : Key.values()) {
        k.envVar()
            .map(env::get)
            .filter(v -> !v.isBlank())
            .ifPresent(v -> raw.put(k, new Raw(v.strip(), null, k.envVar().orElseThrow())));
      }
      if (root != null && !root.isMissingNode() && !root.isNull()) {
        walk(root);
      }
    }

    private void walk(JsonNode root) {
      if (!root.isObject()) {
        problem(null, "the file must be a mapping of sections (" + String.join(", ", Key.sections()) + ")");
        return;
      }
      for (Map.Entry<String, JsonNode> section : root.properties()) {
        String name = section.getKey();
        JsonNode node = section.getValue();
        if (!Key.sections().contains(name)) {
          problem(name, "unknown section" + didYouMean(name, Key.sections())
              + "; known sections: " + String.join(", ", Key.sections()));
        } else if (node.isNull()) {
          continue;
        } else if (!node.isObject()) {
          problem(name, "expected a mapping of keys (" + String.join(", ", Key.leaves(name))
              + "), got " + kind(node));
        } else {
          walkSection(name, node);
        }
      }
    }

    private void walkSection(String section, JsonNode node) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        Optional<Key> found = Key.find(section, e.getKey());
        if (found.isEmpty()) {
          List<String> known = Key.leaves(section);
          problem(section + "." + e.getKey(), "unknown key" + didYouMean(e.getKey(), known)
              + "; known keys in " + section + ": " + String.join(", ", known));
          continue;
        }
        Key k = found.get();
        JsonNode value = e.getValue();
        if (raw.containsKey(k) || value.isNull()) {
          continue; // an environment override wins, and its ${VAR}s are not needed
        }
        if (value.isObject()) {
          problem(k.path(), "expected a single value, got a mapping");
        } else if (value.isArray() && !k.listAllowed()) {
          problem(k.path(), "expected a single value, got a list");
        } else if (value.isArray()) {
          List<String> items = new ArrayList<>();
          for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isContainerNode()) {
              problem(k.path() + "[" + i + "]", "expected a single value, got " + kind(item));
            } else if (!item.isNull()) {
              String s = substitute(k, item.asText());
              items.add(s == null ? "" : s);
            }
          }
          raw.put(k, new Raw(null, items, null));
        } else {
          String s = substitute(k, value.asText());
          if (s != null && !s.isBlank()) {
            raw.put(k, new Raw(s.strip(), null, null));
          }
        }
      }
    }

    /** {@code ${VAR}}, {@code ${VAR:-default}} and {@code $${} for a literal; null after a problem. */
    private String substitute(Key k, String text) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        if (text.startsWith("$${", i)) {
          out.append("${");
          i += 3;
        } else if (text.startsWith("${", i)) {
          int end = text.indexOf('}', i + 2);
          if (end < 0) {
            problem(k.path(), "'${' without a closing '}'; write $${ for a literal ${");
            return null;
          }
          String body = text.substring(i + 2, end);
          int sep = body.indexOf(":-");
          String name = sep < 0 ? body : body.substring(0, sep);
          String fallback = sep < 0 ? null : body.substring(sep + 2);
          if (!VAR_NAME.matcher(name).matches()) {
            problem(k.path(), k.secret()
                ? "a ${...} reference with an invalid variable name"
                : "'${" + name + "}' is not a valid variable reference");
            return null;
          }
          String value = env.get(name);
          if (value == null || (value.isEmpty() && fallback != null)) {
            if (fallback == null) {
              problem(k.path(), "environment variable " + name + " is not set (referenced as ${"
                  + name + "}; write ${" + name + ":-default} to make it optional)");
              return null;
            }
            value = fallback;
          }
          out.append(value);
          i = end + 1;
        } else {
          out.append(text.charAt(i));
          i++;
        }
      }
      return out.toString();
    }

    Config config() {
      String token = text(Key.TELEGRAM_TOKEN);
      if (token != null && !TOKEN.matcher(token).matches()) {
        bad(Key.TELEGRAM_TOKEN, "is not a bot token: expected <bot id>:<secret>, as @BotFather gives it");
        token = null;
      }
      var telegram = new Config.Telegram(
          Secret.ofNullable(token),
          url(Key.TELEGRAM_API_URL, DEFAULT_TELEGRAM_API_URL, false),
          owners());

      String login = text(Key.SMSC_LOGIN);
      Secret password = Secret.ofNullable(text(Key.SMSC_PASSWORD));
      if (raw.containsKey(Key.SMSC_PASSWORD_FILE)) {
        if (password != null) {
          problem(Key.SMSC_PASSWORD_FILE.path(), "set either smsc.password" + from(Key.SMSC_PASSWORD)
              + " or smsc.password-file, not both");
        } else {
          password = passwordFile();
        }
      }
      Secret apiKey = Secret.ofNullable(text(Key.SMSC_API_KEY));
      if (apiKey != null && (login != null || password != null)) {
        problem(Key.SMSC_API_KEY.path(), "set either smsc.api-key" + from(Key.SMSC_API_KEY)
            + " or smsc.login with smsc.password, not both");
      }
      var smsc = new Config.Smsc(
          url(Key.SMSC_BASE_URL, DEFAULT_SMSC_BASE_URL, true),
          login,
          password,
          apiKey,
          duration(Key.SMSC_TIMEOUT, DEFAULT_SMSC_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)));

      var cache = new Config.Cache(
          duration(Key.CACHE_LIST_TTL, DEFAULT_LIST_TTL, Duration.ofSeconds(1), Duration.ofHours(1)));

      var gateway = new Config.Gateway(
          integer(Key.GATEWAY_LISTS_PER_MINUTE, DEFAULT_LISTS_PER_MINUTE, 1, 3),
          integer(Key.GATEWAY_CREATES_PER_MINUTE, DEFAULT_CREATES_PER_MINUTE, 1, 5),
          integer(Key.GATEWAY_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT, 1, 14),
          duration(Key.GATEWAY_MAX_WAIT, DEFAULT_MAX_WAIT, Duration.ZERO, Duration.ofSeconds(60)),
          duration(Key.GATEWAY_CHAT_REFRESH_INTERVAL, Config.Gateway.DEFAULT_CHAT_REFRESH_INTERVAL,
              Duration.ofSeconds(1), Duration.ofHours(1)));

      var watch = new Config.Watch(watchInterval(gateway.listsPerMinute()));

      var storage = new Config.Storage(path(Key.STORAGE_DATABASE, DEFAULT_DATABASE));

      var audit = new Config.Audit(duration(Key.AUDIT_RETENTION, DEFAULT_AUDIT_RETENTION,
          Duration.ofDays(1), Duration.ofDays(36_500)));

      String bind = text(Key.HTTP_BIND);
      if (bind != null && !HOST.matcher(bind).matches()) {
        bad(Key.HTTP_BIND, "is not an IP address or host name");
        bind = null;
      }
      var http = new Config.Http(
          bool(Key.HTTP_ENABLED, DEFAULT_HTTP_ENABLED),
          bind == null ? DEFAULT_HTTP_BIND : bind,
          integer(Key.HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65535));

      String format = text(Key.LOGGING_FORMAT);
      if (format != null && !format.equals("text") && !format.equals("json")) {
        bad(Key.LOGGING_FORMAT, "is not a log format; use text or json");
        format = null;
      }
      var logging = new Config.Logging(format == null ? DEFAULT_LOGGING_FORMAT : format);

      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new Config(telegram, smsc, cache, gateway, watch, storage, http, logging, audit);
    }

    // The watcher's list requests count against the identical-list budget; polling faster than
    // the budget refills would leave the chats nothing but stale answers and error 9.
    private Duration watchInterval(int listsPerMinute) {
      Duration floor = Duration.ofSeconds(Math.max(MIN_WATCH_INTERVAL.toSeconds(), 60 / listsPerMinute));
      Duration d = duration(Key.WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL, Duration.ZERO, Duration.ofHours(24));
      if (d.compareTo(floor) < 0) {
        bad(Key.WATCH_INTERVAL, "is too short: every poll is a list request counted against the"
            + " provider's limit, and with gateway.lists-per-minute = " + listsPerMinute
            + " the watcher cannot poll more often than every " + Durations.format(floor)
            + " without running into error 9; use " + Durations.format(floor) + " or more");
        return DEFAULT_WATCH_INTERVAL;
      }
      return d;
    }

    private Secret passwordFile() {
      Raw r = raw.get(Key.SMSC_PASSWORD_FILE);
      String key = Key.SMSC_PASSWORD_FILE.path();
      if (r.text() == null) {
        return null;
      }
      Path p;
      try {
        p = workDir.resolve(r.text());
      } catch (InvalidPathException e) {
        bad(Key.SMSC_PASSWORD_FILE, "is not a valid path");
        return null;
      }
      try {
        if (!Files.isRegularFile(p)) {
          problem(key, "cannot read " + p + ": " + (Files.exists(p) ? "not a regular file" : "no such file"));
          return null;
        }
        if (Files.size(p) > MAX_PASSWORD_FILE_BYTES) {
          problem(key, p + " is larger than " + MAX_PASSWORD_FILE_BYTES + " bytes; is it the password file?");
          return null;
        }
        String content = Files.readString(p, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
          problem(key, p + " is empty");
          return null;
        }
        if (content.contains("\n") || content.contains("\r")) {
          problem(key, p + " has more than one line; it must hold the password alone");
          return null;
        }
        return Secret.ofNullable(content);
      } catch (IOException e) {
        problem(key, "cannot read " + p + ": " + reason(e));
        return null;
      }
    }

    private List<Long> owners() {
      Key k = Key.TELEGRAM_OWNERS;
      Raw r = raw.get(k);
      if (r == null) {
        return List.of();
      }
      List<String> items = r.items() != null ? r.items() : List.of(r.text().split(","));
      Set<Long> owners = new LinkedHashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i).strip();
        if (item.isEmpty()) {
          continue;
        }
        String key = r.items() != null ? k.path() + "[" + i + "]" : k.path();
        long id;
        try {
          id = Long.parseLong(item);
        } catch (NumberFormatException e) {
          problem(key, "'" + item + "'" + from(k) + " is not a Telegram user id (a whole number)");
          continue;
        }
        if (id <= 0) {
          problem(key, "'" + item + "'" + from(k) + " is not a Telegram user id: user ids are positive"
              + " (negative ids are groups, which cannot be owners)");
          continue;
        }
        owners.add(id);
      }
      return List.copyOf(owners);
    }

    private String text(Key k) {
      Raw r = raw.get(k);
      if (r == null) {
        return null;
      }
      return r.text();
    }

    private Duration duration(Key k, Duration def, Duration min, Duration max) {
      String t = text(k);
      if (t == null) {
        return def;
      }
      Optional<Duration> d = Durations.parse(t);
      if (d.isEmpty()) {
        bad(k, "is not a duration; write it as 500ms, 30s, 5m, 1h or 365d");
        return def;
      }
      if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
        bad(k, "is out of range: it must be between " + Durations.format(min) + " and "
            + Durations.format(max));
        return def;
      }
      return d.get();
    }

    private int integer(Key k, int def, int min, int max) {
      String t = text(k);
      if (t == null) {
        return def;
      }
      long n;
      try {
        n = Long.parseLong(t);
      } catch (NumberFormatException e) {
        bad(k, "is not a whole number");
        return def;
      }
      if (n < min || n > max) {
        bad(k, "is out of range: it must be between " + min + " and " + max);
        return def;
      }
      return (int) n;
    }

    private boolean bool(Key k, boolean def) {
      String t = text(k);
      if (t == null) {
        return def;
      }
      return switch (t.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          bad(k, "is not true or false");
          yield def;
        }
      };
    }

    private Path path(Key k, Path def) {
      String t = text(k);
      if (t == null) {
        return def;
      }
      try {
        return Path.of(t);
      } catch (InvalidPathException e) {
        bad(k, "is not a valid path");
        return def;
      }
    }

    private URI url(Key k, URI def, boolean pathAllowed) {
      String t = text(k);
      if (t == null) {
        return def;
      }
      String s = t;
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      URI u;
      try {
        u = new URI(s);
      } catch (URISyntaxException e) {
        urlProblem(k, t, "is not a URL");
        return def;
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        urlProblem(k, t, "is not an http or https URL");
        return def;
      }
      if (u.getRawUserInfo() != null) {
        urlProblem(k, t, "must not carry credentials; set them in their own keys");
        return def;
      }
      if (u.getHost() == null) {
        urlProblem(k, t, "has no host name");
        return def;
      }
      if (u.getRawQuery() != null || u.getRawFragment() != null) {
        urlProblem(k, t, "must not have a query or fragment");
        return def;
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      if (!pathAllowed && !path.isEmpty()) {
        urlProblem(k, t, "must be scheme, host and port only, without a path");
        return def;
      }
      return URI.create(scheme + "://" + u.getRawAuthority() + path);
    }

    private void urlProblem(Key k, String value, String what) {
      problem(k.path(), "'" + safeUrl(value) + "'" + from(k) + " " + what);
    }

    /** "'value' (from VAR) what", or without the value for a secret key. */
    private void bad(Key k, String what) {
      String shown = k.secret() ? "the value (not shown)" : "'" + text(k) + "'";
      problem(k.path(), shown + from(k) + " " + what);
    }

    private String from(Key k) {
      Raw r = raw.get(k);
      return r != null && r.envVar() != null ? " (from " + r.envVar() + ")" : "";
    }

    private void problem(String key, String message) {
      problems.add(new ConfigException.Problem(key, message));
    }
  }

  /** A URL as it may be quoted in a message: no user info, query or fragment. */
  static String safeUrl(String text) {
    String s = text;
    int cut = -1;
    for (char c : new char[] {'?', '#'}) {
      int i = s.indexOf(c);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
      }
    }
    if (cut >= 0) {
      s = s.substring(0, cut) + "?…";
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      int start = s.indexOf("//");
      start = start < 0 ? 0 : start + 2;
      if (at >= start) {
        s = s.substring(0, start) + "…@" + s.substring(at + 1);
      }
    }
    return s;
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a single value";
  }

  private static String didYouMean(String given, List<String> known) {
    String norm = given.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (k.replace("-", "").equals(norm)) {
        return " (did you mean '" + k + "'?)";
      }
      int d = distance(given.toLowerCase(Locale.ROOT), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
