package dev.sendersbot.telegram;

import java.io.Serializable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** editMessageText whose answer, when the library cannot map it, is read by {@link OkAnswers}. */
final class LenientEditMessageText extends EditMessageText {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

  LenientEditMessageText(EditMessageTextBuilder<?, ?> asked) {
    super(asked);
  }

  @Override
  public Serializable deserializeResponse(String answer) throws TelegramApiRequestException {
    try {
      return super.deserializeResponse(answer);
    } catch (TelegramApiRequestException whole) {
      OkAnswers.result(answer, whole);
      log.warn(
          "editMessageText of message {} in chat {}: Telegram's answer could not be read whole"
              + " ({}); the edit was made",
          getMessageId(),
          getChatId(),
          whole.getCause().getClass().getSimpleName());
      return Boolean.TRUE;
    }
  }
}
