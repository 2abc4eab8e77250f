package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The webhook's HTTP checks, before anything reaches the transport. */
class WebhookServerTest {
  private static final String SECRET = "the-Secret_1";
  private static final String UPDATE =
      "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1,"
          + "\"chat\":{\"id\":9,\"type\":\"private\"},\"text\":\"hi\",\"future_field\":1}}";

  private final List<Long> delivered = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stored = new AtomicBoolean(true);
  private final HttpClient client = HttpClient.newHttpClient();
  private WebhookServer server;

  @BeforeEach
  void setUp() throws Exception {
    WebhookServer.Delivery d =
        (Update u) -> {
          delivered.add(u.getUpdateId().longValue());
          return stored.get();
        };
    server =
        WebhookServer.start(
            new WebhookSettings(URI.create("https://x.test/hook"), "127.0.0.1", 0, SECRET, 3), d);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private int send(String method, String path, String secret, byte[] body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      r.header(WebhookServer.SECRET_HEADER, secret);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int post(String secret, String body) throws Exception {
    return send("POST", "/hook", secret, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void anUpdateWithTheSecretIsDeliveredAndAcknowledged() throws Exception {
    assertEquals(200, post(SECRET, UPDATE));
    assertEquals(List.of(5L), delivered, "unknown fields do not stop an update");
  }

  @Test
  void notStoredIs503SoTelegramPostsItAgain() throws Exception {
    stored.set(false);
    assertEquals(503, post(SECRET, UPDATE));
  }

  @Test
  void onlyPostOnTheConfiguredPathWithTheSecret() throws Exception {
    assertEquals(401, post(null, UPDATE));
    assertEquals(401, post("the-Secret_", UPDATE));
    assertEquals(401, post("THE-SECRET_1", UPDATE));
    assertEquals(405, send("GET", "/hook", SECRET, new byte[0]));
    assertEquals(405, send("PUT", "/hook", SECRET, UPDATE.getBytes()));
    assertEquals(404, send("POST", "/hook/x", SECRET, UPDATE.getBytes()));
    assertEquals(404, send("POST", "/", SECRET, UPDATE.getBytes()));
    assertTrue(delivered.isEmpty());
  }

  @Test
  void aBodyThatIsNoUpdateOrTooLargeIsRefused() throws Exception {
    assertEquals(400, post(SECRET, "not json"));
    assertEquals(400, post(SECRET, "{\"message\":{}}"));
    assertTrue(statusLine(true).startsWith("HTTP/1.1 413"));
    assertTrue(statusLine(false).startsWith("HTTP/1.1 413"), "chunked, no length declared");
    assertTrue(delivered.isEmpty());
  }

  /**
   * A request that declares a body over the limit and sends none of it: the server answers before
   * reading a body. (Sent whole, the body raced the early answer: the client's upload could meet
   * the closed connection before it read the status, one run in many on a busy machine.)
   */
  private String statusLine(boolean declared) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + WebhookServer.SECRET_HEADER
              + ": "
              + SECRET
              + "\r\nContent-Type: application/json\r\n"
              + (declared
                  ? "Content-Length: " + (WebhookServer.MAX_BODY_BYTES + 1) + "\r\n\r\n"
                  : "Transfer-Encoding: chunked\r\n\r\n");
      java.io.OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (!declared) {
        // One chunk just over the limit: the server reads up to the limit and answers.
        int n = WebhookServer.MAX_BODY_BYTES + 1;
        out.write(
            (Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] big = new byte[n];
        java.util.Arrays.fill(big, (byte) ' ');
        out.write(big);
        out.write("\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      out.flush();
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
          .readLine();
    }
  }
}
