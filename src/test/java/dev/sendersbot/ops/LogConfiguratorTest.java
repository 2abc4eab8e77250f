package dev.sendersbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the configurator sets up, on a context of the test's own: the filter, the listeners in
 * order, the masked console on stderr, and the levels from system properties read as Logback's XML
 * configuration read them.
 */
class LogConfiguratorTest {
  private static final String[] KEYS = {
    "LOG_LEVEL", "LOG_LEVEL_LIBS", "LOG_LEVEL_ROOT", "LOG_FORMAT", "logback.configurationFile"
  };

  @AfterEach
  void clearProperties() {
    for (String key : KEYS) {
      System.clearProperty(key);
    }
  }

  private static void assumeNoEnvironment() {
    for (String key : KEYS) {
      assumeTrue(System.getenv(key) == null, key + " is set in the environment");
      assumeTrue(System.getProperty(key) == null, key + " is set as a system property");
    }
  }

  private static ExecutionStatus configure(LoggerContext context) {
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    return configurator.configure(context);
  }

  @Test
  void defaultsAreTheShippedConfiguration() {
    assumeNoEnvironment();
    LoggerContext context = new LoggerContext();

    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(context));

    assertEquals(Level.INFO, context.getLogger("dev.sendersbot").getLevel());
    for (String library :
        new String[] {"okhttp3", "org.telegram", "org.flywaydb", "com.zaxxer.hikari"}) {
      assertEquals(Level.WARN, context.getLogger(library).getLevel(), library);
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    assertEquals(1, context.getTurboFilterList().size());
    assertInstanceOf(LibraryPollErrors.class, context.getTurboFilterList().get(0));
    assertEquals(2, context.getCopyOfListenerList().size());
    assertInstanceOf(JulToLogback.class, context.getCopyOfListenerList().get(0));
    LevelChangePropagator propagator =
        assertInstanceOf(LevelChangePropagator.class, context.getCopyOfListenerList().get(1));
    assertTrue(propagator.isStarted());

    Appender<ILoggingEvent> appender = root.getAppender("CONSOLE");
    ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, appender);
    assertTrue(console.isStarted());
    assertEquals("System.err", console.getTarget());
    MaskingEncoder encoder = assertInstanceOf(MaskingEncoder.class, console.getEncoder());
    assertEquals("text", encoder.getFormat());
    assertEquals(
        "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - "
            + "%replace(%msg){'[\\r\\n]+', ' '}%n%ex",
        encoder.getPattern());
  }

  @Test
  void levelsAndFormatComeFromSystemProperties() {
    assumeNoEnvironment();
    System.setProperty("LOG_LEVEL", "debug");
    System.setProperty("LOG_LEVEL_LIBS", "ERROR");
    System.setProperty("LOG_LEVEL_ROOT", "WARN");
    System.setProperty("LOG_FORMAT", "json");
    LoggerContext context = new LoggerContext();

    configure(context);

    assertEquals(Level.DEBUG, context.getLogger("dev.sendersbot").getLevel());
    for (String library :
        new String[] {"okhttp3", "org.telegram", "org.flywaydb", "com.zaxxer.hikari"}) {
      assertEquals(Level.ERROR, context.getLogger(library).getLevel(), library);
    }
    assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    ConsoleAppender<?> console =
        (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    assertEquals("json", ((MaskingEncoder) console.getEncoder()).getFormat());
  }

  @Test
  void oddLevelsAreReadAsTheXmlConfigurationReadThemAndNeverStopTheStart() {
    assumeNoEnvironment();
    LoggerContext context = new LoggerContext();
    Map.of("LOG_LEVEL", "VERBOSE", "LOG_LEVEL_LIBS", "inherited", "LOG_LEVEL_ROOT", " ")
        .forEach(System::setProperty);

    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(context));

    // Not a level: Logback's Level.toLevel, as level="${LOG_LEVEL:-INFO}" did, means DEBUG.
    assertEquals(Level.DEBUG, context.getLogger("dev.sendersbot").getLevel());
    // INHERITED: the libraries follow the root.
    assertNull(context.getLogger("okhttp3").getLevel());
    // Blank: left alone, the root at Logback's own DEBUG.
    assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    assertInstanceOf(
        ConsoleAppender.class, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"));
  }

  @Test
  void rootCannotInheritAndKeepsItsLevel() {
    assumeNoEnvironment();
    System.setProperty("LOG_LEVEL_ROOT", "NULL");
    LoggerContext context = new LoggerContext();

    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(context));

    assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
  }

  @Test
  void anOperatorsOwnFileTakesOverAndNothingIsConfiguredHere() {
    assumeNoEnvironment();
    System.setProperty("logback.configurationFile", "/etc/senders-bot/logback.xml");
    LoggerContext context = new LoggerContext();

    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(context));

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertNull(root.getAppender("CONSOLE"));
    assertTrue(context.getTurboFilterList().isEmpty());
    assertTrue(context.getCopyOfListenerList().isEmpty());
    assertNull(context.getLogger("dev.sendersbot").getLevel());
  }

  @Test
  void aBlankFileNameIsNoFile() {
    assumeNoEnvironment();
    System.setProperty("logback.configurationFile", " ");
    LoggerContext context = new LoggerContext();

    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(context));

    assertInstanceOf(
        ConsoleAppender.class, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"));
  }
}
