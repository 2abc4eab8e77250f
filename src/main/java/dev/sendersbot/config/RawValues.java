package dev.sendersbot.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The values as found, key by key, before any is typed, and every problem found so far. Problems
 * are collected rather than thrown so that one run of {@code check-config} names them all.
 */
final class RawValues {
  /**
   * A value as found: a scalar (already substituted) or a list, and the environment variable it
   * came from when an override supplied it (messages name it: the file is not where to look).
   */
  record Raw(String text, List<String> items, String envVar) {}

  private final Map<Key, Raw> raw = new EnumMap<>(Key.class);
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  void put(Key k, Raw r) {
    raw.put(k, r);
  }

  boolean has(Key k) {
    return raw.containsKey(k);
  }

  /** The value as found, or null when neither the file nor the environment sets it. */
  Raw get(Key k) {
    return raw.get(k);
  }

  /** The scalar as found, or null. */
  String text(Key k) {
    Raw r = raw.get(k);
    return r == null ? null : r.text();
  }

  /** {@code " (from VAR)"} when an environment override supplied the value, else empty text. */
  String from(Key k) {
    Raw r = raw.get(k);
    return r != null && r.envVar() != null ? " (from " + r.envVar() + ")" : "";
  }

  /** "'value' (from VAR) what", or without the value for a secret key. */
  void bad(Key k, String what) {
    String shown = k.secret() ? "the value (not shown)" : "'" + text(k) + "'";
    problem(k.path(), shown + from(k) + " " + what);
  }

  void problem(String key, String message) {
    problems.add(new ConfigException.Problem(key, message));
  }

  /** The problems found so far, in the order found. */
  List<ConfigException.Problem> problems() {
    return List.copyOf(problems);
  }

  /**
   * @throws ConfigException listing every problem found, if any
   */
  void failIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
