package dev.sendersbot.cli;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What every subcommand gets from the outside world, injectable so tests run the command line
 * in-process: the environment, the working directory and the two output streams.
 */
record CliContext(Map<String, String> env, Path workDir, PrintWriter out, PrintWriter err) {
  CliContext {
    env = Map.copyOf(env);
    workDir = workDir.toAbsolutePath();
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  static CliContext system() {
    return new CliContext(System.getenv(), Path.of(""), utf8(System.out), utf8(System.err));
  }

  ConfigLoader configLoader() {
    return new ConfigLoader(env, workDir);
  }

  /**
   * Locates, reads and validates the configuration. A {@link dev.sendersbot.config.ConfigException}
   * thrown from a command becomes exit code 2 with its problems listed.
   *
   * @param explicitFile the {@code --config} argument, or null
   */
  Config loadConfig(Path explicitFile) {
    return configLoader().load(explicitFile);
  }

  /** A path from the configuration, as the process will open it. */
  Path resolve(Path p) {
    return workDir.resolve(p).normalize();
  }

  /**
   * Replies and help carry non-ASCII text; the terminal gets UTF-8 whatever the platform default.
   */
  private static PrintWriter utf8(java.io.OutputStream out) {
    return new PrintWriter(
        new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true);
  }
}
