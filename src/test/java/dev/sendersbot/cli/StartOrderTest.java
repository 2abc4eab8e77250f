package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}'s first step, in a fresh JVM as production starts it: the HTTP client's TLS set-up
 * (the longest step of the start) goes to its own thread before logging is set up, so the two run
 * side by side. A logger kept in a static field of {@link Main} or {@link RunCommand} would set
 * Logback up first, while the class is initialised.
 */
class StartOrderTest {
  @TempDir Path dir;

  @Test
  void theHttpClientsSetUpStartsBeforeLogging() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("child.log");
    // A configuration file that does not exist: the start fails (exit 2) once both have begun.
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xshare:auto",
                    "-Xlog:class+load=info",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run",
                    "--config",
                    dir.resolve("missing.yml").toString()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
    String log = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(ExitCodes.USAGE, child.exitValue(), log);

    int http = log.indexOf("dev.sendersbot.cli.ProcessHttp ");
    int logging = log.indexOf("ch.qos.logback.classic.LoggerContext ");
    assertTrue(http >= 0 && logging >= 0, log);
    assertTrue(http < logging, "Logback was set up before the HTTP client's thread started");
  }
}
