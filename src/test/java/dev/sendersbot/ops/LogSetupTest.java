package dev.sendersbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendersbot.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LogConfigurator's console appender follows logging.format; a typo keeps the log readable. */
class LogSetupTest {

  @AfterEach
  void backToText() {
    LogSetup.setFormat("text");
  }

  @Test
  void theConfiguredFormatReachesLogbacksAppender() {
    assumeTrue(
        System.getenv(LogSetup.FORMAT_PROPERTY) == null
            && System.getProperty(LogSetup.FORMAT_PROPERTY) == null);
    assertEquals("text", LogSetup.applyFormat(Config.defaults().logging()));
    assertEquals("json", LogSetup.applyFormat(new Config.Logging("json")));
    assertEquals("text", LogSetup.applyFormat(new Config.Logging("text")));
  }

  @Test
  void theLogFormatPropertyWinsOverTheFile() {
    assumeTrue(System.getenv(LogSetup.FORMAT_PROPERTY) == null);
    System.setProperty(LogSetup.FORMAT_PROPERTY, "json");
    try {
      assertEquals("json", LogSetup.applyFormat(new Config.Logging("text")));
    } finally {
      System.clearProperty(LogSetup.FORMAT_PROPERTY);
    }
  }

  // A wrong LOG_FORMAT must not silence the log: it stays text.
  @Test
  void anUnknownFormatFallsBackToText() {
    LogSetup.setFormat("json");
    assertEquals("text", LogSetup.setFormat("yaml"));
  }
}
