package dev.sendersbot.telegram;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The messenger's HTTP client: the process's own, with its timeouts, the Bot API's error shape read
 * by {@link ApiErrorShape}, and daemon threads of its own for the calls, stopped on close.
 */
final class SendingHttp implements AutoCloseable {
  final OkHttpClient http;
  private final ThreadPoolExecutor threads;

  SendingHttp(OkHttpClient base, TokenRedactor redactor) {
    // TelegramBots' client runs every call through OkHttp's async dispatcher, whose default
    // threads are not daemons and linger for a minute after the last call.
    this.threads =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Threads.daemon("telegram-send"));
    Dispatcher dispatcher = new Dispatcher(threads);
    dispatcher.setMaxRequestsPerHost(32);
    this.http =
        base.newBuilder()
            .dispatcher(dispatcher)
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(90))
            .addInterceptor(new ApiErrorShape(redactor))
            .build();
  }

  /** Lets calls in flight finish (up to 2 s) and stops the threads. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
        http.dispatcher().cancelAll();
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
    http.connectionPool().evictAll();
  }
}
