package dev.sendersbot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} ended by a signal (Ctrl-C, a terminal closed) leaves nothing behind. */
class DemoInterruptedTest {
  @TempDir Path dir;

  // Why: Ctrl-C skipped the demo's own clean-up, and each run left its database in /tmp.
  @Test
  void aSignalledDemoDeletesItsDatabase() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Djava.io.tmpdir=" + tmp,
                    "-Dorg.sqlite.tmpdir=" + dir,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "demo",
                    "--language",
                    "en"))
            .redirectErrorStream(true);
    builder.environment().remove("LOG_LEVEL");
    Process demo = builder.start();
    try (BufferedReader screen =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean guide = false;
      while ((line = screen.readLine()) != null) {
        if (line.contains("/quit")) {
          guide = true;
          break;
        }
      }
      assertTrue(guide, "the demo printed its guide");
      try (Stream<Path> during = Files.list(tmp)) {
        assertEquals(1, during.count(), "its database folder while it runs");
      }

      demo.destroy(); // SIGTERM, as a closed terminal or Ctrl-C's SIGINT ends it
      assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo ended");
    } finally {
      demo.destroyForcibly();
    }
    try (Stream<Path> after = Files.list(tmp)) {
      assertEquals(List.of(), after.toList());
    }
  }
}
