package dev.sendersbot.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event on the root logger at DEBUG while open. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level level = root.getLevel();
  // LogConfigurator sets these below DEBUG; the capture raises them and restores them on close.
  private final List<Logger> named =
      List.of(
          (Logger) LoggerFactory.getLogger("dev.sendersbot"),
          (Logger) LoggerFactory.getLogger("okhttp3"),
          (Logger) LoggerFactory.getLogger("org.telegram"));
  private final List<Level> namedLevels = named.stream().map(Logger::getLevel).toList();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    named.forEach(l -> l.setLevel(Level.DEBUG));
  }

  /** Each event as text: the formatted message and every throwable's class and message. */
  synchronized List<String> lines() {
    // The JDK HTTP server under FakeBotApi is Telegram's side of the wire: it sees the token by
    // protocol, and its DEBUG lines reach Logback through the java.util.logging bridge.
    return List.copyOf(appender.list).stream()
        .filter(e -> !e.getLoggerName().startsWith("com.sun.net.httpserver"))
        .map(LogCapture::render)
        .toList();
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  private static String render(ILoggingEvent e) {
    StringBuilder b =
        new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      for (IThrowableProxy s : t.getSuppressed()) {
        b.append(" | suppressed ").append(s.getClassName()).append(": ").append(s.getMessage());
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(level);
    for (int i = 0; i < named.size(); i++) {
      named.get(i).setLevel(namedLevels.get(i));
    }
  }
}
