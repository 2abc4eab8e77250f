package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo never opens the bot's own database. In the image SENDERS_BOT_CONFIG is always set, so
 * {@code docker exec … demo} ran the sandbox's watcher against the production database: sandbox
 * names compared with the real account's snapshot, and the real chats' notifications delivered to
 * the console and marked sent, so the running bot never sent them.
 */
class DemoDatabaseTest {
  @TempDir Path dir;

  @Test
  void theDemoLeavesTheConfiguredDatabaseAlone() throws Exception {
    Path db = dir.resolve("production.db");
    Path file = dir.resolve("bot.yml");
    Files.writeString(file, "storage:\n  database: " + db + "\n");
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream("/quit\n".getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter err = new StringWriter();
      int code =
          Main.execute(
              new String[] {"demo", "--no-progress"},
              new CliContext(
                  Map.of("SENDERS_BOT_CONFIG", file.toString()),
                  dir,
                  new PrintWriter(new StringWriter()),
                  new PrintWriter(err)));
      assertEquals(0, code, err.toString());
    } finally {
      System.setIn(stdin);
    }
    assertFalse(Files.exists(db), "the demo created or opened " + db);
  }
}
