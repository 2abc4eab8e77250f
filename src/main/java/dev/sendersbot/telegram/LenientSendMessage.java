package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** sendMessage whose answer, when the library cannot map it, is read by {@link OkAnswers}. */
final class LenientSendMessage extends SendMessage {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

  LenientSendMessage(SendMessageBuilder<?, ?> asked) {
    super(asked);
  }

  @Override
  public Message deserializeResponse(String answer) throws TelegramApiRequestException {
    try {
      return super.deserializeResponse(answer);
    } catch (TelegramApiRequestException whole) {
      JsonNode id = OkAnswers.result(answer, whole).path("message_id");
      if (!id.canConvertToInt()) {
        throw whole;
      }
      log.warn(
          "sendMessage to chat {}: Telegram's answer could not be read whole ({}); the message"
              + " went as message {}",
          getChatId(),
          whole.getCause().getClass().getSimpleName(),
          id.asInt());
      Message m = new Message();
      m.setMessageId(id.asInt());
      return m;
    }
  }
}
