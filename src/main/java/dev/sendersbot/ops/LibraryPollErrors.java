package dev.sendersbot.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import org.slf4j.Marker;

/**
 * A turbo filter, set up by {@link LogConfigurator}, that turns TelegramBots' ERROR for one failed
 * getUpdates into a DEBUG line on the same logger, stack trace included; likewise its WARN when a
 * stop interrupts the wait before the next poll (the bot interrupts it itself, on purpose).
 *
 * <p>The library logs every failed poll at ERROR by itself, so an ordinary Telegram hiccup would
 * trip ERROR-based alerting. The bot reports each failed poll as one WARN with what failed, how
 * many in a row and when it polls again, and logs an ERROR only once polling has been down for more
 * than a minute or the Bot API rejects the token ({@code dev.sendersbot.telegram.PollOutage}). The
 * library's line stays available with {@code LOG_LEVEL_LIBS=DEBUG}; it passes the masking encoder
 * like any other line.
 *
 * <p>Only that one message of that one logger is touched: should a TelegramBots upgrade reword it,
 * the ERROR comes back and {@code PollingLogTest} fails.
 */
public final class LibraryPollErrors extends TurboFilter {
  /** TelegramBots' poll loop (Lombok names the logger after the class). */
  static final String LOGGER = "org.telegram.telegrambots.longpolling.BotSession";

  /** The start of the line BotSession logs for each failed getUpdates. */
  static final String FAILED_POLL = "Error received from Telegram GetUpdates Request";

  /** BotSession's line when its back-off sleep is interrupted: only the bot's close() does that. */
  static final String INTERRUPTED_WAIT =
      "GetUpdates got interrupted while sleeping in backoff mode";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (!demoted(level, format) || !LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    // Logged again one level down; this filter lets DEBUG through, so nothing loops.
    if (logger.isDebugEnabled(marker)) {
      logger.debug(marker, format, withThrowable(params, t));
    }
    return FilterReply.DENY;
  }

  private static boolean demoted(Level level, String format) {
    return format != null
        && ((level == Level.ERROR && format.startsWith(FAILED_POLL))
            || (level == Level.WARN && format.startsWith(INTERRUPTED_WAIT)));
  }

  // slf4j takes a trailing Throwable argument as the event's throwable.
  private static Object[] withThrowable(Object[] params, Throwable t) {
    Object[] args = params == null ? new Object[0] : params;
    if (t == null) {
      return args;
    }
    Object[] with = Arrays.copyOf(args, args.length + 1);
    with[args.length] = t;
    return with;
  }
}
