package dev.sendersbot.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A context listener, set up by {@link LogConfigurator}, that routes java.util.logging into Logback
 * when Logback starts. OkHttp logs through java.util.logging; without this its lines would bypass
 * {@link MaskingEncoder} and reach stderr unmasked, in another format. Pair it with Logback's
 * {@code LevelChangePropagator}, so that a level set in Logback also gates java.util.logging and
 * disabled records cost nothing.
 */
public final class JulToLogback extends ContextAwareBase
    implements LoggerContextListener, LifeCycle {
  private volatile boolean started;

  @Override
  public void start() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      // The JUL root's ConsoleHandler would print every record a second time, unmasked.
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    started = true;
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isStarted() {
    return started;
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {}

  @Override
  public void onReset(LoggerContext context) {}

  @Override
  public void onStop(LoggerContext context) {}

  @Override
  public void onLevelChange(Logger logger, Level level) {}
}
