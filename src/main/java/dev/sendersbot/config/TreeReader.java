package dev.sendersbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the raw values: environment overrides first, then the file's tree. Rejects unknown
 * sections and keys (with a suggestion) and values of the wrong shape, and substitutes {@code
 * ${VAR}} in what it keeps. Types and ranges are {@link TypedValues}' job.
 */
final class TreeReader {
  private final Map<String, String> env;
  private final Interpolation interpolation;
  private final RawValues raw = new RawValues();

  TreeReader(Map<String, String> env) {
    this.env = env;
    this.interpolation = new Interpolation(env);
  }

  /**
   * @param root the file's tree, or null without a file
   */
  RawValues read(JsonNode root) {
    for (Key k : Key.values()) {
      k.envVar()
          .map(env::get)
          .filter(v -> !v.isBlank())
          .ifPresent(v -> raw.put(k, new RawValues.Raw(v.strip(), null, k.envVar().orElseThrow())));
    }
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      walk(root);
    }
    return raw;
  }

  private void walk(JsonNode root) {
    if (!root.isObject()) {
      raw.problem(
          null,
          "the file must be a mapping of sections (" + String.join(", ", Key.sections()) + ")");
      return;
    }
    for (Map.Entry<String, JsonNode> section : root.properties()) {
      String name = section.getKey();
      JsonNode node = section.getValue();
      if (!Key.sections().contains(name)) {
        raw.problem(
            name,
            "unknown section"
                + Suggestions.didYouMean(name, Key.sections())
                + "; known sections: "
                + String.join(", ", Key.sections()));
      } else if (node.isNull()) {
        continue;
      } else if (!node.isObject()) {
        raw.problem(
            name,
            "expected a mapping of keys ("
                + String.join(", ", Key.leaves(name))
                + "), got "
                + kind(node));
      } else {
        walkSection(name, node);
      }
    }
  }

  private void walkSection(String section, JsonNode node) {
    walkSection(section, "", node);
  }

  /**
   * @param prefix the leaves' common start inside a nested mapping ({@code webhook.} for {@code
   *     telegram: webhook: url: ...}), else empty
   */
  private void walkSection(String section, String prefix, JsonNode node) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String leaf = prefix + e.getKey();
      Optional<Key> found = Key.find(section, leaf);
      if (found.isEmpty() && e.getValue().isObject() && hasGroup(section, leaf)) {
        walkSection(section, leaf + ".", e.getValue());
        continue;
      }
      if (found.isEmpty()) {
        List<String> known = Key.leaves(section);
        raw.problem(
            section + "." + leaf,
            "unknown key"
                + Suggestions.didYouMean(leaf, known)
                + "; known keys in "
                + section
                + ": "
                + String.join(", ", known));
        continue;
      }
      Key k = found.get();
      JsonNode value = e.getValue();
      if (raw.has(k) || value.isNull()) {
        continue; // an environment override wins, and its ${VAR}s are not needed
      }
      if (value.isObject()) {
        raw.problem(k.path(), "expected a single value, got a mapping");
      } else if (value.isArray() && !k.listAllowed()) {
        raw.problem(k.path(), "expected a single value, got a list");
      } else if (value.isArray()) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          if (item.isContainerNode()) {
            raw.problem(k.path() + "[" + i + "]", "expected a single value, got " + kind(item));
          } else if (!item.isNull()) {
            String s = substitute(k, item.asText());
            items.add(s == null ? "" : s);
          }
        }
        raw.put(k, new RawValues.Raw(null, items, null));
      } else {
        String s = substitute(k, value.asText());
        if (s != null && !s.isBlank()) {
          raw.put(k, new RawValues.Raw(s.strip(), null, null));
        }
      }
    }
  }

  /** Whether some key of the section is written {@code group.leaf}, so may nest under group. */
  private static boolean hasGroup(String section, String group) {
    return Key.leaves(section).stream().anyMatch(l -> l.startsWith(group + "."));
  }

  private String substitute(Key k, String text) {
    return interpolation.substitute(k, text, message -> raw.problem(k.path(), message));
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
}
