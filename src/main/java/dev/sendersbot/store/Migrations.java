package dev.sendersbot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema migrations shipped with the code, read from a class-path folder through its {@code
 * index.txt}. An index rather than a directory listing, because a folder inside a shaded jar cannot
 * be listed portably.
 *
 * <p>To add tables (say, for the watcher):
 *
 * <ol>
 *   <li>write {@code src/main/resources/db/migration/V<n>__<what>.sql}, {@code n} one above the
 *       last, {@code what} in lower case with underscores, and add its file name as a new last line
 *       of {@code db/migration/index.txt} ({@code MigrationIndexTest} fails when a script is not
 *       listed);
 *   <li>write the same change for PostgreSQL as {@code db/migration/postgresql/V<n>__<what>.sql}
 *       and list it in that folder's {@code index.txt} ({@code MigrationDialectsTest} fails when
 *       the two folders differ).
 * </ol>
 *
 * <p>Rules for a script: plain statements separated by {@code ;}, no {@code BEGIN}/{@code COMMIT};
 * never edit or renumber a script once it has shipped, write a new one; times are {@code INTEGER}
 * milliseconds since the epoch (UTC); a column holding a Telegram chat id is named {@code chat_id},
 * which is all it takes for {@link dev.sendersbot.access.ChatRegistry#migrate} to move its rows
 * when a group becomes a supergroup (see {@link Database#chatTables}). Scripts run with foreign
 * keys off, and a {@code PRAGMA foreign_key_check} must pass before each commits, so a table may be
 * rebuilt the way SQLite's ALTER TABLE documentation describes. On PostgreSQL a foreign key onto a
 * {@code chat_id} must be declared {@code DEFERRABLE}: moving a chat changes both ends of it, and
 * only a check deferred to the commit sees them agree.
 */
final class Migrations {
  static final String INDEX = "index.txt";
  private static final Pattern FILE_NAME =
      Pattern.compile("V([1-9][0-9]{0,8})__([a-z0-9_]+)\\.sql");

  /**
   * @param version its number, 1 for the first
   * @param name the part of the file name after {@code V<n>__}, without {@code .sql}
   * @param resource where the script was read from, for messages
   * @param sql the script: one or more statements, no transaction control
   */
  record Migration(int version, String name, String resource, String sql) {
    Migration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(sql, "sql");
    }

    String fileName() {
      return "V" + version + "__" + name + ".sql";
    }
  }

  private final String root;
  private final List<Migration> all;

  private Migrations(String root, List<Migration> all) {
    this.root = root;
    this.all = List.copyOf(all);
  }

  /** The migrations the bot ships, in {@code db/migration}. */
  static Migrations shipped() {
    return load(Database.MIGRATIONS);
  }

  /**
   * Reads {@code root/index.txt} (one file name a line, {@code #} comments and blank lines ignored)
   * and every script it lists.
   *
   * @throws StoreException naming the index line or resource that is wrong
   */
  static Migrations load(String root) {
    String indexPath = root + "/" + INDEX;
    String index =
        resource(indexPath)
            .orElseThrow(
                () ->
                    new StoreException(
                        "migration index " + indexPath + " is not on the class path"));
    List<Migration> migrations = new ArrayList<>();
    String[] lines = index.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = FILE_NAME.matcher(line);
      if (!m.matches()) {
        throw new StoreException(
            indexPath
                + " line "
                + (i + 1)
                + ": '"
                + line
                + "' is not a migration file name like V3__add_outbox.sql");
      }
      int version = Integer.parseInt(m.group(1));
      int expected = migrations.size() + 1;
      if (version != expected) {
        throw new StoreException(
            indexPath
                + " line "
                + (i + 1)
                + ": '"
                + line
                + "' should be version "
                + expected
                + " (versions run 1, 2, 3, ... in order, without gaps)");
      }
      String path = root + "/" + line;
      String sql =
          resource(path)
              .orElseThrow(
                  () ->
                      new StoreException(
                          "migration "
                              + path
                              + " is listed in "
                              + indexPath
                              + " but is not on the class path"));
      if (sql.isBlank()) {
        throw new StoreException("migration " + path + " is empty");
      }
      migrations.add(new Migration(version, m.group(2), path, sql));
    }
    if (migrations.isEmpty()) {
      throw new StoreException("migration index " + indexPath + " lists no migration");
    }
    return new Migrations(root, migrations);
  }

  private static java.util.Optional<String> resource(String path) {
    ClassLoader loader = Migrations.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StoreException(
          "cannot read " + path + " from the class path: " + e.getMessage(), e);
    }
  }

  String root() {
    return root;
  }

  List<Migration> all() {
    return all;
  }

  int latest() {
    return all.size();
  }

  Migration get(int version) {
    return all.get(version - 1);
  }
}
