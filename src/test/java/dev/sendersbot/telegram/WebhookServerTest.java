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
    byte[] big = new byte[WebhookServer.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertEquals(413, send("POST", "/hook", SECRET, big));
    assertTrue(delivered.isEmpty());
  }
}
