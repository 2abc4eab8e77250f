package dev.sendersbot.ops;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * Logback's configuration, in code: Logback finds this class through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator} and, at the top rank, runs it before
 * its own XML configurator, which then never runs. Reading a logback.xml (Joran and the JDK's XML
 * parser) cost about 0.15 s of every start on the main thread, and some 450 more classes loaded by
 * the first getUpdates.
 *
 * <p>One line per event on stderr (stdout stays for command output such as check-config's).
 *
 * <p>Levels: {@code LOG_LEVEL} for senders-bot itself (default INFO), {@code LOG_LEVEL_LIBS} for
 * OkHttp, TelegramBots, Flyway and HikariCP (default WARN; Flyway and HikariCP narrate every start
 * at INFO, and the bot logs one line per migration), {@code LOG_LEVEL_ROOT} for everything else
 * (default INFO); each may be a system property ({@code -DLOG_LEVEL=DEBUG}) or an environment
 * variable, the property first. A value is read as Logback's XML configuration read {@code
 * level="${LOG_LEVEL:-INFO}"}, so that no operator's setting changes meaning: blank leaves the
 * logger's level alone, {@code INHERITED} or {@code NULL} makes a named logger inherit, and any
 * other word that is not a level means DEBUG; none of them stops the start.
 *
 * <p>Format: text ({@link #PATTERN}) or json (one JSON object per line: timestamp in epoch
 * milliseconds, level, threadName, loggerName, mdc, kvpList, message, throwable). Chosen by {@code
 * logging.format} in the configuration, applied at start-up by {@link LogSetup#applyFormat}; the
 * {@code LOG_FORMAT} system property or environment variable (text or json) wins over the file, and
 * is the only choice for whatever is logged before the configuration is read.
 *
 * <p>Secrets: {@link MaskingEncoder} masks, in every message, argument, MDC value and exception
 * message (causes and suppressed included), the bot token, the SMSC password and its MD5, the API
 * key, the value of any psw, apikey or code parameter and the like, and anything shaped like a bot
 * token. Whatever logs: the app, TelegramBots, or OkHttp, whose java.util.logging records are
 * routed here by {@link JulToLogback}. Keep every appender on this encoder.
 *
 * <p>One failed getUpdates is not an ERROR (an ordinary Telegram hiccup must not trip alerting):
 * TelegramBots' own ERROR for it goes to DEBUG ({@link LibraryPollErrors}), the bot logs it as one
 * WARN, and logs one ERROR once polling has been down for more than a minute.
 *
 * <p>An operator's own file still works: with the system property {@code logback.configurationFile}
 * set, this configurator steps aside and Logback reads that file as before; none of the above then
 * applies unless the file says so.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** The text format's line; CR and LF in a message become one space, so one event is one line. */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - "
          + "%replace(%msg){'[\\r\\n]+', ' '}%n%ex";

  static final String APP_LEVEL = "LOG_LEVEL";
  static final String LIBS_LEVEL = "LOG_LEVEL_LIBS";
  static final String ROOT_LEVEL = "LOG_LEVEL_ROOT";

  /** The libraries {@value #LIBS_LEVEL} sets. */
  static final List<String> LIBRARIES =
      List.of("okhttp3", "org.telegram", "org.flywaydb", "com.zaxxer.hikari");

  /** Public, with no arguments: {@link java.util.ServiceLoader} makes it. */
  public LogConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    String file = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    // Blank is no file: stepping aside then would leave Logback's bare console, unmasked.
    if (file != null && !file.isBlank()) {
      addInfo("Leaving the configuration to " + ClassicConstants.CONFIG_FILE_PROPERTY + "=" + file);
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // In the order the XML configuration did them: the filter and the listeners first, so that
    // the levels set below reach java.util.logging too.
    LibraryPollErrors pollErrors = new LibraryPollErrors();
    pollErrors.setContext(context);
    pollErrors.start();
    context.addTurboFilter(pollErrors);

    JulToLogback jul = new JulToLogback();
    jul.setContext(context);
    jul.start();
    context.addListener(jul);

    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);

    setLevel(context.getLogger("dev.sendersbot"), APP_LEVEL, "INFO");
    for (String library : LIBRARIES) {
      setLevel(context.getLogger(library), LIBS_LEVEL, "WARN");
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    setLevel(root, ROOT_LEVEL, "INFO");
    root.addAppender(console(context));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
    MaskingEncoder encoder = new MaskingEncoder();
    encoder.setContext(context);
    encoder.setFormat(setting(LogSetup.FORMAT_PROPERTY, "text"));
    encoder.setPattern(PATTERN);
    encoder.start();

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    return console;
  }

  /** Joran's reading of {@code level="${key:-fallback}"}; see the class comment. */
  private void setLevel(Logger logger, String key, String fallback) {
    String value = setting(key, fallback);
    if (value.isBlank()) {
      return;
    }
    if (value.equalsIgnoreCase("INHERITED") || value.equalsIgnoreCase("NULL")) {
      if (logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
        addError(key + "=" + value + ": the root logger's level cannot be null; left as it was");
      } else {
        logger.setLevel(null);
      }
      return;
    }
    Level level = Level.toLevel(value);
    addInfo("Setting level of logger [" + logger.getName() + "] to " + level + " from " + key);
    logger.setLevel(level);
  }

  /** {@code ${key:-fallback}}: the system property, else the environment variable, else this. */
  private static String setting(String key, String fallback) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(key);
    }
    return value == null ? fallback : value;
  }
}
