package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.url chooses the engine; the PostgreSQL login never shows. */
class StorageKeysTest {
  static final String PASSWORD = "db-PASSWORD-s3cret";

  @TempDir Path dir;

  private Config load(String yaml, Map<String, String> env) throws IOException {
    Path f = dir.resolve("c.yml");
    Files.writeString(f, yaml);
    return new ConfigLoader(env, dir).loadFile(f);
  }

  private String problems(String yaml, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(yaml, env));
    return e.getMessage() + " " + e.problems();
  }

  @Test
  void sqliteInStorageDatabaseStaysTheDefault() throws IOException {
    Config c = load("storage:\n  database: bot.db\n", Map.of());
    assertFalse(c.storage().postgres());
    assertEquals(Path.of("bot.db"), c.storage().sqliteFile());
    assertEquals(Path.of("data/senders-bot.db"), load("{}\n", Map.of()).storage().sqliteFile());
  }

  @Test
  void aPathOrASqliteUrlInStorageUrlIsSqlite() throws IOException {
    assertEquals(
        Path.of("/var/lib/bot.db"),
        load("storage:\n  url: jdbc:sqlite:/var/lib/bot.db\n", Map.of()).storage().sqliteFile());
    assertEquals(
        Path.of("x/bot.db"), load("storage:\n  url: x/bot.db\n", Map.of()).storage().sqliteFile());
  }

  @Test
  void aPostgresUrlWithItsLoginFromTheEnvironment() throws IOException {
    Config c =
        load(
            "{}\n",
            Map.of(
                "SENDERS_BOT_DATABASE_URL", "jdbc:postgresql://db:5432/bot",
                "SENDERS_BOT_DATABASE_USER", "bot",
                "SENDERS_BOT_DATABASE_PASSWORD", PASSWORD));
    assertTrue(c.storage().postgres());
    assertEquals("bot", c.storage().user());
    assertEquals(PASSWORD, c.storage().password().reveal());
    String text = c.describe();
    assertFalse(text.contains(PASSWORD), text);
    assertTrue(text.contains("  url: jdbc:postgresql://db:5432/bot\n"), text);
    assertFalse(ConfigPrinter.oneLine(c).contains(PASSWORD));
  }

  @Test
  void thePasswordMayComeFromAFileButNotFromTwoPlaces() throws IOException {
    Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    Config c =
        load(
            "storage:\n  url: jdbc:postgresql://db/bot\n  user: bot\n  password-file: pw\n",
            Map.of());
    assertEquals(PASSWORD, c.storage().password().reveal());
    String both =
        problems(
            "storage:\n  url: jdbc:postgresql://db/bot\n  password-file: pw\n",
            Map.of("SENDERS_BOT_DATABASE_PASSWORD", PASSWORD));
    assertTrue(both.contains("not both"), both);
    assertFalse(both.contains(PASSWORD), both);
  }

  @Test
  void aUrlCarryingThePasswordIsRefusedWithoutQuotingIt() {
    for (String url :
        new String[] {
          "jdbc:postgresql://db/bot?user=bot&password=" + PASSWORD,
          "jdbc:postgresql://bot:" + PASSWORD + "@db/bot"
        }) {
      String p = problems("storage:\n  url: \"" + url + "\"\n", Map.of());
      assertTrue(p.contains("storage.url"), p);
      assertFalse(p.contains(PASSWORD), p);
    }
  }

  /**
   * The DATABASE_URL form hosting platforms hand out was taken for a SQLite file path: printed with
   * its password, and the bot ran on a file named after it.
   */
  @Test
  void aLibpqUrlIsRefusedWithTheJdbcFormAndWithoutQuotingIt() {
    for (String url :
        new String[] {
          "postgres://bot:" + PASSWORD + "@db:5432/bot", "postgresql://bot:" + PASSWORD + "@db/bot"
        }) {
      String p = problems("{}\n", Map.of("SENDERS_BOT_DATABASE_URL", url));
      assertTrue(p.contains("storage.url"), p);
      assertTrue(p.contains("jdbc:postgresql://host:port/database"), p);
      assertFalse(p.contains(PASSWORD), p);
    }
    assertTrue(
        problems("storage:\n  url: mysql://db/bot\n", Map.of()).contains("storage.url"),
        "any scheme:// URL that is not JDBC is not a file path either");
  }

  @Test
  void aLoginWithoutPostgresOrAnUnknownUrlIsAMistake() {
    assertTrue(problems("storage:\n  user: bot\n", Map.of()).contains("storage.user"));
    assertTrue(
        problems("storage:\n  url: jdbc:mysql://db/bot\n", Map.of()).contains("jdbc:postgresql"));
    assertTrue(
        problems("storage:\n  database: a.db\n  url: jdbc:postgresql://db/bot\n", Map.of())
            .contains("not both"));
  }

  @Test
  void noLoginIsNoLogin() throws IOException {
    Config c = load("storage:\n  url: jdbc:postgresql://db/bot\n", Map.of());
    assertNull(c.storage().user());
    assertNull(c.storage().password());
  }
}
