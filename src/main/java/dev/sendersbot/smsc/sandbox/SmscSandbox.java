package dev.sendersbot.smsc.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful simulator of the provider's {@code /sys/senders.php} on 127.0.0.1, for tests, the
 * {@code demo}, the benchmark and {@code senders-bot sandbox}. Every operation, parameter, answer
 * shape (fmt 0-3) and error code of {@code shared/reference/smsc-senders-api.md}; the choices it
 * makes where the reference is silent are listed in {@code docs/sandbox.md}.
 *
 * <p>In-process control: {@link #seed}, {@link #bulkSeed}, {@link #setModeration}, {@link
 * #setOperatorStatus}, {@link #sentCodes}, {@link #requests}, {@link #hold}, {@link #latency},
 * {@link #failNext}; time comes from {@link SandboxOptions#clock()} (a {@link MovableClock} in
 * tests).
 *
 * <p>Control over HTTP, JSON, under {@code /sandbox} (no authorisation: loopback only):
 *
 * <ul>
 *   <li>{@code GET /sandbox} - the API URL, the login and this list
 *   <li>{@code GET /sandbox/names[?user=U]} - every name in full (all owners; {@code user=} alone
 *       for the account's own)
 *   <li>{@code POST /sandbox/names} - seed one name or an array: {@code {"name", "user", "comment",
 *       "moderation", "operators": {"mts_step": 2}, "changedAt": "<instant>", "extraFields": {}}};
 *       answers {@code {"ids": [..]}}
 *   <li>{@code POST /sandbox/bulk} - {@code {"count": 15000, "user": null}}: names {@code
 *       BULK0000001}...
 *   <li>{@code POST /sandbox/status} - {@code {"id"} or {"name", "user"}} with {@code
 *       "moderation"}, {@code "operators": {"sber_step": 2}}, optional {@code "changedAt"}
 *   <li>{@code POST /sandbox/delete} - {@code {"id"} or {"name", "user"}}
 *   <li>{@code GET /sandbox/codes} - the codes "sent"
 *   <li>{@code GET /sandbox/requests} - the request log ({@code psw}, {@code apikey} masked);
 *       {@code DELETE /sandbox/requests} clears it
 *   <li>{@code POST /sandbox/fail} - {@code {"count", "error", "operation"}} or {@code {"count",
 *       "httpStatus", "operation"}}: the next answers fail so
 *   <li>{@code POST /sandbox/latency} - {@code {"millis"}} added to every API answer
 *   <li>{@code GET /sandbox/clock}, {@code POST /sandbox/clock} - {@code {"advance": "PT1M"}} or
 *       {@code {"set": "<instant>"}} (only with a {@link MovableClock}; else 409)
 *   <li>{@code POST /sandbox/unblock} - forget rate windows, authorisation errors and IP blocks
 *   <li>{@code POST /sandbox/reset} - forget names, codes, limits and the request log
 * </ul>
 */
public final class SmscSandbox implements AutoCloseable {
  public static final String API_PATH = "/sys/senders.php";
  public static final String CONTROL_PATH = "/sandbox";

  private static final Logger log = LoggerFactory.getLogger(SmscSandbox.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // HttpServer writes the headers and the body of an answer separately; with Nagle's algorithm
    // on, the body then waits for the client's delayed ACK (about 40 ms per keep-alive request).
    // The JDK reads this once, when its first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SandboxOptions options;
  private final SandboxState state;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI baseUrl;
  private final CountDownLatch closed = new CountDownLatch(1);

  private SmscSandbox(SandboxOptions options) {
    this.options = options;
    this.state = new SandboxState(options);
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "smsc-sandbox-" + instance + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newCachedThreadPool(factory);
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 256);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(
          "SMSC sandbox cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
    }
    server.createContext(API_PATH, new ApiHandler(state));
    server.createContext(CONTROL_PATH, new ControlHandler(this));
    server.createContext(
        "/",
        ex -> {
          try {
            ApiHandler.plain(ex, 404, "Not Found");
          } finally {
            ex.close();
          }
        });
    server.setExecutor(executor);
    baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts listening on 127.0.0.1 at once. */
  public static SmscSandbox start(SandboxOptions options) {
    Objects.requireNonNull(options, "options");
    SmscSandbox s = new SmscSandbox(options);
    if (options.seedDemoNames()) {
      DemoNames.seed(s.state.names);
    }
    s.server.start();
    log.info("SMSC sandbox listening on {}{}", s.baseUrl, API_PATH);
    return s;
  }

  // ---------------------------------------------------------------- where and who

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code baseUrl() + "/sys/senders.php"}. */
  public URI apiUrl() {
    return URI.create(baseUrl + API_PATH);
  }

  /** {@code baseUrl() + "/sandbox"}. */
  public URI controlUrl() {
    return URI.create(baseUrl + CONTROL_PATH);
  }

  public int port() {
    return baseUrl.getPort();
  }

  public String login() {
    return options.login();
  }

  public String password() {
    return options.password();
  }

  /** The accepted {@code apikey}, or null when API-key authorisation is off. */
  public String apiKey() {
    return options.apiKey();
  }

  public Clock clock() {
    return state.clock();
  }

  public SandboxOptions options() {
    return options;
  }

  /**
   * Lines for {@code senders-bot sandbox} to print: the URLs and the credentials it accepts (a
   * sandbox's own throwaway credentials, meant to be shown).
   */
  public String summary() {
    return "SMSC sandbox: "
        + apiUrl()
        + "\n"
        + "base URL: "
        + baseUrl
        + "\n"
        + "login: "
        + login()
        + "\n"
        + "password: "
        + password()
        + " (or its MD5: "
        + Credentials.md5(password())
        + ")\n"
        + (apiKey() == null ? "" : "api key: " + apiKey() + "\n")
        + "control: "
        + controlUrl();
  }

  // ---------------------------------------------------------------- names

  /** Puts a name straight in; returns its id. */
  public long seed(NameSeed seed) {
    return state.names.seed(Objects.requireNonNull(seed, "seed"));
  }

  /** Puts a name straight in; returns its id. {@code user} null for the account itself. */
  public long seed(
      String name, String user, String comment, int moderation, Map<String, Integer> operators) {
    return seed(new NameSeed(name, user, comment, moderation, operators, null, Map.of()));
  }

  /**
   * Adds {@code n} names of the account itself ({@code BULK0000001}, ...), most allowed, with
   * varied operator statuses and change dates; returns their ids.
   */
  public List<Long> bulkSeed(int n) {
    return state.names.bulkSeed(n, null);
  }

  public List<Long> bulkSeed(int n, String user) {
    return state.names.bulkSeed(n, user == null || user.isBlank() ? null : user.strip());
  }

  /** Every name of every owner, by id. */
  public List<SandboxName> names() {
    return state.names.names();
  }

  public Optional<SandboxName> name(String name, String user) {
    return state.names.name(name, user);
  }

  public Optional<SandboxName> name(long id) {
    return state.names.name(id);
  }

  /** The id of a name. @throws IllegalArgumentException when there is none */
  public long idOf(String name, String user) {
    return state.names.idOf(name, user);
  }

  public SandboxName setModeration(long id, int status) {
    return state.names.setModeration(id, status);
  }

  public SandboxName setModeration(String name, String user, int status) {
    return setModeration(idOf(name, user), status);
  }

  /**
   * Sets a name's status at one operator, known to the client or not ({@code sber_step}); the
   * change is dated now by the sandbox clock (what {@code from_date} looks at).
   */
  public SandboxName setOperatorStatus(long id, String flag, int status) {
    return state.names.setOperatorStatus(id, flag, status, null);
  }

  /** As {@link #setOperatorStatus(long, String, int)}, with the change dated {@code changedAt}. */
  public SandboxName setOperatorStatus(long id, String flag, int status, Instant changedAt) {
    return state.names.setOperatorStatus(id, flag, status, changedAt);
  }

  public SandboxName setOperatorStatus(String name, String user, String flag, int status) {
    return setOperatorStatus(idOf(name, user), flag, status);
  }

  public SandboxName setOperatorStatus(
      String name, String user, String flag, int status, Instant changedAt) {
    return setOperatorStatus(idOf(name, user), flag, status, changedAt);
  }

  /** An extra field written in the {@code operators=1} list (null removes it). */
  public SandboxName setExtraField(long id, String field, String value) {
    return state.names.setExtraField(id, field, value);
  }

  /** Removes a name without a request; false when there was none. */
  public boolean remove(long id) {
    return state.names.remove(id);
  }

  // ---------------------------------------------------------------- what it saw and sent

  public List<SentCode> sentCodes() {
    return state.codes.sent();
  }

  /** The last code sent to a number (digits only), if any. */
  public Optional<SentCode> lastCode(String phone) {
    List<SentCode> all = sentCodes();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).phone().equals(phone)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** The requests to {@code /sys/senders.php}, oldest first (the last 100,000). */
  public List<RecordedRequest> requests() {
    return state.requestLog.requests();
  }

  public void clearRequests() {
    state.requestLog.clear();
  }

  // ---------------------------------------------------------------- faults

  /** Holds every API request open until the returned hold is closed. */
  public Hold hold() {
    return state.faults.hold(null);
  }

  /** Holds the requests of one operation ({@code get}, {@code add}, ...). */
  public Hold hold(String operation) {
    return state.faults.hold(Objects.requireNonNull(operation, "operation"));
  }

  /** Real time added before every API answer (for client timeouts); zero turns it off. */
  public void latency(Duration d) {
    state.faults.latency(d);
  }

  /** The next {@code count} API answers are provider error {@code errorCode}. */
  public void failNext(int count, int errorCode) {
    failNext(null, count, errorCode);
  }

  /** As {@link #failNext(int, int)}, for one operation only (null: any). */
  public void failNext(String operation, int count, int errorCode) {
    if (errorCode < 1) {
      throw new IllegalArgumentException("provider error codes are positive: " + errorCode);
    }
    state.faults.force(operation, count, errorCode, 0);
  }

  /**
   * As {@link #failNext(String, int, int)}, for the requests of one sub-client only (its {@code
   * user} parameter): one sub-client's trouble while the account and the others are answered.
   */
  public void failNextFor(String user, String operation, int count, int errorCode) {
    if (errorCode < 1) {
      throw new IllegalArgumentException("provider error codes are positive: " + errorCode);
    }
    state.faults.force(operation, Objects.requireNonNull(user, "user"), count, errorCode, 0);
  }

  /** The next {@code count} API answers are this HTTP status with an HTML page. */
  public void failNextHttp(int count, int httpStatus) {
    failNextHttp(null, count, httpStatus);
  }

  public void failNextHttp(String operation, int count, int httpStatus) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("HTTP status must be 200..599: " + httpStatus);
    }
    state.faults.force(operation, count, 0, httpStatus);
  }

  /** Requests in flight now under the account's login. */
  public int inFlight() {
    return state.limits.inFlight(login().toLowerCase(java.util.Locale.ROOT));
  }

  /** When the block of an address (e.g. {@code 127.0.0.1}) ends, if it is blocked. */
  public Optional<Instant> blockedUntil(String address) {
    return Optional.ofNullable(state.limits.blockedUntil(address));
  }

  /** Forgets rate windows, authorisation errors and IP blocks. */
  public void unblock() {
    state.limits.reset();
  }

  /** Forgets names, codes, limits, faults and the request log. */
  public void reset() {
    state.faults.clear();
    state.reset();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Blocks until {@link #close()} (for the command line). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Releases held requests and stops listening. */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    state.faults.close();
    server.stop(0);
    executor.shutdownNow();
    closed.countDown();
    log.info("SMSC sandbox on {} stopped", baseUrl);
  }
}
