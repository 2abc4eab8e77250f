package dev.sendersbot.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for an unknown section or key: a misspelt key would otherwise be a silent no-op,
 * the default staying in force while the user believes their value is.
 */
final class Suggestions {
  /** Edits (insert, delete, replace) still taken for a typo rather than another word. */
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /**
   * {@code " (did you mean 'x'?)"} for the closest known name, or empty text when none is close.
   */
  static String didYouMean(String given, List<String> known) {
    return closest(given, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  /**
   * The known name {@code given} was probably meant as: the same name written in another case or
   * with {@code _} or no separator for {@code -} (camelCase, snake_case), else the first nearest
   * within {@link #MAX_DISTANCE} edits.
   */
  static Optional<String> closest(String given, List<String> known) {
    String lower = given.toLowerCase(Locale.ROOT);
    String norm = lower.replace("-", "").replace("_", "");
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String k : known) {
      if (k.replace("-", "").equals(norm)) {
        return Optional.of(k);
      }
      int d = distance(lower, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
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
