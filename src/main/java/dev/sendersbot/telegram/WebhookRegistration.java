package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * setWebhook and deleteWebhook, as the Bot API documents them: JSON bodies, an answer {@code
 * {"ok":true,"result":true}} or {@code {"ok":false,"error_code":..,"description":..}}. Neither the
 * token nor the secret appears in a message this class makes: the token is in the request path, the
 * secret in the body, and both are masked in anything the server says back.
 */
final class WebhookRegistration {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** The Bot API answered, and not with success. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final long retryAfterSeconds;

    Refused(String method, int status, String description, long retryAfterSeconds) {
      super(
          method + ": HTTP " + status + (description.isEmpty() ? "" : " \"" + description + "\""));
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
      return status;
    }

    /** What a 429 asked to wait; 0 when it did not. */
    long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    /** Worth trying again: the server is busy or failing, not saying no. */
    boolean retryable() {
      return status == 429 || status >= 500;
    }
  }

  private final String token;
  private final BotApiEndpoint endpoint;
  private final OkHttpClient http;
  private final TokenRedactor tokenMask;

  WebhookRegistration(
      String token, BotApiEndpoint endpoint, OkHttpClient http, TokenRedactor tokenMask) {
    this.token = Objects.requireNonNull(token, "token");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.http =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .callTimeout(Duration.ofSeconds(15))
            .build();
    this.tokenMask = Objects.requireNonNull(tokenMask, "tokenMask");
  }

  /**
   * Points Telegram at the webhook: the URL, the secret, the update types polling asks for, and the
   * connection limit. Pending updates are kept: they arrive at the webhook.
   */
  void set(WebhookSettings s) throws IOException, Refused {
    ObjectNode p = JSON.createObjectNode();
    p.put("url", s.url().toString());
    p.put("max_connections", s.maxConnections());
    p.putPOJO("allowed_updates", TelegramTransport.ALLOWED_UPDATES);
    p.put("drop_pending_updates", false);
    p.put("secret_token", s.secret());
    call("setWebhook", p, new TokenRedactor(s.secret()));
  }

  /** Stops Telegram posting updates; those not yet delivered wait for the next start. */
  void delete() throws IOException, Refused {
    ObjectNode p = JSON.createObjectNode();
    p.put("drop_pending_updates", false);
    call("deleteWebhook", p, tokenMask);
  }

  private void call(String method, ObjectNode params, TokenRedactor secretMask)
      throws IOException, Refused {
    HttpUrl url =
        new HttpUrl.Builder()
            .scheme(endpoint.scheme())
            .host(endpoint.host())
            .port(endpoint.port())
            .addPathSegment("bot" + token)
            .addPathSegment(method)
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(JSON.writeValueAsBytes(params), JSON_TYPE))
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      JsonNode answer = parse(body == null ? "" : body.string());
      if (response.isSuccessful() && answer.path("ok").asBoolean(false)) {
        return;
      }
      int status = response.isSuccessful() ? answer.path("error_code").asInt(500) : response.code();
      String description = secretMask.mask(tokenMask.mask(answer.path("description").asText("")));
      throw new Refused(
          method, status, description, answer.path("parameters").path("retry_after").asLong(0));
    } catch (IOException e) {
      throw tokenMask.scrub(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
