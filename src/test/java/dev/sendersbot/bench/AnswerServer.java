package dev.sendersbot.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Serves provider answers held as bytes in memory on 127.0.0.1, chosen by the request's form body:
 * a benchmark then measures the client, not the sandbox rendering 15,000 names.
 */
public final class AnswerServer implements AutoCloseable {
  private final HttpServer server;

  private AnswerServer(HttpServer server) {
    this.server = server;
  }

  /** {@code answer} gets the request's body (a form) and gives the bytes to answer with. */
  public static AnswerServer start(Function<String, byte[]> answer) {
    // The JDK server writes head and body apart: without this the body waits for a delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext(
          "/",
          exchange -> {
            String form;
            try (InputStream in = exchange.getRequestBody()) {
              form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            byte[] body = answer.apply(form);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r)));
      server.start();
      return new AnswerServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "answer-server");
    t.setDaemon(true);
    return t;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
