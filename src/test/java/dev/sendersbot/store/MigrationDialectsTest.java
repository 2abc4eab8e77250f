package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adding a migration is one script per dialect: SQLite's in {@code db/migration}, PostgreSQL's in
 * {@code db/migration/postgresql}. A script written for one engine only would leave the other
 * without its table, so both folders must list the same versions under the same names.
 */
class MigrationDialectsTest {

  @Test
  void bothDialectsShipTheSameMigrationsInTheSameOrder() {
    List<String> sqlite = names(Dialect.SQLITE);
    List<String> postgres = names(Dialect.POSTGRESQL);
    assertEquals(
        sqlite,
        postgres,
        "write the PostgreSQL form of each SQLite script as "
            + Dialect.POSTGRESQL.migrations()
            + "/V<n>__<what>.sql and list it in that folder's index.txt");
  }

  @Test
  void everyPostgresScriptIsListedInItsIndex() throws IOException {
    Path folder = Path.of("src/main/resources", Dialect.POSTGRESQL.migrations());
    List<String> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
    assertEquals(
        files,
        Migrations.load(Dialect.POSTGRESQL.migrations()).all().stream()
            .map(Migrations.Migration::fileName)
            .sorted()
            .toList());
  }

  // SQLite-only words would fail on PostgreSQL at the first start, long after review.
  @Test
  void postgresScriptsUseNoSqliteOnlySyntax() {
    for (Migrations.Migration m : Migrations.load(Dialect.POSTGRESQL.migrations()).all()) {
      String sql = m.sql().toUpperCase(Locale.ROOT);
      for (String word : List.of("WITHOUT ROWID", "AUTOINCREMENT", "PRAGMA", " GLOB ", "IFNULL(")) {
        assertFalse(sql.contains(word), m.fileName() + " uses " + word);
      }
    }
  }

  private static List<String> names(Dialect dialect) {
    return Migrations.load(dialect.migrations()).all().stream()
        .map(Migrations.Migration::fileName)
        .toList();
  }
}
