package dev.sendersbot.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code storage} keys: SQLite in {@code storage.database} (the default), or whatever
 * {@code storage.url} names, with the PostgreSQL login in {@code storage.user} and {@code
 * storage.password} or {@code storage.password-file}. Problems never quote a URL that could hold a
 * secret, nor the password.
 */
final class StorageKeys {
  /** A URL with a scheme other than JDBC's: never a file path. */
  private static final Pattern OTHER_URL = Pattern.compile("(?!jdbc:)[A-Za-z][A-Za-z0-9+.-]*://");

  private final RawValues raw;
  private final TypedValues values;
  private final PasswordFile passwordFile;

  StorageKeys(RawValues raw, TypedValues values, PasswordFile passwordFile) {
    this.raw = raw;
    this.values = values;
    this.passwordFile = passwordFile;
  }

  Config.Storage storage() {
    String url = raw.text(Key.STORAGE_URL);
    if (url != null && url.isBlank()) {
      url = null;
    }
    if (url != null && raw.has(Key.STORAGE_DATABASE)) {
      raw.problem(
          Key.STORAGE_URL.path(),
          "set either storage.database"
              + raw.from(Key.STORAGE_DATABASE)
              + " or storage.url, not both");
    }
    if (url != null && OTHER_URL.matcher(url).lookingAt()) {
      // Not quoted: postgres://user:password@host/db, the form hosting platforms hand out, holds
      // the password. Before, it was taken for a SQLite file path.
      raw.problem(
          Key.STORAGE_URL.path(),
          "is a URL the bot does not read"
              + raw.from(Key.STORAGE_URL)
              + ": give PostgreSQL as jdbc:postgresql://host:port/database, with the login in"
              + " storage.user and storage.password (or storage.password-file), or SQLite as a file"
              + " path");
      url = null;
    }
    boolean postgres = url != null && url.startsWith(Config.Storage.POSTGRESQL);
    if (url != null
        && !postgres
        && url.startsWith("jdbc:")
        && !url.startsWith(Config.Storage.SQLITE)) {
      raw.problem(
          Key.STORAGE_URL.path(),
          "is neither a jdbc:postgresql:// nor a jdbc:sqlite: URL, nor a file path");
      url = null;
    }
    if (postgres && carriesCredentials(url)) {
      // Not quoted: it holds the password.
      raw.problem(
          Key.STORAGE_URL.path(),
          "carries a user or password: put them in storage.user and storage.password or"
              + " storage.password-file, which are never logged");
      url = null;
    }
    String user = raw.text(Key.STORAGE_USER);
    Secret password = Secret.ofNullable(raw.text(Key.STORAGE_PASSWORD));
    if (raw.has(Key.STORAGE_PASSWORD_FILE)) {
      if (password != null) {
        raw.problem(
            Key.STORAGE_PASSWORD_FILE.path(),
            "set either storage.password"
                + raw.from(Key.STORAGE_PASSWORD)
                + " or storage.password-file, not both");
      } else {
        password = passwordFile.read(raw, Key.STORAGE_PASSWORD_FILE);
      }
    }
    if (!postgres && (user != null || password != null)) {
      raw.problem(
          (user != null ? Key.STORAGE_USER : Key.STORAGE_PASSWORD).path(),
          "a login is for PostgreSQL: set storage.url to a jdbc:postgresql:// URL, or drop it");
    }
    return new Config.Storage(
        values.path(Key.STORAGE_DATABASE),
        url,
        user,
        password,
        values.duration(Key.STORAGE_CONNECT_TIMEOUT),
        values.duration(Key.STORAGE_LEADER_CHECK_INTERVAL),
        values.duration(Key.STORAGE_LEADER_TIMEOUT));
  }

  private static boolean carriesCredentials(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("password=")) {
      return true;
    }
    String rest = url.substring(Config.Storage.POSTGRESQL.length());
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    return authority.contains("@");
  }
}
