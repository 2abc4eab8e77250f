package dev.sendersbot.smsc.sandbox;

import dev.sendersbot.testing.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a sandbox on a moving clock for each test and talks to it over real HTTP. */
abstract class SandboxTestSupport {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Where each sandbox's clock starts: a fixed weekday morning, in UTC. */
  static final Instant WEEKDAY_MORNING = Instant.parse("2025-01-15T09:00:00Z");

  final FakeClock clock = new FakeClock(WEEKDAY_MORNING);
  SmscSandbox sandbox;

  /** An answer as the client sees it. */
  record Answer(int status, String contentType, String body) {}

  SandboxOptions options() {
    return SandboxOptions.defaults().withClock(clock).withSeed(42L);
  }

  @BeforeEach
  void startSandbox() {
    sandbox = SmscSandbox.start(options());
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  /** POSTs a form with the account's login and password added. */
  Answer api(String form) {
    return post(credentials() + "&" + form);
  }

  /** The body of {@link #api}. */
  String body(String form) {
    return api(form).body();
  }

  String credentials() {
    return "login=" + enc(sandbox.login()) + "&psw=" + enc(sandbox.password());
  }

  Answer post(String form) {
    return send(
        HttpRequest.newBuilder(sandbox.apiUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
  }

  Answer get(String query) {
    return send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "?" + query)).GET());
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      String type = r.headers().firstValue("Content-Type").orElse("");
      return new Answer(r.statusCode(), type, new String(r.body(), charsetOf(type)));
    } catch (IOException e) {
      throw new AssertionError("request to the sandbox failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A control call: JSON in, JSON text out. */
  Answer control(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + path));
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(b);
  }

  static Charset charsetOf(String contentType) {
    int at = contentType.toLowerCase().indexOf("charset=");
    return at < 0
        ? StandardCharsets.ISO_8859_1
        : Charset.forName(contentType.substring(at + 8).strip());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
