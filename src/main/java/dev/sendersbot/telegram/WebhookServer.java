package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook's HTTP side, on the JDK's server: takes a POST to the configured path carrying the
 * secret, reads one update from a bounded body and answers 200 only once {@link Delivery} says the
 * update is handled or stored; anything else Telegram sends again later. A request without the
 * right secret gets 401 and nothing of it is read or handled.
 */
final class WebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  /** An update is a few kilobytes; a body this big is not one. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Where an update goes. */
  interface Delivery {
    /**
     * @return true when the update is handled or stored (200), false when Telegram is to send it
     *     again (503)
     */
    boolean deliver(Update update) throws InterruptedException;
  }

  private final String path;
  private final byte[] secretDigest;
  private final Delivery delivery;
  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicLong refused = new AtomicLong();

  private WebhookServer(WebhookSettings settings, Delivery delivery, HttpServer server) {
    this.path = settings.path();
    this.secretDigest = digest(settings.secret());
    this.delivery = delivery;
    this.server = server;
    // One thread per connection Telegram may open, and one for a stray caller.
    this.pool =
        Executors.newFixedThreadPool(
            settings.maxConnections() + 1, Threads.daemon("telegram-webhook"));
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  /**
   * Listens on {@code settings.bind():settings.port()}.
   *
   * @throws IOException when the address cannot be bound
   */
  static WebhookServer start(WebhookSettings settings, Delivery delivery) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
    WebhookServer w = new WebhookServer(settings, delivery, server);
    server.start();
    return w;
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getRawPath().equals(path)) {
        answer(ex, 404);
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        ex.getResponseHeaders().set("Allow", "POST");
        answer(ex, 405);
        return;
      }
      if (!secretMatches(ex.getRequestHeaders().getFirst(SECRET_HEADER))) {
        long n = refused.incrementAndGet();
        if (Long.bitCount(n) == 1) {
          log.warn(
              "Webhook request from {} refused: wrong or missing secret ({} so far)",
              ex.getRemoteAddress().getAddress().getHostAddress(),
              n);
        }
        answer(ex, 401);
        return;
      }
      if (declaredTooLarge(ex.getRequestHeaders().getFirst("Content-Length"))) {
        answer(ex, 413);
        return;
      }
      byte[] body = readBounded(ex.getRequestBody());
      if (body == null) {
        answer(ex, 413);
        return;
      }
      Update update;
      try {
        update = UnreadableUpdates.read(JSON, JSON.readTree(body));
      } catch (IOException e) {
        log.warn(
            "Webhook request refused: the body is no update ({})", e.getClass().getSimpleName());
        answer(ex, 400);
        return;
      }
      if (update == null || update.getUpdateId() == null) {
        log.warn("Webhook request refused: the body has no update_id");
        answer(ex, 400);
        return;
      }
      boolean stored;
      try {
        stored = delivery.deliver(update);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stored = false;
      } catch (RuntimeException e) {
        log.error("Webhook update {} failed; Telegram sends it again", update.getUpdateId(), e);
        stored = false;
      }
      answer(ex, stored ? 200 : 503);
    }
  }

  // Both sides hashed first, so that neither the comparison's time nor the lengths tell a caller
  // anything about the secret.
  private boolean secretMatches(String given) {
    return given != null && MessageDigest.isEqual(secretDigest, digest(given));
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static boolean declaredTooLarge(String contentLength) {
    try {
      return contentLength != null && Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void answer(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
  }

  /** Stops listening and frees the threads; a request still open is cut off. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        log.warn("A webhook request did not end within 1 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
