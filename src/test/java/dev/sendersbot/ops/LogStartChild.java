package dev.sendersbot.ops;

import org.slf4j.LoggerFactory;

/** A fresh JVM's first log line, for {@link LogStartTest}: Logback configures itself here. */
public final class LogStartChild {
  private LogStartChild() {}

  public static void main(String[] args) {
    LoggerFactory.getLogger("dev.sendersbot.child").warn("child started");
  }
}
