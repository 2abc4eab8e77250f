package dev.sendersbot.smsc;

import static dev.sendersbot.smsc.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The password and the API key go into request bodies and nowhere else: not a URL, not an exception
 * (message, cause, suppressed, stack trace), not a log line at DEBUG.
 */
class SecretsStayOutTest {

  static final String COMMENT = "comment-Z81";
  static final String CODE = "338824";

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.withBackup();
  final MockWebServer primary = smsc.primary();
  final MockWebServer backup = smsc.backup();
  final OkHttpClient shared = smsc.shared();
  ListAppender<ILoggingEvent> appender;
  Logger root;
  Level rootLevel;
  final List<String> julRecords = new CopyOnWriteArrayList<>();
  final java.util.logging.Logger julOkHttp = java.util.logging.Logger.getLogger("okhttp3");
  java.util.logging.Level julLevel;
  final Handler julHandler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          StringWriter w = new StringWriter();
          w.write(String.valueOf(r.getMessage()));
          if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
              w.write(" " + p);
            }
          }
          if (r.getThrown() != null) {
            r.getThrown().printStackTrace(new PrintWriter(w));
          }
          julRecords.add(w.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final Logger requestLogger = (Logger) LoggerFactory.getLogger(HttpSendersApi.class);
  private Level okhttpLevel;
  private Level appLevel;

  @BeforeEach
  void start() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    okhttpLevel = ((Logger) LoggerFactory.getLogger("okhttp3")).getLevel();
    appLevel = ((Logger) LoggerFactory.getLogger("dev.sendersbot")).getLevel();
    root.setLevel(Level.DEBUG);
    ((Logger) LoggerFactory.getLogger("okhttp3")).setLevel(Level.DEBUG);
    ((Logger) LoggerFactory.getLogger("dev.sendersbot")).setLevel(Level.DEBUG);
    // Set on the counted logger itself too: its request lines were once all missing in a full
    // suite (1 run in 6) while passing alone, so they no longer depend on what it inherits.
    requestLogger.setLevel(Level.DEBUG);
    appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    // OkHttp logs through java.util.logging: watch that too, at its finest level.
    julLevel = julOkHttp.getLevel();
    julOkHttp.setLevel(java.util.logging.Level.ALL);
    julHandler.setLevel(java.util.logging.Level.ALL);
    julOkHttp.addHandler(julHandler);
  }

  @AfterEach
  void stop() throws Exception {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
    // Restore LogConfigurator's levels: other tests in this JVM rely on them.
    ((Logger) LoggerFactory.getLogger("okhttp3")).setLevel(okhttpLevel);
    ((Logger) LoggerFactory.getLogger("dev.sendersbot")).setLevel(appLevel);
    requestLogger.setLevel(null);
    julOkHttp.removeHandler(julHandler);
    julOkHttp.setLevel(julLevel);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"password", "api key"})
  void noSecretInAnyUrlExceptionOrLogLine(String credentials) throws IOException {
    boolean apiKey = credentials.equals("api key");
    String secret = apiKey ? Fixtures.API_KEY : Fixtures.PASSWORD;
    String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    BiFunction<URI, Duration, SmscSettings> settings =
        apiKey ? Fixtures::apiKeySettings : Fixtures::settings;
    // Patient enough for a loaded machine; only the unanswered request below meets a short timeout.
    SendersApi api =
        SmscClients.http(
            settings.apply(Fixtures.baseUrl(primary), Duration.ofSeconds(10)),
            shared,
            Fixtures.baseUrl(backup));
    SendersApi impatient =
        SmscClients.http(
            settings.apply(Fixtures.baseUrl(primary), Duration.ofMillis(150)),
            shared,
            Fixtures.baseUrl(backup));
    List<Throwable> thrown = new ArrayList<>();

    // Every operation answered well.
    primary.enqueue(json("[{\"sender\": \"my_shop\", \"status\": 1, \"id\": 1}]"));
    primary.enqueue(json("{\"sender\": 2}"));
    primary.enqueue(json("{\"result\": \"OK\"}"));
    primary.enqueue(json("{\"result\": \"OK\"}"));
    primary.enqueue(json("{\"result\": \"OK\"}"));
    primary.enqueue(json("{\"result\": \"OK\"}"));
    api.list(ListQuery.full("subalex"));
    api.add(
        new AddRequest(
            "my_shop",
            COMMENT,
            Set.of("mts_step"),
            null,
            false,
            null,
            new Document("c.pdf", "%PDF-1.4 x".getBytes(StandardCharsets.US_ASCII), "doc"),
            null));
    api.change(new ChangeRequest(SenderRef.id(2), COMMENT, Set.of("bee_step"), null, null));
    api.sendCode(SendCodeRequest.of("79991234567", null));
    api.checkCode(new CheckCodeRequest("79991234567", CODE, null));
    api.delete(new DeleteRequest(SenderRef.name("my_shop"), null));

    // Provider errors, and every transport failure, for lists (with a second try) and mutations.
    List<MockResponse> failures =
        List.of(
            json("{\"error\": \"invalid login or password\", \"error_code\": 2}"),
            json("{}").setResponseCode(500),
            new MockResponse().setBody("<html><body>error</body></html>"),
            json("[{\"sender\": \"my_"),
            json("{\"sender\": \"none\"}"),
            new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST),
            json("[{\"sender\": \"A\", \"id\": 1}]")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    for (int i = 0; i < failures.size(); i++) {
      MockResponse failure = failures.get(i);
      SendersApi client = failure.getSocketPolicy() == SocketPolicy.NO_RESPONSE ? impatient : api;
      primary.enqueue(failure.clone());
      if (i > 0) {
        backup.enqueue(failure.clone()); // a transport failure earns the list a second try
      }
      thrown.add(catching(() -> client.list(ListQuery.full(null))));
      primary.enqueue(failure.clone());
      thrown.add(catching(() -> client.add(AddRequest.of("my_shop", COMMENT, null))));
      primary.enqueue(failure.clone());
      thrown.add(catching(() -> client.checkCode(new CheckCodeRequest("79991234567", CODE, null))));
    }
    int refusedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      refusedPort = s.getLocalPort();
    }
    SendersApi nowhere =
        SmscClients.http(
            settings.apply(URI.create("http://127.0.0.1:" + refusedPort), Duration.ofMillis(150)),
            shared);
    thrown.add(catching(() -> nowhere.list(ListQuery.full(null))));

    // What went on the wire: the secret only ever in a body.
    List<RecordedRequest> requests = new ArrayList<>();
    drain(primary, requests);
    drain(backup, requests);
    assertTrue(requests.size() > 30, "requests recorded: " + requests.size());
    int bodiesWithSecret = 0;
    for (RecordedRequest r : requests) {
      assertFalse(r.getRequestLine().contains(secret), r.getRequestLine());
      assertFalse(r.getRequestLine().contains(encoded), r.getRequestLine());
      assertEquals("/sys/senders.php", r.getPath());
      if (Fixtures.form(r).fields().containsValue(secret)) {
        bodiesWithSecret++;
      }
    }
    assertEquals(
        requests.size(),
        bodiesWithSecret,
        "the secret does travel, in bodies (" + bodiesWithSecret + " of " + requests.size() + ")");

    // Exceptions, with everything attached to them.
    assertTrue(thrown.size() > 20);
    for (Throwable t : thrown) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(secret), trace.toString());
      assertFalse(trace.toString().contains(encoded), trace.toString());
      assertFalse(t.toString().contains(CODE), t.toString());
      if (t instanceof SmscException e) {
        assertFalse(e.explanation().contains(secret));
      }
    }
    assertFalse(api.toString().contains(secret), api.toString());
    assertFalse(
        settings
            .apply(URI.create("https://smsc.ru"), Duration.ofSeconds(1))
            .toString()
            .contains(secret));

    // Logs: one DEBUG line per request with operation, host, outcome and time, and no parameter.
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      String line =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      lines.add(line);
      assertFalse(line.contains(secret), line);
      assertFalse(line.contains(encoded), line);
      assertFalse(line.contains(CODE), line);
      assertFalse(line.contains(COMMENT), line);
      assertFalse(line.contains("79991234567"), line);
    }
    for (String line : julRecords) {
      assertFalse(line.contains(secret), line);
      assertFalse(line.contains(encoded), line);
    }
    Pattern requestLine =
        Pattern.compile(
            "smsc (list|add|change|send_code|check_code|delete) host=127\\.0\\.0\\.1 outcome=.+ in \\d+ ms");
    long requestLines =
        appender.list.stream()
            .filter(e -> e.getLoggerName().equals(HttpSendersApi.class.getName()))
            .peek(e -> assertEquals(Level.DEBUG, e.getLevel()))
            .peek(
                e ->
                    assertTrue(
                        requestLine.matcher(e.getFormattedMessage()).matches(),
                        e.getFormattedMessage()))
            .count();
    assertEquals(requests.size() + 1, requestLines, "one line per request, the refused one too");
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.startsWith("smsc list host=127.0.0.1 outcome=ok, 1 names in ")),
        String.join("\n", lines));
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.startsWith("smsc add host=127.0.0.1 outcome=provider error 2 in ")));
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.startsWith("smsc check_code host=127.0.0.1 outcome=timeout in ")));
  }

  private static Throwable catching(Runnable call) {
    try {
      call.run();
    } catch (SmscException e) {
      return e;
    }
    fail("expected a failure");
    return null;
  }

  private static void drain(MockWebServer server, List<RecordedRequest> into) {
    for (int i = server.getRequestCount(); i > 0; i--) {
      into.add(Fixtures.take(server));
    }
  }
}
