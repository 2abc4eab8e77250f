package dev.sendersbot.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The process's one OkHttp client. A class of its own, with no logger: {@code run} builds the
 * client (mostly TLS set-up, the JDK's trust store) on a thread of its own from its first line, and
 * touching logging here would set Logback up on that thread first.
 */
final class ProcessHttp {
  private ProcessHttp() {}

  /** The client; its threads are daemons, so they never hold the JVM. */
  static OkHttpClient create() {
    Dispatcher dispatcher =
        new Dispatcher(
            Executors.newCachedThreadPool(
                r -> {
                  Thread t = new Thread(r, "senders-bot-http");
                  t.setDaemon(true);
                  return t;
                }));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
        .build();
  }

  /** Stops a client made by {@link #create()}: its threads and pooled connections. */
  static void close(OkHttpClient http) {
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }
}
