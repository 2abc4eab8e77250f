package dev.sendersbot.smsc;

import static dev.sendersbot.smsc.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.SmscTransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a request can fail without a provider answer, and which failures earn a second try. */
class HttpSendersApiTransportTest {

  static final Duration SHORT = Duration.ofMillis(200);
  static final Duration PATIENT = SmscServerExtension.PATIENT;

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.withBackup();
  final MockWebServer primary = smsc.primary();
  final MockWebServer backup = smsc.backup();
  final OkHttpClient shared = smsc.shared();

  /** A client of the primary server with no second host. */
  SendersApi alone(Duration timeout) {
    return SmscClients.http(Fixtures.settings(Fixtures.baseUrl(primary), timeout), shared, null);
  }

  /**
   * A client of the primary server whose lists fall back on the backup server.
   *
   * @param timeout {@link #SHORT} only where a request is meant to time out: on a loaded machine an
   *     answered request may take longer than that
   */
  SendersApi withBackup(Duration timeout) {
    return SmscClients.http(
        Fixtures.settings(Fixtures.baseUrl(primary), timeout), shared, Fixtures.baseUrl(backup));
  }

  static SmscTransportException listFails(SendersApi api) {
    return assertThrows(SmscTransportException.class, () -> api.list(ListQuery.full(null)));
  }

  /** Scripted failures, each with the kind it must give. */
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "no answer at all",
            (Supplier<MockResponse>)
                () -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
            Kind.TIMEOUT),
        Arguments.of(
            "answer delayed past the timeout",
            (Supplier<MockResponse>) () -> json("[]").setHeadersDelay(350, TimeUnit.MILLISECONDS),
            Kind.TIMEOUT),
        Arguments.of(
            "body delayed past the timeout",
            (Supplier<MockResponse>)
                () ->
                    json("[{\"sender\": \"A\", \"id\": 1}]")
                        .setBodyDelay(350, TimeUnit.MILLISECONDS),
            Kind.TIMEOUT),
        Arguments.of(
            "HTTP 503",
            (Supplier<MockResponse>) () -> json("[]").setResponseCode(503),
            Kind.HTTP_STATUS),
        Arguments.of(
            "HTTP 404 page",
            (Supplier<MockResponse>)
                () -> new MockResponse().setResponseCode(404).setBody("<html>not here</html>"),
            Kind.HTTP_STATUS),
        Arguments.of(
            "HTML page with 200",
            (Supplier<MockResponse>)
                () ->
                    new MockResponse()
                        .setHeader("Content-Type", "text/html")
                        .setBody("<!DOCTYPE html><html><body>Maintenance</body></html>"),
            Kind.MALFORMED),
        Arguments.of(
            "truncated JSON",
            (Supplier<MockResponse>)
                () -> json("[{\"sender\": \"A\", \"id\": 1}, {\"sender\": \"B\", \"i"),
            Kind.MALFORMED),
        Arguments.of(
            "not JSON",
            (Supplier<MockResponse>) () -> new MockResponse().setBody("name = A, id = 1"),
            Kind.MALFORMED),
        Arguments.of(
            "empty body",
            (Supplier<MockResponse>) () -> new MockResponse().setBody(""),
            Kind.MALFORMED),
        Arguments.of(
            "disconnect after the request",
            (Supplier<MockResponse>)
                () -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST),
            Kind.CONNECTION),
        Arguments.of(
            "disconnect during the body",
            (Supplier<MockResponse>)
                () ->
                    json("[{\"sender\": \"A\", \"id\": 1}, {\"sender\": \"B\", \"id\": 2}]")
                        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY),
            Kind.CONNECTION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void eachTransportFailureHasItsKindAndAPlainMessage(
      String what, Supplier<MockResponse> failure, Kind kind) {
    primary.enqueue(failure.get());

    SmscTransportException e = listFails(alone(SHORT));

    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("list 127.0.0.1:" + primary.getPort() + "/sys/senders.php: "),
        e.getMessage());
    assertFalse(e.getMessage().contains("?"), "no query string: " + e.getMessage());
    assertFalse(
        e.getMessage().contains("Maintenance") || e.getMessage().contains("not here"),
        "the page's text stays out: " + e.getMessage());
    assertEquals(1, primary.getRequestCount());
  }

  @Test
  void theMessagesSayWhatWentWrong() {
    record Case(MockResponse response, String says) {}
    List<Case> cases =
        List.of(
            new Case(
                new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
                "no answer within 200 ms"),
            new Case(json("oops").setResponseCode(502), "HTTP status 502"),
            new Case(
                new MockResponse().setBody("<html><body>x</body></html>"),
                "an HTML page instead of JSON"),
            new Case(json("{\"result\": \"O"), "truncated JSON"),
            new Case(json("{\"result\": \"OK\"} trailing"), "not JSON"),
            new Case(new MockResponse().setBody(" \n"), "empty answer"),
            new Case(json("[]"), "expected {\"result\": \"OK\"}, got a JSON array"));
    SendersApi api = alone(SHORT);
    for (Case c : cases) {
      primary.enqueue(c.response());

      SmscTransportException e =
          assertThrows(
              SmscTransportException.class,
              () -> api.delete(new DeleteRequest(SenderRef.name("my_shop"), null)));

      assertEquals(
          "delete 127.0.0.1:" + primary.getPort() + "/sys/senders.php: " + c.says(),
          e.getMessage());
    }
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    SendersApi api =
        SmscClients.http(
            Fixtures.settings(URI.create("http://127.0.0.1:" + closedPort), SHORT), shared, null);

    SmscTransportException e = listFails(api);

    assertEquals(Kind.CONNECTION, e.kind());
    assertEquals(
        "list 127.0.0.1:" + closedPort + "/sys/senders.php: connection refused", e.getMessage());
  }

  // Why: a 307 would make OkHttp re-send the form, password included, wherever it points.
  @Test
  void aRedirectIsNotFollowed() {
    backup.enqueue(json("[]"));
    primary.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", backup.url("/sys/senders.php")));

    SmscTransportException e = listFails(alone(PATIENT));

    assertEquals(Kind.HTTP_STATUS, e.kind());
    assertEquals(0, backup.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aListIsTriedOnceMoreOnTheBackupHostAfterATransportFailure(
      String what, Supplier<MockResponse> failure, Kind kind) {
    primary.enqueue(failure.get());
    backup.enqueue(json("[{\"sender\": \"A\", \"status\": 1, \"id\": 1}]"));

    List<Sender> names = withBackup(SHORT).list(ListQuery.full("subalex"));

    assertEquals(List.of("A"), names.stream().map(Sender::name).toList());
    assertEquals(1, primary.getRequestCount());
    assertEquals(1, backup.getRequestCount());
    Fixtures.take(primary);
    Fixtures.Form second = Fixtures.form(Fixtures.take(backup));
    assertEquals("subalex", second.get("user"), "the same request goes to the backup");
    assertEquals("1", second.get("get"));
  }

  @Test
  void whenTheBackupFailsTooThePrimaryFailureIsReportedWithTheBackupsAttached() {
    primary.enqueue(json("").setResponseCode(503));
    backup.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    primary.enqueue(json("[]"));

    SmscTransportException e = listFails(withBackup(PATIENT));

    assertEquals(Kind.HTTP_STATUS, e.kind());
    assertEquals(1, e.getSuppressed().length);
    assertEquals(Kind.CONNECTION, ((SmscTransportException) e.getSuppressed()[0]).kind());
    assertEquals(1, primary.getRequestCount(), "never a third try");
    assertEquals(1, backup.getRequestCount());
  }

  @Test
  void aProviderErrorFromTheBackupIsReportedAsItCame() {
    primary.enqueue(json("").setResponseCode(500));
    backup.enqueue(json("{\"error\": \"duplicate request, wait a minute\", \"error_code\": 9}"));

    SmscError e =
        assertThrows(SmscError.class, () -> withBackup(PATIENT).list(ListQuery.full(null)));

    assertTrue(e.is(SmscErrorCode.RATE_LIMITED));
  }

  // Why: errors 2 and 4 above all: a second request extends the provider's IP block.
  @ParameterizedTest(name = "error {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 99})
  void aListIsNeverRetriedAfterAProviderError(int code) {
    primary.enqueue(json("{\"error\": \"e\", \"error_code\": " + code + "}"));
    backup.enqueue(json("[]"));

    SmscError e =
        assertThrows(SmscError.class, () -> withBackup(PATIENT).list(ListQuery.full(null)));

    assertEquals(code, e.rawCode());
    assertEquals(1, primary.getRequestCount());
    assertEquals(0, backup.getRequestCount());
  }

  @Test
  void mutationsAreNeverRetried() {
    Map<String, Consumer<SendersApi>> mutations =
        Map.of(
            "add", a -> a.add(AddRequest.of("my_shop", null, null)),
            "change", a -> a.change(new ChangeRequest(SenderRef.id(1), "c", null, null, null)),
            "send_code", a -> a.sendCode(SendCodeRequest.of("79991234567", null)),
            "check_code", a -> a.checkCode(new CheckCodeRequest("79991234567", "1234", null)),
            "delete", a -> a.delete(new DeleteRequest(SenderRef.id(1), null)));
    SendersApi api = withBackup(PATIENT);
    for (Map.Entry<String, Consumer<SendersApi>> m : mutations.entrySet()) {
      primary.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

      SmscTransportException e =
          assertThrows(SmscTransportException.class, () -> m.getValue().accept(api), m.getKey());

      assertEquals(Kind.CONNECTION, e.kind());
      assertTrue(e.getMessage().startsWith(m.getKey() + " "), e.getMessage());
    }
    assertEquals(mutations.size(), primary.getRequestCount());
    assertEquals(0, backup.getRequestCount());
  }

  // Why: OkHttp on its own re-sends a request whose connection drops after it went out; for an
  // add that would create the name twice.
  @Test
  void aMutationIsNotResentWhenItsConnectionDropsAfterTheRequest() {
    OkHttpClient pooling = Fixtures.poolingClient();
    SendersApi api =
        SmscClients.http(
            Fixtures.settings(Fixtures.baseUrl(primary), Duration.ofSeconds(5)), pooling, null);
    primary.enqueue(json("{\"result\": \"OK\"}"));
    primary.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    primary.enqueue(json("{\"sender\": 2}"));
    api.delete(new DeleteRequest(SenderRef.id(1), null));

    SmscTransportException e =
        assertThrows(
            SmscTransportException.class, () -> api.add(AddRequest.of("my_shop", null, null)));

    assertEquals(Kind.CONNECTION, e.kind());
    assertEquals(2, primary.getRequestCount(), "the add went out once");
    Fixtures.close(pooling);
  }

  // Why: servers close idle keep-alive connections after a few seconds (Node and uvicorn after 5,
  // gunicorn after 2); OkHttp finds that out only by writing a request to the dead connection, and
  // then cannot re-send it. Every command a few seconds after the previous one failed.
  @Test
  void aProviderThatClosesIdleConnectionsStillGetsEveryRequest() throws IOException {
    OkHttpClient pooling = Fixtures.poolingClient();
    try (ClosingServer server = new ClosingServer("{\"result\": \"OK\"}")) {
      SendersApi api =
          SmscClients.http(
              Fixtures.settings(server.baseUrl(), Duration.ofSeconds(5)), pooling, null);

      for (int i = 1; i <= 3; i++) {
        api.delete(new DeleteRequest(SenderRef.id(i), null));
      }

      assertEquals(3, server.answered());
    } finally {
      Fixtures.close(pooling);
    }
  }

  /**
   * An HTTP/1.1 server that answers as if the connection stayed open (no {@code Connection: close})
   * and then closes it: a keep-alive timeout shorter than the client's next request.
   */
  static final class ClosingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] answer;
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread thread;

    ClosingServer(String body) throws IOException {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      this.answer =
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8);
      this.thread = new Thread(this::serve, "closing-smsc");
      thread.setDaemon(true);
      thread.start();
    }

    URI baseUrl() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int answered() {
      return answered.get();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket c = socket.accept()) {
          InputStream in = c.getInputStream();
          int length = readHead(in);
          in.readNBytes(length);
          answered.incrementAndGet(); // before the answer: the client moves on once it has it
          c.getOutputStream().write(answer);
          c.getOutputStream().flush();
        } catch (IOException e) {
          // closed
        }
      }
    }

    /** Reads the request's head; returns its Content-Length. */
    private static int readHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) != -1) {
        head.append((char) b);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  // Why: a change whose answer was lost may have been made; only a connection never made is sure
  // to have carried nothing.
  @Test
  void aChangeMayHaveTakenEffectUnlessItsConnectionWasNeverMade() throws IOException {
    primary.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    SmscTransportException timedOut =
        assertThrows(
            SmscTransportException.class,
            () -> alone(SHORT).delete(new DeleteRequest(SenderRef.id(1), null)));
    primary.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    SmscTransportException listTimedOut = listFails(alone(SHORT));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    SendersApi nowhere =
        SmscClients.http(
            Fixtures.settings(URI.create("http://127.0.0.1:" + closedPort), PATIENT), shared, null);
    SmscTransportException refused =
        assertThrows(
            SmscTransportException.class,
            () -> nowhere.delete(new DeleteRequest(SenderRef.id(1), null)));

    assertTrue(timedOut.mayHaveTakenEffect(), timedOut.getMessage());
    assertFalse(listTimedOut.mayHaveTakenEffect(), "a list changes nothing");
    assertFalse(refused.mayHaveTakenEffect(), refused.getMessage());
  }

  // Why: a caller being shut down must not wait for a second host.
  @Test
  void anInterruptedListIsNotTriedOnTheBackup() {
    primary.enqueue(json("[]"));
    backup.enqueue(json("[]"));
    Thread.currentThread().interrupt();
    try {
      SmscTransportException e = listFails(withBackup(PATIENT));

      assertEquals(Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().endsWith(": interrupted before an answer came"), e.getMessage());
      assertEquals(0, backup.getRequestCount());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theBackupHostIsDerivedFromTheConfiguredHostByDefault() {
    SendersApi api =
        SmscClients.http(Fixtures.settings(URI.create("https://smsc.ru"), SHORT), shared);

    assertTrue(api.toString().contains("backup www2.smsc.ru"), api.toString());
  }
}
