package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
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
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * Carries every request TelegramBots' poller makes, which the library itself does not let us
 * observe: tells {@link PollOutage} what a failed poll got (explaining a 409: a second poller with
 * the same token), feeds a 429's retry_after into the back-off, remembers the last successful poll,
 * and masks the token in network errors.
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
  private final BooleanSupplier leading;
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean shutDown;
  private final TokenRedactor redactor;
  private final PollBackOff backOff;
  private final PollOutage outage;
  private final Clock clock;
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private final AtomicInteger deleteWebhookStatus = new AtomicInteger();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();

  PollWatch(OkHttpClient network, TokenRedactor redactor, PollBackOff backOff, Clock clock) {
    this(network, redactor, backOff, clock, () -> true);
  }

  /**
   * @param leading asked before every getUpdates: a getUpdates confirms every update below its
   *     offset to Telegram, so a replica that lost leadership must not make one
   */
  PollWatch(
      OkHttpClient network,
      TokenRedactor redactor,
      PollBackOff backOff,
      Clock clock,
      BooleanSupplier leading) {
    this.leading = leading;
    this.network = network;
    this.redactor = redactor;
    this.backOff = backOff;
    this.outage = new PollOutage(backOff, clock);
    this.clock = clock;
  }

  /** The back-off to give TelegramBots: {@link PollBackOff}, and each poll's outcome logged. */
  BackOff libraryBackOff() {
    return outage;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    List<String> segments = chain.request().url().pathSegments();
    String method = segments.get(segments.size() - 1).toLowerCase(Locale.ROOT);
    boolean poll = method.equals("getupdates");
    if (poll && (shutDown || !leading.getAsBoolean())) {
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
        outage.failedWith(
            e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + redactor.mask(e.getMessage())),
            false);
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
    if (!poll && (code == 401 || code == 404)) {
      log.error(
          "The Bot API at {} answered {} to {}: telegram.token is wrong or revoked",
          chain.request().url().scheme()
              + "://"
              + chain.request().url().host()
              + ":"
              + chain.request().url().port(),
          code,
          method);
    }
    return response;
  }

  private void observePoll(Response response, int code) {
    if (response.isSuccessful()) {
      lastPoll.set(clock.instant());
      answered.incrementAndGet();
      return;
    }
    failures.incrementAndGet();
    JsonNode answer = parse(response);
    StringBuilder what = new StringBuilder("HTTP ").append(code);
    String reason = response.message();
    if (!reason.isBlank()) {
      what.append(' ').append(reason);
    }
    String description = answer.path("description").asText("");
    if (!description.isBlank() && !description.equals(reason)) {
      what.append(" \"").append(redactor.mask(description)).append('"');
    }
    if (code == 409) {
      what.append(
          ": another process is polling with this bot token, or a webhook is set; only"
              + " one instance may run");
    } else if (code == 429) {
      JsonNode after = answer.path("parameters").path("retry_after");
      if (after.canConvertToLong() && after.asLong() > 0) {
        backOff.retryAfter(Duration.ofSeconds(after.asLong()));
        what.append(": Telegram asked to wait ").append(after.asLong()).append(" s");
      }
    } else if (code == 401 || code == 404) {
      what.append(": telegram.token is wrong or revoked");
    }
    outage.failedWith(what.toString(), code == 401 || code == 404);
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
    outage.stop();
    shutDown = true;
    inFlight.forEach(Call::cancel);
  }

  private static Response noUpdates(Request request) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON_TYPE))
        .build();
  }

  Instant lastPoll() {
    return lastPoll.get();
  }

  /** How many getUpdates Telegram answered with success. */
  long answered() {
    return answered.get();
  }

  int deleteWebhookStatus() {
    return deleteWebhookStatus.get();
  }

  long failures() {
    return failures.get();
  }
}
