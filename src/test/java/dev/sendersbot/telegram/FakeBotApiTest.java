package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.telegram.FakeBotApi.Failure;
import dev.sendersbot.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake must behave like the Bot API where our code depends on it. */
class FakeBotApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(10))
          .build();
  private FakeBotApi api;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start();
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private Response post(String tokenAndMethod, RequestBody body) throws IOException {
    return http.newCall(
            new Request.Builder().url(api.apiUrl() + "/bot" + tokenAndMethod).post(body).build())
        .execute();
  }

  private JsonNode json(String method, String body) throws IOException {
    try (Response r = post(api.token() + "/" + method, RequestBody.create(body, JSON_TYPE))) {
      return JSON.readTree(r.body().string());
    }
  }

  @Test
  void matchesMethodNamesCaseInsensitivelyAndAnswersInTelegramsShape() throws IOException {
    JsonNode me = json("GETME", "{}");
    assertTrue(me.path("ok").asBoolean());
    assertEquals(FakeBotApi.BOT_USERNAME, me.path("result").path("username").asText());
    JsonNode unknown = json("noSuchMethod", "{}");
    assertFalse(unknown.path("ok").asBoolean());
    assertEquals(404, unknown.path("error_code").asInt());
  }

  @Test
  void aWrongTokenIsUnauthorized() throws IOException {
    try (Response r = post("1:wrong/getMe", RequestBody.create("{}", JSON_TYPE))) {
      assertEquals(401, r.code());
      JsonNode n = JSON.readTree(r.body().string());
      assertEquals(401, n.path("error_code").asInt());
      assertEquals("Unauthorized", n.path("description").asText());
    }
  }

  @Test
  void acceptsFormAndMultipartPosts() throws IOException {
    try (Response r =
        post(
            api.token() + "/sendMessage",
            new FormBody.Builder()
                .add("chat_id", "5")
                .add("text", "form <b>post</b>")
                .add("parse_mode", "HTML")
                .add(
                    "reply_markup",
                    "{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}")
                .build())) {
      assertEquals(200, r.code());
    }
    try (Response r =
        post(
            api.token() + "/sendDocument",
            new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("chat_id", "5")
                .addFormDataPart("caption", "multipart")
                .addFormDataPart(
                    "document", "a.txt", RequestBody.create(new byte[] {1, 2, 3}, null))
                .build())) {
      assertEquals(200, r.code());
    }
    assertEquals("form <b>post</b>", api.sentTo(5).get(0).text());
    assertEquals(java.util.List.of(java.util.List.of("a")), api.sentTo(5).get(0).buttonData());
    assertEquals("multipart", api.sentTo(5).get(1).text());
    assertEquals(3, api.calls("sendDocument").get(0).files().get("document").length);
  }

  @Test
  void getUpdatesWaitsForItsTimeoutWhenNothingIsQueued() throws IOException {
    long t0 = System.nanoTime();
    JsonNode n = json("getUpdates", "{\"timeout\":1}");
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(n.path("ok").asBoolean());
    assertEquals(0, n.path("result").size());
    assertTrue(took >= 900, "held " + took + " ms");
  }

  @Test
  void getUpdatesHonoursOffsetAndAllowedUpdates() throws IOException {
    long a = api.enqueueText(5, 5, "a");
    long b = api.enqueueCallback(5, 5, 1, "x");
    long c = api.enqueueText(5, 5, "c");
    JsonNode first = json("getUpdates", "{\"allowed_updates\":[\"message\"]}").path("result");
    assertEquals(2, first.size());
    assertEquals(a, first.get(0).path("update_id").asLong());
    assertEquals(c, first.get(1).path("update_id").asLong());
    JsonNode rest = json("getUpdates", "{\"offset\":" + (a + 1) + "}").path("result");
    assertEquals(1, rest.size(), "a confirmed, the callback was not asked for");
    assertTrue(b < c);
    assertEquals(1, api.pending());
  }

  @Test
  void aNewerPollEndsAWaitingOneWith409() throws Exception {
    Thread second =
        new Thread(
            () -> {
              try {
                while (api.waitingPolls() == 0) {
                  Thread.onSpinWait();
                }
                json("getUpdates", "{\"timeout\":0}");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    second.start();
    JsonNode first = json("getUpdates", "{\"timeout\":5}");
    second.join();
    assertEquals(409, first.path("error_code").asInt());
  }

  @Test
  void scriptedFailuresComeInTelegramsShape() throws IOException {
    api.failNext("sendMessage", 1, Failure.tooManyRequests(3));
    api.failNext("sendMessage", 1, Failure.migrated(-1009));
    api.failNext("sendMessage", 1, Failure.serverError());
    api.failNext("sendMessage", 1, Failure.drop());
    String body = "{\"chat_id\":5,\"text\":\"x\"}";
    JsonNode tooMany = json("sendMessage", body);
    assertEquals(429, tooMany.path("error_code").asInt());
    assertEquals(3, tooMany.path("parameters").path("retry_after").asInt());
    assertEquals(
        -1009, json("sendMessage", body).path("parameters").path("migrate_to_chat_id").asLong());
    try (Response r = post(api.token() + "/sendMessage", RequestBody.create(body, JSON_TYPE))) {
      assertEquals(500, r.code());
      assertTrue(r.body().string().startsWith("<html>"));
    }
    assertThrows(IOException.class, () -> json("sendMessage", body));
    assertTrue(json("sendMessage", body).path("ok").asBoolean());
  }

  @Test
  void checksTelegramHtml() {
    assertNull(
        FakeBotApi.htmlError(
            "<b>bold</b> <i>it</i> &lt;x&gt; &amp; AT&T <a href=\"u\">l</a>"
                + " <span class=\"tg-spoiler\">s</span> <pre><code>c</code></pre>"));
    assertTrue(FakeBotApi.htmlError("a < b").startsWith("can't parse entities"));
    assertTrue(FakeBotApi.htmlError("<foo>x</foo>").contains("Unsupported start tag \"foo\""));
    assertTrue(FakeBotApi.htmlError("<b>x").contains("Can't find end tag"));
    assertTrue(FakeBotApi.htmlError("<b>x</i>").contains("Unmatched end tag"));
    assertTrue(FakeBotApi.htmlError("<span>x</span>").contains("tg-spoiler"));
    assertEquals(
        "a<b & \"c\" é", FakeBotApi.visibleText("<b>a&lt;b</b> &amp; &quot;c&quot; &#233;"));
  }

  @Test
  void rejectsOversizedCallbackDataAndTooLongTexts() throws IOException {
    String longData = "x".repeat(65);
    JsonNode data =
        json(
            "sendMessage",
            "{\"chat_id\":5,\"text\":\"t\",\"reply_markup\":"
                + "{\"inline_keyboard\":[[{\"text\":\"b\",\"callback_data\":\""
                + longData
                + "\"}]]}}");
    assertEquals("Bad Request: BUTTON_DATA_INVALID", data.path("description").asText());
    JsonNode tooLong = json("sendMessage", "{\"chat_id\":5,\"text\":\"" + "y".repeat(4097) + "\"}");
    assertEquals("Bad Request: message is too long", tooLong.path("description").asText());
  }

  @Test
  void enforcementCountsSendsOverTheLimits() throws IOException {
    FakeClock clock = FakeClock.atEpochMilli(1_700_000_000_000L);
    api.enforceLimits(clock, Duration.ZERO);
    assertTrue(json("sendMessage", "{\"chat_id\":5,\"text\":\"1\"}").path("ok").asBoolean());
    JsonNode second = json("sendMessage", "{\"chat_id\":5,\"text\":\"2\"}");
    assertEquals(429, second.path("error_code").asInt());
    assertEquals(1, second.path("parameters").path("retry_after").asInt());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(json("sendMessage", "{\"chat_id\":5,\"text\":\"3\"}").path("ok").asBoolean());
    assertEquals(1, api.violations());
  }

  @Test
  void servesRegisteredFilesBehindGetFile() throws IOException {
    api.addFile("f", "documents/a.pdf", new byte[] {9, 8, 7});
    JsonNode file = json("getFile", "{\"file_id\":\"f\"}").path("result");
    assertEquals("documents/a.pdf", file.path("file_path").asText());
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(api.apiUrl() + "/file/bot" + api.token() + "/documents/a.pdf")
                    .build())
            .execute()) {
      assertEquals(200, r.code());
      assertEquals(3, r.body().bytes().length);
    }
    try (Response r =
        http.newCall(
                new Request.Builder().url(api.apiUrl() + "/file/botWRONG/documents/a.pdf").build())
            .execute()) {
      assertEquals(401, r.code());
    }
  }
}
