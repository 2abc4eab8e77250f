package dev.sendersbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback's start in a fresh JVM, as {@code run} starts: {@link LogConfigurator} configures it and
 * Logback's XML machinery (Joran, the JDK's XML parser) is never loaded; with {@code
 * -Dlogback.configurationFile} the operator's file configures it instead.
 */
class LogStartTest {
  @TempDir Path dir;

  /** The child's class-loading log and its stderr, in one. */
  private String start(String... jvmFlags) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-Xlog:class+load=info"));
    cmd.addAll(List.of(jvmFlags));
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), LogStartChild.class.getName()));
    Path out = dir.resolve("child.log");
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    for (String key :
        new String[] {"LOG_LEVEL", "LOG_LEVEL_LIBS", "LOG_LEVEL_ROOT", "LOG_FORMAT"}) {
      builder.environment().remove(key);
    }
    Process child = builder.redirectOutput(out.toFile()).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
    String log = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), log);
    return log;
  }

  @Test
  void theConfiguratorConfiguresAndNoXmlIsRead() throws Exception {
    String log = start();

    assertTrue(log.contains("dev.sendersbot.ops.LogConfigurator "), log);
    assertTrue(
        log.matches(
            "(?s).*\\d{4}-\\d\\d-\\d\\dT\\S+ WARN  \\[main\\] dev\\.sendersbot\\.child - child started.*"),
        log);
    // Only ConsoleTarget (the appender's target) and JoranException (named by Logback's start-up
    // code) come from Joran's packages; its configurators, SAX recorder and models do not load.
    for (String xml :
        new String[] {
          "ch.qos.logback.classic.util.DefaultJoranConfigurator ",
          "ch.qos.logback.classic.joran.",
          "ch.qos.logback.core.joran.GenericXMLConfigurator ",
          "ch.qos.logback.core.joran.event.",
          "ch.qos.logback.core.model.processor.",
          "javax.xml.parsers.",
          "com.sun.org.apache.xerces."
        }) {
      assertFalse(log.contains(xml), xml + " was loaded");
    }
  }

  @Test
  void anOperatorsFileConfiguresInstead() throws Exception {
    Path file = dir.resolve("operator-logback.xml");
    Files.writeString(
        file,
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>OPERATOR %level %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);

    String log = start("-Dlogback.configurationFile=" + file);

    assertTrue(log.contains("OPERATOR WARN child started"), log);
    assertFalse(
        log.contains("WARN  [main] dev.sendersbot.child"), "the built-in appender also ran");
    assertTrue(log.contains("ch.qos.logback.classic.util.DefaultJoranConfigurator "), log);
  }
}
