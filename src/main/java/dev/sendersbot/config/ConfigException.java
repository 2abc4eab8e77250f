package dev.sendersbot.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Carries every problem found, each naming its full key path (for
 * example {@code smsc.timeout}) and the bad value, except a secret's value, which is never shown.
 */
public final class ConfigException extends RuntimeException {

  /**
   * One problem.
   *
   * @param key the full key path, or null for a problem with the file as a whole
   * @param message what is wrong and, where it helps, how to fix it
   */
  public record Problem(String key, String message) {
    public Problem {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return key == null ? message : key + ": " + message;
    }
  }

  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(join(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String key, String message) {
    this(List.of(new Problem(key, message)));
  }

  /** Every problem found, at least one. */
  public List<Problem> problems() {
    return problems;
  }

  /** The key of the first problem; null when it concerns the file as a whole. */
  public String key() {
    return problems.get(0).key();
  }

  private static String join(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
