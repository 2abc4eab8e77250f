package dev.sendersbot.testing;

import dev.sendersbot.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The bot's database for tests whose subject sits above the store: a missing file starts as a copy
 * of one at the shipped schema. The migrations run once per JVM, into a template that each test
 * copies: running them for every test cost a twentieth of a second each, which hundreds of tests
 * paid. The migrations themselves are the subject of the store's tests, which open their files from
 * nothing.
 */
public final class TestDatabase {
  private static Path template;

  private TestDatabase() {}

  /** Opens {@code file} as {@link Database#open} does; a missing file starts migrated. */
  public static Database open(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(template(), file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Database.open(file);
  }

  /** The one number a query such as {@code SELECT count(*) FROM outbox WHERE …} answers. */
  public static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static synchronized Path template() throws IOException {
    if (template == null) {
      Path dir = Files.createTempDirectory("migrated");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("template.db");
      Database.open(file).close();
      file.toFile().deleteOnExit();
      template = file;
    }
    return template;
  }
}
