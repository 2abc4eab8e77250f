package dev.sendersbot.store;

/**
 * SQL identifiers quoted, for the few statements whose table is not fixed: double quotes, which
 * SQLite and PostgreSQL both read as an identifier.
 */
final class Identifiers {
  private Identifiers() {}

  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
