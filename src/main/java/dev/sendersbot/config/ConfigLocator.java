package dev.sendersbot.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the configuration file: {@code --config}, else {@link ConfigLoader#CONFIG_ENV}, else {@link
 * ConfigLoader#DEFAULT_FILE} if it exists. Apart from reading, so that {@code check-config} can say
 * which file it checked before the file is read.
 */
final class ConfigLocator {
  private final Map<String, String> env;
  private final Path workDir;

  ConfigLocator(Map<String, String> env, Path workDir) {
    this.env = env;
    this.workDir = workDir;
  }

  /**
   * A file named explicitly (by {@code --config} or the environment) must exist: silently falling
   * back to the defaults would run the bot with a configuration nobody wrote.
   */
  Optional<Path> locate(Path explicitFile) {
    if (explicitFile != null) {
      return Optional.of(requireFile(workDir.resolve(explicitFile), "--config"));
    }
    String fromEnv = env.get(ConfigLoader.CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p;
      try {
        p = workDir.resolve(fromEnv.strip());
      } catch (InvalidPathException e) {
        throw new ConfigException(
            null, ConfigLoader.CONFIG_ENV + " is not a valid path: '" + fromEnv + "'");
      }
      return Optional.of(requireFile(p, ConfigLoader.CONFIG_ENV));
    }
    Path fallback = workDir.resolve(ConfigLoader.DEFAULT_FILE);
    return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  private static Path requireFile(Path p, String origin) {
    if (!Files.exists(p)) {
      throw new ConfigException(
          null, "configuration file " + p + " (from " + origin + ") does not exist");
    }
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(
          null, "configuration file " + p + " (from " + origin + ") is not a file");
    }
    return p;
  }
}
