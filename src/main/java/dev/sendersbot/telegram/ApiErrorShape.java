package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * TelegramBots' client parses every answer as Telegram JSON, whatever the HTTP status: a proxy's
 * HTML error page becomes "Unable to deserialize response" with no status left to decide on. This
 * rewrites such answers into Telegram's error shape carrying the real status, so a 502 is seen as a
 * 502. It also masks the token in network errors (OkHttp may quote the URL).
 */
final class ApiErrorShape implements Interceptor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final TokenRedactor redactor;

  ApiErrorShape(TokenRedactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      throw redactor.scrub(e);
    }
    List<String> path = chain.request().url().pathSegments();
    if (response.isSuccessful() || (!path.isEmpty() && path.get(0).equals("file"))) {
      return response;
    }
    String body = response.peekBody(64 * 1024).string();
    if (isTelegramError(body)) {
      return response;
    }
    ObjectNode error = JSON.createObjectNode();
    error.put("ok", false);
    error.put("error_code", response.code());
    MediaType type = response.body() == null ? null : response.body().contentType();
    error.put(
        "description",
        "HTTP "
            + response.code()
            + " with a non-Telegram body ("
            + (type == null ? "no content type" : type.type() + "/" + type.subtype())
            + ")");
    response.close();
    return response
        .newBuilder()
        .body(ResponseBody.create(JSON.writeValueAsString(error), JSON_TYPE))
        .build();
  }

  private static boolean isTelegramError(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.path("ok").isBoolean() && n.path("error_code").canConvertToInt();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
