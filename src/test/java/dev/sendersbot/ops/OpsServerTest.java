package dev.sendersbot.ops;

import static dev.sendersbot.ops.Scrapes.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.config.Config;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  static final Config.Http LOOPBACK_EPHEMERAL =
      new Config.Http(true, Config.defaults().http().bind(), 0);

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  final Metrics metrics = Metrics.prometheus();
  final List<OpsServer> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(OpsServer::close);
    metrics.close();
    LogMasking.registerSecrets(List.of());
  }

  OpsServer start(HealthCheck... checks) throws IOException {
    OpsServer s = OpsServer.start(LOOPBACK_EPHEMERAL, metrics, List.of(checks));
    started.add(s);
    return s;
  }

  HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return send(server, path, "GET");
  }

  HttpResponse<String> send(OpsServer server, String path, String method) throws Exception {
    InetSocketAddress a = server.address().orElseThrow();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HealthCheck fixed(String name, HealthCheck.Result result) {
    return HealthChecks.of(name, () -> result);
  }

  /** Before, run ended "UncheckedIOException: no-such-host.invalid: ...", naming no key. */
  @Test
  void aBindAddressThatDoesNotResolveNamesItsKey() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                OpsServer.start(
                    new Config.Http(true, "no-such-host.invalid", 0), metrics, List.of()));
    assertTrue(
        e.getMessage().startsWith("cannot listen on http.bind no-such-host.invalid"), e.toString());
  }

  @Test
  void healthzAnswers200WhenEveryCheckPasses() throws Exception {
    OpsServer server =
        start(
            fixed("telegram", HealthCheck.Result.ok("last getUpdates 2.0s ago")),
            fixed("database", HealthCheck.Result.ok("writable")));

    HttpResponse<String> r = get(server, "/healthz");

    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = json.readTree(r.body());
    assertEquals("ok", body.get("status").asText());
    assertEquals(0, body.get("failing").size());
    assertEquals("telegram", body.get("checks").get(0).get("name").asText());
    assertEquals("last getUpdates 2.0s ago", body.get("checks").get(0).get("detail").asText());
  }

  @Test
  void healthzAnswers503NamingTheFailingCheckAndWhy() throws Exception {
    OpsServer server =
        start(
            fixed("telegram", HealthCheck.Result.ok("last getUpdates 2.0s ago")),
            HealthChecks.of(
                "database",
                () -> {
                  throw new IOException("attempt to write a readonly database");
                }));

    HttpResponse<String> r = get(server, "/healthz");

    assertEquals(503, r.statusCode());
    JsonNode body = json.readTree(r.body());
    assertEquals("fail", body.get("status").asText());
    assertEquals("[\"database\"]", body.get("failing").toString());
    JsonNode db = body.get("checks").get(1);
    assertFalse(db.get("ok").asBoolean());
    assertEquals("IOException: attempt to write a readonly database", db.get("detail").asText());
    assertTrue(body.get("checks").get(0).get("ok").asBoolean());
  }

  // A check written carelessly (throwing, or quoting a URL with the token) must neither break
  // the endpoint nor leak through it.
  @Test
  void aThrowingCheckFailsWithItsSecretsMasked() throws Exception {
    LogMasking.register(Secrets.config());
    HealthCheck careless =
        new HealthCheck() {
          @Override
          public String name() {
            return "telegram";
          }

          @Override
          public Result check() {
            throw new IllegalStateException("no answer from /bot" + Secrets.TOKEN + "/getUpdates");
          }
        };
    OpsServer server = start(careless);

    HttpResponse<String> r = get(server, "/healthz");

    assertEquals(503, r.statusCode());
    assertFalse(r.body().contains(Secrets.TOKEN_SECRET), r.body());
    assertTrue(
        r.body().contains("no answer from /bot" + Secrets.BOT_ID + ":****/getUpdates"), r.body());
  }

  @Test
  void metricsServesPrometheusTextAndTheCountersMove() throws Exception {
    OpsServer server = start();
    metrics.command("add", "ok");

    HttpResponse<String> first = get(server, "/metrics");
    assertEquals(200, first.statusCode());
    assertEquals(OpsServer.PROMETHEUS_TEXT, first.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        1.0, valueOf(first.body(), "sendersbot_commands_total{command=\"add\",outcome=\"ok\"}"));
    assertEquals(0.0, valueOf(first.body(), "sendersbot_updates_handled_total"));

    metrics.command("add", "ok");
    metrics.updateHandled();
    metrics.updateHandled();
    metrics.updateHandled();

    String second = get(server, "/metrics").body();
    assertEquals(2.0, valueOf(second, "sendersbot_commands_total{command=\"add\",outcome=\"ok\"}"));
    assertEquals(3.0, valueOf(second, "sendersbot_updates_handled_total"));
    assertTrue(second.contains("# TYPE sendersbot_updates_handled_total counter"), second);
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    OpsServer server = start();
    assertEquals(404, get(server, "/").statusCode());
    assertEquals(404, get(server, "/healthz/extra").statusCode());
    assertEquals(404, get(server, "/admin").statusCode());
    HttpResponse<String> post = send(server, "/metrics", "POST");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    assertEquals(200, send(server, "/healthz", "HEAD").statusCode());
  }

  @Test
  void bindsToLoopbackByDefault() throws Exception {
    assertEquals("127.0.0.1", Config.defaults().http().bind());
    OpsServer server = start();
    InetSocketAddress a = server.address().orElseThrow();
    assertTrue(a.getAddress().isLoopbackAddress(), a.toString());

    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no other interface to try");
    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(external.get(), a.getPort()), 2000);
          }
        });
  }

  @Test
  void disabledDoesNotListen() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    OpsServer server =
        OpsServer.start(new Config.Http(false, "127.0.0.1", port), metrics, List.of());
    started.add(server);

    assertFalse(server.running());
    assertTrue(server.address().isEmpty());
    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
          }
        });
  }

  @Test
  void closeStopsListening() throws Exception {
    OpsServer server = start();
    int port = server.address().orElseThrow().getPort();
    server.close();
    assertFalse(server.running());
    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
          }
        });
  }

  @Test
  void aTakenPortIsReportedWithTheConfiguredAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  OpsServer.start(
                      new Config.Http(true, "127.0.0.1", taken.getLocalPort()),
                      metrics,
                      List.of()));
      assertTrue(e.getMessage().contains("http.port " + taken.getLocalPort()), e.getMessage());
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (InetAddress address : ni.inetAddresses().toList()) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
