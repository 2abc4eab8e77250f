package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LogConfigurator's default levels: the app at INFO, the chatty HTTP and Telegram libraries at
 * WARN.
 */
class LoggingConfigTest {

  @Test
  void appLogsInfoAndLibrariesOnlyWarnings() {
    assumeTrue(System.getenv("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null);
    assumeTrue(
        System.getenv("LOG_LEVEL_LIBS") == null && System.getProperty("LOG_LEVEL_LIBS") == null);
    Logger app = LoggerFactory.getLogger("dev.sendersbot.watch.Poller");
    assertTrue(app.isInfoEnabled());
    assertFalse(app.isDebugEnabled());
    for (String lib : new String[] {"okhttp3.OkHttpClient", "org.telegram.telegrambots.Foo"}) {
      Logger l = LoggerFactory.getLogger(lib);
      assertTrue(l.isWarnEnabled(), lib);
      assertFalse(l.isInfoEnabled(), lib);
    }
  }
}
