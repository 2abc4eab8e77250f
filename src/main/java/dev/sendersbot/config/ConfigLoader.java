package dev.sendersbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the configuration: the YAML file, then {@code ${VAR}} substitution, then the environment
 * overrides, then validation of every key. Either a complete {@link Config} comes out or a {@link
 * ConfigException} listing every problem, each naming its key.
 *
 * <p>The entry point only; the jobs are done by {@link ConfigLocator} (which file), {@link
 * ConfigFile} (YAML syntax), {@link TreeReader} (known keys, overrides, {@link Interpolation}),
 * {@link TypedValues} (types and ranges from {@link Key}), {@link PasswordFile} and {@link
 * ConfigAssembler} (the records and checks across keys).
 *
 * <p>The environment is a map so tests can give their own; {@link #fromSystem()} uses the real one.
 */
public final class ConfigLoader {
  /** The environment variable that names the configuration file when {@code --config} is absent. */
  public static final String CONFIG_ENV = "SENDERS_BOT_CONFIG";

  /** Read when neither {@code --config} nor {@link #CONFIG_ENV} names a file, if it exists. */
  public static final Path DEFAULT_FILE = Path.of("config", "senders-bot.yml");

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
    return new ConfigLocator(env, workDir).locate(explicitFile);
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
    return build(ConfigFile.read(workDir.resolve(file)));
  }

  private Config build(JsonNode root) {
    return new ConfigAssembler(new TreeReader(env).read(root), workDir).config();
  }
}
