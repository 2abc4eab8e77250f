package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registry itself is consistent, and the built-in defaults are the registry's. */
class KeyTest {

  @Test
  void everyDefaultAndBoundReadsAsItsTypeAndDefaultsLieWithinTheirRange() {
    for (Key k : Key.values()) {
      switch (k.type()) {
        case DURATION -> {
          assertTrue(k.minDuration().compareTo(k.defaultDuration()) <= 0, k.path());
          assertTrue(k.defaultDuration().compareTo(k.maxDuration()) <= 0, k.path());
        }
        case INTEGER -> {
          assertTrue(k.minInt() <= k.defaultInt() && k.defaultInt() <= k.maxInt(), k.path());
        }
        case URL -> {
          // A URL without a default (telegram.webhook.url: required by webhook mode only).
          if (k.defaultText().isPresent()) {
            assertTrue(k.defaultUri().isAbsolute(), k.path());
          }
        }
        case PATH, BOOLEAN, TEXT, USER_IDS ->
            assertTrue(k.minText().isEmpty() && k.maxText().isEmpty(), k.path() + " has no range");
      }
    }
  }

  // What check-config prints for the built-in defaults is the registry's default, written the
  // same way: so the registry cannot say 60s while the loader uses something else.
  @Test
  void builtInDefaultsAreTheRegistrysDefaults() {
    String printed = Config.defaults().describe();
    for (Key k : Key.values()) {
      if (k.defaultText().isPresent()) {
        assertTrue(
            printed.contains("  " + k.leaf() + ": " + k.defaultText().get() + "\n"),
            k.path() + " = " + k.defaultText().get() + " in:\n" + printed);
      }
    }
    assertTrue(printed.contains("  token: (not set)\n"));
    assertTrue(printed.contains("  owners: []\n"));
  }

  // The reference file states ranges in the comment above each key, e.g. "(1..3)".
  @Test
  void referenceFileRangesAreTheRegistrys() throws IOException {
    Pattern section = Pattern.compile("([a-z]+):\\s*");
    // A key line, or a commented-out one ("  # password-file: /run/secrets/x"); prose that
    // starts with a key name goes on with spaces.
    Pattern key = Pattern.compile("  ([a-z.-]+):.*|  # ([a-z.-]+): \\S+");
    Pattern range = Pattern.compile("\\((\\d+[a-z]*)\\.\\.(\\d+[a-z]*)\\)");
    String current = null;
    StringBuilder comment = new StringBuilder();
    int ranges = 0;
    for (String line : Files.readAllLines(ConfigLoaderTest.REFERENCE)) {
      Matcher s = section.matcher(line);
      Matcher k = key.matcher(line);
      if (s.matches()) {
        current = s.group(1);
        comment.setLength(0);
      } else if (current != null && k.matches()) {
        String leaf = k.group(1) != null ? k.group(1) : k.group(2);
        Key found = Key.find(current, leaf).orElseThrow(() -> new AssertionError(line));
        Matcher r = range.matcher(comment);
        if (r.find()) {
          assertEquals(found.minText().orElse(null), r.group(1), found.path() + " minimum");
          assertEquals(found.maxText().orElse(null), r.group(2), found.path() + " maximum");
          ranges++;
        }
        comment.setLength(0);
      } else if (line.strip().startsWith("#")) {
        comment.append(line).append('\n');
      }
    }
    assertTrue(ranges >= 8, "the reference file's ranges were read: " + ranges);
  }

  @Test
  void pathsAreUniqueAndSecretsHaveNoDefault() {
    Set<String> paths = new HashSet<>();
    for (Key k : Key.values()) {
      assertTrue(paths.add(k.path()), "twice: " + k.path());
      if (k.secret()) {
        assertFalse(k.defaultText().isPresent(), k.path());
      }
    }
    assertEquals(
        Set.of(
            Key.TELEGRAM_TOKEN,
            Key.TELEGRAM_WEBHOOK_SECRET,
            Key.SMSC_PASSWORD,
            Key.SMSC_API_KEY,
            Key.STORAGE_PASSWORD),
        Set.copyOf(Arrays.stream(Key.values()).filter(Key::secret).toList()));
  }

  @Test
  void askingAKeyForAnotherTypeIsAProgrammingError() {
    assertThrows(IllegalStateException.class, Key.HTTP_PORT::defaultDuration);
    assertThrows(IllegalStateException.class, Key.SMSC_TIMEOUT::minInt);
    assertThrows(IllegalStateException.class, Key.HTTP_ENABLED::minInt);
  }
}
