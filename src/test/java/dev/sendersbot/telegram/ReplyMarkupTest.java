package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

class ReplyMarkupTest {
  static final List<List<Button>> ROWS =
      List.of(
          List.of(new Button("Yes", "t1"), new Button("No", "t2")),
          List.of(new Button("Back", "t3")));

  @Test
  void buttonsKeepTheirRowsTextAndCallbackData() {
    InlineKeyboardMarkup m =
        (InlineKeyboardMarkup) ReplyMarkup.markup(Reply.html("Sure?").withKeyboard(ROWS));

    assertEquals(
        List.of(List.of("Yes:t1", "No:t2"), List.of("Back:t3")),
        m.getKeyboard().stream()
            .map(r -> r.stream().map(ReplyMarkupTest::shown).toList())
            .toList());
  }

  @Test
  void aReplyWithoutButtonsHasNoMarkup() {
    assertNull(ReplyMarkup.markup(Reply.html("Done")));
    assertNull(ReplyMarkup.inline(List.of()));
  }

  @Test
  void aForceReplyPromptAsksOnlyTheUserItAnswersAndDropsButtons() {
    ForceReplyKeyboard k =
        (ForceReplyKeyboard)
            ReplyMarkup.markup(Reply.html("Send the code").withKeyboard(ROWS).asForceReply());

    assertTrue(k.getForceReply());
    assertTrue(k.getSelective());
  }

  @Test
  void linkPreviewsAreOff() {
    assertTrue(ReplyMarkup.noPreview().getIsDisabled());
  }

  private static String shown(InlineKeyboardButton b) {
    return b.getText() + ":" + b.getCallbackData();
  }
}
