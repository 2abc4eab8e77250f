package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries every request TelegramBots' poller makes, which the library itself does not let us
 * observe: explains a 409 (a second poller with the same token), feeds a 429's retry_after into the
 * back-off, remembers the last successful poll, and masks the token in network errors.
 *
 * <p>Each request runs as an inner call on a separate client, so that {@link #shutdown()} can abort
 * a waiting long poll and hand the library an empty answer instead of a failure: the library would
 * log a cancelled call as an ERROR with a stack trace on every clean stop.
 */
final class PollWatch implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient network;
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean shutDown;
  private final TokenRedactor redactor;
  private final PollBackOff backOff;
  private final Clock clock;
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private final AtomicInteger deleteWebhookStatus = new AtomicInteger();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  PollWatch(OkHttpClient network, TokenRedactor redactor, PollBackOff backOff, Clock clock) {
    this.network = network;
    this.redactor = redactor;
    this.backOff = backOff;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    List<String> segments = chain.request().url().pathSegments();
    String method = segments.get(segments.size() - 1).toLowerCase(Locale.ROOT);
    boolean poll = method.equals("getupdates");
    if (shutDown && poll) {
      return noUpdates(chain.request());
    }
    Call call = network.newCall(chain.request());
    inFlight.add(call);
    if (shutDown) {
      // shutdown() may have looked at inFlight just before the add.
      call.cancel();
    }
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      if (shutDown && poll) {
        return noUpdates(chain.request());
      }
      if (poll) {
        failures.incrementAndGet();
      }
      throw redactor.scrub(e);
    } finally {
      inFlight.remove(call);
    }
    int code = response.code();
    if (method.equals("deletewebhook")) {
      deleteWebhookStatus.set(code);
    }
    if (poll) {
      observePoll(response, code);
    }
    if (code == 401 || code == 404) {
      log.error("The Bot API at {} answered {} to {}: telegram.token is wrong or revoked",
          chain.request().url().scheme() + "://" + chain.request().url().host() + ":"
              + chain.request().url().port(), code, method);
    }
    return response;
  }

  private void observePoll(Response response, int code) throws IOException {
    if (response.isSuccessful()) {
      lastPoll.set(clock.instant());
      conflicts.set(0);
      return;
    }
    failures.incrementAndGet();
    if (code == 409) {
      long n = conflicts.incrementAndGet();
      if (n == 1 || n % 20 == 0) {
        log.warn("getUpdates answered 409 Conflict ({} in a row): another process is polling with"
            + " this bot token, or a webhook is set. Only one instance may run; this one backs off"
            + " and keeps trying.", n);
      }
    } else if (code == 429) {
      JsonNode after = parse(response).path("parameters").path("retry_after");
      if (after.canConvertToLong() && after.asLong() > 0) {
        backOff.retryAfter(Duration.ofSeconds(after.asLong()));
        log.warn("getUpdates answered 429: waiting {} s as asked", after.asLong());
      }
    }
  }

  private static JsonNode parse(Response response) {
    try {
      return JSON.readTree(response.peekBody(64 * 1024).string());
    } catch (IOException | RuntimeException e) {
      return JSON.missingNode();
    }
  }

  /** Aborts a waiting poll; from now on polls answer "no updates" at once. */
  void shutdown() {
    shutDown = true;
    inFlight.forEach(Call::cancel);
  }

  private static Response noUpdates(Request request) {
    return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200)
        .message("OK").body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON_TYPE))
        .build();
  }

  Instant lastPoll() {
    return lastPoll.get();
  }

  int deleteWebhookStatus() {
    return deleteWebhookStatus.get();
  }

  long failures() {
    return failures.get();
  }
}
