package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** What an answer the library cannot map is taken for. */
class LenientAnswersTest {
  private final LenientSendMessage send =
      new LenientSendMessage(SendMessage.builder().chatId(5L).text("x"));
  private final LenientEditMessageText edit =
      new LenientEditMessageText(EditMessageText.builder().chatId(5L).messageId(7).text("x"));

  @Test
  void anOkAnswerTheLibraryCannotMapIsDoneWithTheIdItGives() throws Exception {
    String odd =
        "{\"ok\": true, \"result\": {\"message_id\": 101, \"date\": 0,"
            + " \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"x\"}}";
    assertEquals(101, send.deserializeResponse(odd).getMessageId());
    assertEquals(Boolean.TRUE, edit.deserializeResponse(odd));
  }

  @Test
  void anErrorOrAnAnswerThatIsNoJsonStaysAFailure() {
    String error = "{\"ok\": false, \"error_code\": 400, \"description\": \"Bad Request: x\"}";
    assertEquals(
        400,
        assertThrows(TelegramApiRequestException.class, () -> send.deserializeResponse(error))
            .getErrorCode());
    assertThrows(TelegramApiRequestException.class, () -> send.deserializeResponse("<html>"));
    assertThrows(TelegramApiRequestException.class, () -> edit.deserializeResponse("<html>"));
    assertThrows(
        TelegramApiRequestException.class,
        () -> send.deserializeResponse("{\"ok\": true, \"result\": {\"date\": 0}}"),
        "no message id: no telling which message it was");
  }
}
