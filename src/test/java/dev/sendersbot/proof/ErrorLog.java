package dev.sendersbot.proof;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Every ERROR event of any logger (the bot's, TelegramBots', OkHttp's) while open. A suite names
 * the ERROR lines it expects, each with the reason; any other one fails it.
 */
final class ErrorLog implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Predicate<String>> expected = new ArrayList<>();

  ErrorLog() {
    appender.addFilter(
        new ch.qos.logback.core.filter.Filter<>() {
          @Override
          public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent e) {
            return e.getLevel().isGreaterOrEqual(Level.ERROR)
                ? ch.qos.logback.core.spi.FilterReply.NEUTRAL
                : ch.qos.logback.core.spi.FilterReply.DENY;
          }
        });
    appender.start();
    root.addAppender(appender);
  }

  /** An ERROR line containing {@code fragment} is expected; {@code why} says so in the code. */
  ErrorLog expect(String fragment, String why) {
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("say why the ERROR line is expected: " + fragment);
    }
    expected.add(line -> line.contains(fragment));
    return this;
  }

  /** Every captured ERROR line, with its throwables. */
  synchronized List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      StringBuilder b =
          new StringBuilder(e.getLoggerName())
              .append(" [")
              .append(e.getThreadName())
              .append("] ")
              .append(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        if (t.getStackTraceElementProxyArray().length > 0) {
          b.append(" at ").append(t.getStackTraceElementProxyArray()[0].getSTEAsString());
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** The ERROR lines nobody expected. */
  List<String> unexpected() {
    return lines().stream().filter(l -> expected.stream().noneMatch(p -> p.test(l))).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
