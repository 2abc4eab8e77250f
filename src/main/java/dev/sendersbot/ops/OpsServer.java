package dev.sendersbot.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sendersbot.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health and metrics endpoint, on the JDK's HTTP server: {@code GET /healthz} answers 200 when
 * every {@link HealthCheck} passes and 503 otherwise, with a JSON body naming each check, its
 * outcome and detail; {@code GET /metrics} answers the {@link Metrics} in Prometheus text format.
 * Anything else is 404 (405 for another method on a known path).
 *
 * <p>Bound to {@code http.bind:http.port} (loopback by default: the endpoint has no
 * authentication); not started at all when {@code http.enabled} is false.
 */
public final class OpsServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Metrics metrics;
  private final List<HealthCheck> checks;

  private OpsServer(
      HttpServer server, ExecutorService executor, Metrics metrics, List<HealthCheck> checks) {
    this.server = server;
    this.executor = executor;
    this.metrics = metrics;
    this.checks = checks;
  }

  /**
   * Starts the endpoint as {@code http} says, or returns one that is not running when it is
   * disabled (so the caller closes it the same way either way).
   *
   * @throws IOException when the address cannot be bound (port taken, unknown host)
   */
  public static OpsServer start(
      Config.Http http, Metrics metrics, List<? extends HealthCheck> checks) throws IOException {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(metrics, "metrics");
    List<HealthCheck> all = List.copyOf(checks);
    if (!http.enabled()) {
      log.info("health and metrics endpoint disabled (http.enabled: false)");
      return new OpsServer(null, null, metrics, all);
    }
    HttpServer server;
    try {
      // Resolved here, inside the try: a host name that does not resolve names its key too.
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(http.bind()), http.port());
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen on http.bind "
              + http.bind()
              + ", http.port "
              + http.port()
              + ": "
              + e.getMessage(),
          e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ops-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    OpsServer ops = new OpsServer(server, executor, metrics, all);
    server.createContext("/", ops::handle);
    server.setExecutor(executor);
    server.start();
    log.info(
        "health and metrics on http://{}:{}/ (/healthz, /metrics)",
        server.getAddress().getHostString(),
        server.getAddress().getPort());
    return ops;
  }

  /** Where it listens (the real port when 0 was asked); empty when disabled or closed. */
  public Optional<InetSocketAddress> address() {
    return running() ? Optional.of(server.getAddress()) : Optional.empty();
  }

  /** False when disabled by configuration or closed. */
  public boolean running() {
    return server != null && !executor.isShutdown();
  }

  @Override
  public void close() {
    if (server != null && !executor.isShutdown()) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      boolean known = path.equals("/healthz") || path.equals("/metrics");
      if (!known) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found; try /healthz or /metrics\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
      } else if (path.equals("/healthz")) {
        health(exchange);
      } else {
        send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
      }
    } catch (RuntimeException e) {
      log.warn("ops endpoint failed on {}", exchange.getRequestURI().getPath(), e);
      throw e;
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode results = JSON.createArrayNode();
    ArrayNode failing = JSON.createArrayNode();
    for (HealthCheck c : checks) {
      HealthCheck.Result r;
      try {
        r = c.check();
      } catch (RuntimeException e) {
        r = HealthCheck.Result.fail("check threw " + HealthChecks.describe(e));
      }
      if (!r.ok()) {
        failing.add(c.name());
      }
      results
          .addObject()
          .put("name", c.name())
          .put("ok", r.ok())
          .put("detail", LogMasking.mask(r.detail()));
    }
    boolean ok = failing.isEmpty();
    body.put("status", ok ? "ok" : "fail");
    body.set("failing", failing);
    body.set("checks", results);
    if (!ok) {
      log.debug("healthz: failing {}", failing);
    }
    send(exchange, ok ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
