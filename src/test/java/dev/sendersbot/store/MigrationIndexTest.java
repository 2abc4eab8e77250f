package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationIndexTest {

  // A script added to the folder but not to index.txt would never run, and nothing else would say
  // so.
  @Test
  void everyScriptInTheMigrationFolderIsListedInTheIndexInOrder() throws IOException {
    Path folder = Path.of("src/main/resources", Database.MIGRATIONS);
    List<String> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sql"))
              .sorted((a, b) -> Integer.compare(version(a), version(b)))
              .toList();
    }
    List<String> listed =
        Migrations.shipped().all().stream().map(Migrations.Migration::fileName).toList();
    assertEquals(files, listed);
    assertEquals(files.size(), Database.latestSchemaVersion());
  }

  @Test
  void shippedScriptsHoldNoTransactionControl() {
    for (Migrations.Migration m : Migrations.shipped().all()) {
      String sql = m.sql().toUpperCase(java.util.Locale.ROOT);
      assertTrue(!sql.matches("(?s).*\\b(BEGIN|COMMIT)\\s*;.*"), m.fileName());
    }
  }

  @Test
  void anIndexWithAGapIsRefusedNamingTheLine() {
    StoreException e =
        assertThrows(StoreException.class, () -> Migrations.load("db/test-migrations/gap"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("should be version 2"), e.getMessage());
  }

  @Test
  void aListedScriptMissingFromTheClassPathIsNamed() {
    StoreException e =
        assertThrows(StoreException.class, () -> Migrations.load("db/test-migrations/missing"));
    assertTrue(
        e.getMessage().contains("db/test-migrations/missing/V1__absent.sql"), e.getMessage());
  }

  private static int version(String fileName) {
    return Integer.parseInt(fileName.substring(1, fileName.indexOf("__")));
  }
}
