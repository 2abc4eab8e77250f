package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is what users read: its keys, defaults, ranges and environment
 * overrides must be the registry's.
 */
class ReadmeConfigTableTest {
  private static final String HEADER = "| key | default | env override | meaning |";
  private static final Pattern RANGE =
      Pattern.compile("\\((?:(\\S+)\\.\\.(\\S+)|at least (\\S+))\\)");

  /** Row cells by key path, in README order. */
  static Map<String, List<String>> table(String readme) {
    int start = readme.indexOf(HEADER);
    assertTrue(start >= 0, "README has the configuration table");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : readme.substring(start).split("\n")) {
      if (line.isBlank()) {
        break;
      }
      if (line.startsWith("| `")) {
        List<String> cells =
            Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                .map(String::strip)
                .toList();
        rows.put(cells.get(0).replace("`", ""), cells);
      }
    }
    return rows;
  }

  @Test
  void readmeTableHasExactlyTheRegistrysKeysInItsOrder() throws IOException {
    Map<String, List<String>> rows = table(Files.readString(Path.of("README.md")));
    assertEquals(Arrays.stream(Key.values()).map(Key::path).toList(), List.copyOf(rows.keySet()));
  }

  @Test
  void readmeDefaultsRangesAndOverridesAreTheRegistrys() throws IOException {
    Map<String, List<String>> rows = table(Files.readString(Path.of("README.md")));
    for (Key k : Key.values()) {
      List<String> row = rows.get(k.path());
      String def = row.get(1);
      String env = row.get(2);
      assertTrue(
          def.startsWith(k.defaultText().map(d -> "`" + d + "`").orElse("—")),
          k.path() + " default in README: " + def);
      Matcher range = RANGE.matcher(def);
      if (range.find()) {
        if (range.group(3) != null) {
          assertEquals(k.minText().orElseThrow(), range.group(3), k.path() + " minimum");
        } else {
          assertEquals(k.minText().orElseThrow(), range.group(1), k.path() + " minimum");
          assertEquals(k.maxText().orElseThrow(), range.group(2), k.path() + " maximum");
        }
      }
      if (k.envVar().isPresent()) {
        assertTrue(env.startsWith("`" + k.envVar().get() + "`"), k.path() + " override: " + env);
      } else if (k == Key.LOGGING_FORMAT) {
        // Applied by the log set-up rather than the loader (see Key.LOGGING_FORMAT).
        assertEquals("`LOG_FORMAT`", env);
      } else {
        assertEquals("", env, k.path() + " has no override");
      }
    }
  }

  // Every range the provider imposes is in the README: these are the limits users trip over.
  @Test
  void readmeShowsTheGatewayBudgetRanges() throws IOException {
    Map<String, List<String>> rows = table(Files.readString(Path.of("README.md")));
    for (Key k :
        List.of(
            Key.GATEWAY_LISTS_PER_MINUTE,
            Key.GATEWAY_CREATES_PER_MINUTE,
            Key.GATEWAY_MAX_IN_FLIGHT,
            Key.WATCH_INTERVAL,
            Key.AUDIT_RETENTION)) {
      assertTrue(RANGE.matcher(rows.get(k.path()).get(1)).find(), k.path() + " shows its range");
    }
  }
}
