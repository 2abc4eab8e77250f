package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sendersbot.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** An unexpected failure is logged with the chat id, and never with a confirmation code. */
class LoggingTest {
  @RegisterExtension final TestBot bot = new TestBot();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger("dev.sendersbot.chat");

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  @Test
  void unexpectedFailureIsLoggedWithTheChatIdButNotTheCode() {
    ChatRef ops = bot.groupWith(-1001, Role.OPERATOR, null);
    bot.say(ops, user(7), "/sendcode 79990001122");
    String code = bot.gateway.codeSentTo("79990001122");
    bot.gateway.failNext(new IllegalStateException("database is locked"));
    bot.say(ops, user(7), "/confirm " + code);

    assertEquals("Something went wrong; it has been logged.", bot.out.lastText());
    ILoggingEvent e =
        logs.list.stream().filter(x -> x.getThrowableProxy() != null).findFirst().orElseThrow();
    assertTrue(e.getFormattedMessage().contains("-1001"), e.getFormattedMessage());
    assertEquals("database is locked", e.getThrowableProxy().getMessage());
    for (ILoggingEvent x : logs.list) {
      assertFalse(x.getFormattedMessage().contains(code), x.getFormattedMessage());
    }
  }
}
