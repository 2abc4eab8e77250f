package dev.sendersbot.ops;

import static dev.sendersbot.ops.Secrets.API_KEY;
import static dev.sendersbot.ops.Secrets.BOT_ID;
import static dev.sendersbot.ops.Secrets.CODE;
import static dev.sendersbot.ops.Secrets.PASSWORD;
import static dev.sendersbot.ops.Secrets.PASSWORD_MD5;
import static dev.sendersbot.ops.Secrets.STRANGER_TOKEN;
import static dev.sendersbot.ops.Secrets.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sendersbot.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * TelegramBots, OkHttp and the app at DEBUG, talking to a fake Bot API on 127.0.0.1 that answers
 * errors echoing the request path (token included), as a proxy or a local Bot API server may. The
 * proof reads the real appender's formatted output (LogConfigurator's console appender, text and
 * JSON) and finds no secret in it, while the rest of each message is there.
 */
class LibraryLogsMaskedTest {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(LibraryLogsMaskedTest.class);
  private static final List<String> RAISED =
      List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "okhttp3", "org.telegram", "dev.sendersbot");

  private final Map<String, Level> levels = new LinkedHashMap<>();
  private final List<String> pathsSeen = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Thread.UncaughtExceptionHandler originalHandler;
  private HttpServer botApi;
  private OkHttpClient http;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(
        System.getenv(LogSetup.FORMAT_PROPERTY) == null
            && System.getProperty(LogSetup.FORMAT_PROPERTY) == null,
        "LOG_FORMAT would pin the format");
    for (String name : RAISED) {
      Logger l = (Logger) LoggerFactory.getLogger(name);
      levels.put(name, l.getLevel());
      l.setLevel(Level.DEBUG);
    }
    originalHandler = Thread.getDefaultUncaughtExceptionHandler();
    botApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    botApi.createContext("/", this::answer);
    botApi.start();
    http = new OkHttpClient.Builder().build();
  }

  @AfterEach
  void tearDown() {
    if (originalErr != null) {
      System.setErr(originalErr);
    }
    levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    Thread.setDefaultUncaughtExceptionHandler(originalHandler);
    LogSetup.setFormat("text");
    LogMasking.registerSecrets(List.of());
    MDC.clear();
    if (botApi != null) {
      botApi.stop(0);
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void noSecretReachesTheLogWhateverLogsIt(String format) throws Exception {
    LogSetup.configure(withFormat(format));
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

    telegramClientError();
    okHttpObjectsLogged();
    okHttpCallbackFailureThroughJavaUtilLogging();
    longPollingErrorLoggedByTelegramBots();
    appLinesWithSecrets();
    uncaughtExceptionInALibraryThread();

    System.setErr(originalErr);
    originalErr = null;
    String raw = captured.toString(StandardCharsets.UTF_8);
    String text = format.equals("json") ? decodeJsonLines(raw) : raw;

    // The secrets really went out: over the wire, so the libraries had them to log.
    assertTrue(pathsSeen.stream().anyMatch(p -> p.contains(TOKEN)), pathsSeen::toString);
    for (String secret : Secrets.all()) {
      assertFalse(raw.contains(secret), () -> "leaked " + secret + " in\n" + raw);
      assertFalse(text.contains(secret), () -> "leaked " + secret + " in\n" + text);
    }
    // ...and the rest of each message is still there to read.
    for (String kept :
        List.of(
            "Getting updates", // TelegramBots' own DEBUG line
            "Error received from Telegram GetUpdates Request",
            "Not Found: /bot"
                + BOT_ID
                + ":****/getupdates", // TelegramBots sends lower-case methods
            "getMe failed",
            "[404] Not Found: /bot" + BOT_ID + ":****/getme",
            // An HTTP status after "code=" goes too: a confirmation code is written the same way.
            "Response{protocol=http/1.1, code=****, message=Not Found, url=http://127.0.0.1:",
            "/bot" + BOT_ID + ":****/getMe}",
            "Callback failure for call to http://127.0.0.1:", // OkHttp, through java.util.logging
            "rejected answer from http://127.0.0.1:",
            "internal.concurrent.TaskRunner", // OkHttp's own FINE lines arrive at DEBUG
            "get=1&login=alex&psw=****&fmt=3",
            "check_code=1&sender=79999999999&code=****",
            "chat 42 user 7 /confirm **** -> ok",
            "5550001112:****",
            "uncaught in thread poller-test")) {
      assertTrue(text.contains(kept), () -> "missing '" + kept + "' in\n" + text);
    }
    if (format.equals("json")) {
      assertTrue(raw.contains("\"psw\":\"****\""), raw); // key-value pairs
      assertTrue(
          raw.contains("\"request\":\"POST https:\\/\\/smsc.ru\\/sys\\/senders.php?psw=****\""),
          raw);
    }
  }

  private static Config withFormat(String format) {
    Config c = Secrets.config();
    return new Config(
        c.telegram(),
        c.smsc(),
        c.cache(),
        c.gateway(),
        c.watch(),
        c.storage(),
        c.http(),
        new Config.Logging(format));
  }

  private TelegramUrl url() {
    return new TelegramUrl("http", "127.0.0.1", botApi.getAddress().getPort(), false);
  }

  private void telegramClientError() {
    var client = new OkHttpTelegramClient(http, TOKEN, url());
    TelegramApiException e =
        assertThrows(TelegramApiException.class, () -> client.execute(new GetMe()));
    assertTrue(e.getMessage().contains(TOKEN), "the library's message carries the token");
    log.warn("getMe failed", e);
  }

  private void okHttpObjectsLogged() throws IOException {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + botApi.getAddress().getPort() + "/bot" + TOKEN + "/getMe")
            .post(RequestBody.create(new byte[0]))
            .build();
    try (Response response = http.newCall(request).execute()) {
      log.debug("request {} answered {}", request, response);
    }
  }

  private void okHttpCallbackFailureThroughJavaUtilLogging() {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + botApi.getAddress().getPort() + "/bot" + TOKEN + "/getMe")
            .build();
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {}

              @Override
              public void onResponse(Call call, Response response) throws IOException {
                response.close();
                throw new IOException(
                    "rejected answer from " + call.request().url() + " psw=" + PASSWORD);
              }
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> captured.toString(StandardCharsets.UTF_8).contains("Callback failure"));
  }

  private void longPollingErrorLoggedByTelegramBots() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    BackOff fast =
        new BackOff() {
          @Override
          public void reset() {}

          @Override
          public long nextBackOffMillis() {
            return 50;
          }
        };
    try (var app =
        new TelegramBotsLongPollingApplication(
            ObjectMapper::new, () -> http, () -> executor, () -> fast)) {
      app.registerBot(TOKEN, this::url, new DefaultGetUpdatesGenerator(), updates -> {});
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  captured
                      .toString(StandardCharsets.UTF_8)
                      .contains("Error received from Telegram GetUpdates Request"));
    } finally {
      executor.shutdownNow();
    }
  }

  private void appLinesWithSecrets() {
    IOException cause =
        new IOException(
            "POST https://smsc.ru/sys/senders.php?get=1&login=alex&psw=" + PASSWORD + "&fmt=3");
    cause.addSuppressed(
        new IllegalStateException("retry with apikey " + API_KEY + " and md5 " + PASSWORD_MD5));
    log.error(
        "provider call failed for check_code=1&sender=79999999999&code={}",
        CODE,
        new IOException("wrapped", cause));
    log.info("chat 42 user 7 /confirm {} -> ok", CODE);
    log.debug("someone pasted {} into the chat", STRANGER_TOKEN);
    MDC.put("request", "POST https://smsc.ru/sys/senders.php?psw=" + PASSWORD);
    log.atInfo().addKeyValue("psw", PASSWORD).log("a key-value pair and an MDC value");
    MDC.clear();
  }

  private void uncaughtExceptionInALibraryThread() throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              throw new IllegalStateException("died on /bot" + TOKEN + "/getUpdates");
            },
            "poller-test");
    t.start();
    t.join();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      pathsSeen.add(path);
      exchange.getRequestBody().readAllBytes();
      int status;
      String body;
      String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
      if (method.equals("deletewebhook")) {
        status = 200;
        body = "{\"ok\":true,\"result\":true}";
      } else if (method.equals("getupdates")) {
        // An error in a 200, so TelegramBots parses it and logs it with its description.
        status = 200;
        body = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: " + path + "\"}";
      } else {
        status = 404;
        body = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: " + path + "\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  // Every string value of every JSON line, unescaped, one per line; fails on a line that is not
  // a JSON object, since the JSON format promises one object per line.
  private static String decodeJsonLines(String raw) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    StringBuilder out = new StringBuilder();
    for (String line : raw.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = mapper.readTree(line);
      assertNotNull(node.get("level"), line);
      assertEquals(true, node.isObject(), line);
      collect(node, out);
    }
    return out.toString();
  }

  private static void collect(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      out.append(node.asText()).append('\n');
    } else {
      node.forEach(child -> collect(child, out));
      node.fieldNames().forEachRemaining(n -> out.append(n).append('\n'));
    }
  }
}
