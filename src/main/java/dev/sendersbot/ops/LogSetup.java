package dev.sendersbot.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.sendersbot.config.Config;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Start-up wiring of the log: secrets to mask and the line format from the configuration. */
public final class LogSetup {
  /** System property or environment variable that picks the log format before any config. */
  public static final String FORMAT_PROPERTY = "LOG_FORMAT";

  private static final org.slf4j.Logger uncaught =
      LoggerFactory.getLogger("dev.sendersbot.uncaught");

  private LogSetup() {}

  /**
   * {@link LogMasking#register(Config)}, {@link #applyFormat(Config.Logging)} and {@link
   * #logUncaught()} in one call, at start-up.
   */
  public static void configure(Config config) {
    LogMasking.register(config);
    applyFormat(config.logging());
    logUncaught();
  }

  /**
   * Sends exceptions that kill a thread to the log, masked, as one event: the JVM's default would
   * print them raw to stderr, past every mask.
   */
  public static void logUncaught() {
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> uncaught.error("uncaught in thread {}", thread.getName(), e));
  }

  /**
   * Switches every {@link MaskingEncoder} of the running Logback to {@code logging.format}, unless
   * {@value #FORMAT_PROPERTY} is set as a system property or environment variable: like every
   * environment override in this project, that one wins over the file.
   *
   * @return the format now in force, {@code text} or {@code json}
   */
  public static String applyFormat(Config.Logging logging) {
    String override = System.getProperty(FORMAT_PROPERTY);
    if (override == null || override.isBlank()) {
      override = System.getenv(FORMAT_PROPERTY);
    }
    String format = override == null || override.isBlank() ? logging.format() : override;
    return setFormat(format);
  }

  /** Sets the format of every {@link MaskingEncoder}; the format in force, or text if none. */
  static String setFormat(String format) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    String inForce = "text";
    if (!(factory instanceof LoggerContext context)) {
      return inForce;
    }
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out
            && out.getEncoder() instanceof MaskingEncoder encoder) {
          encoder.setFormat(format);
          inForce = encoder.getFormat();
        }
      }
    }
    return inForce;
  }
}
