package dev.sendersbot.telegram;

import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** A {@link Reply}'s buttons and prompt in the Bot API's terms. */
final class ReplyMarkup {
  // Logged as the messenger, whose logger settings already cover what it sends.
  private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

  private ReplyMarkup() {}

  static LinkPreviewOptions noPreview() {
    return LinkPreviewOptions.builder().isDisabled(true).build();
  }

  static ReplyKeyboard markup(Reply reply) {
    if (reply.forceReply()) {
      if (!reply.keyboard().isEmpty()) {
        log.debug("A ForceReply prompt cannot carry inline buttons; the buttons are dropped");
      }
      return ForceReplyKeyboard.builder().forceReply(true).selective(true).build();
    }
    return inline(reply.keyboard());
  }

  /**
   * The message a reply answers, if any; sent even when that message is gone (deleted, say), as a
   * reply to nothing.
   */
  static ReplyParameters replyTo(Reply reply) {
    if (reply.replyTo() == 0) {
      return null;
    }
    return ReplyParameters.builder()
        .messageId(reply.replyTo())
        .allowSendingWithoutReply(true)
        .build();
  }

  static InlineKeyboardMarkup inline(List<List<Button>> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    List<InlineKeyboardRow> keyboard = new ArrayList<>(rows.size());
    for (List<Button> row : rows) {
      InlineKeyboardRow r = new InlineKeyboardRow();
      for (Button b : row) {
        r.add(InlineKeyboardButton.builder().text(b.text()).callbackData(b.data()).build());
      }
      keyboard.add(r);
    }
    return InlineKeyboardMarkup.builder().keyboard(keyboard).build();
  }
}
