package dev.sendersbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * An answer the library could not map, read for what it says: a method Telegram answered with
 * {@code "ok": true} has been carried out, whatever else the answer holds (a lax server's {@code
 * "date": 0} reads to the library as an inaccessible message). Taken for a failure, a send went out
 * again with every retry.
 */
final class OkAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OkAnswers() {}

  /**
   * The answer's {@code result} when it says ok; else {@code whole} is thrown, the library's own
   * failure: Telegram's error (ok: false) keeps its code and parameters, and an answer that is not
   * JSON tells nothing of whether the method was carried out.
   */
  static JsonNode result(String answer, TelegramApiRequestException whole)
      throws TelegramApiRequestException {
    if (whole.getCause() == null) {
      throw whole;
    }
    JsonNode root;
    try {
      root = JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      throw whole;
    }
    return Optional.ofNullable(root)
        .filter(r -> r.path("ok").asBoolean(false))
        .map(r -> r.path("result"))
        .orElseThrow(() -> whole);
  }
}
