package dev.sendersbot.proof;

import dev.sendersbot.telegram.FakeBotApi;
import java.util.ArrayList;
import java.util.List;

/** What Telegram would say about the bot's messages, from the fake Bot API's record of calls. */
final class TelegramChecks {
  private TelegramChecks() {}

  /** Each sendMessage or editMessageText whose text Telegram would refuse, and why. */
  static List<String> invalidTexts(FakeBotApi api) {
    List<String> out = new ArrayList<>();
    for (FakeBotApi.Call c : api.calls()) {
      String m = c.method().toLowerCase(java.util.Locale.ROOT);
      if (!m.equals("sendmessage") && !m.equals("editmessagetext")) {
        continue;
      }
      String text = c.text("text");
      String problem;
      if (text == null) {
        problem = "no text";
      } else if (!"HTML".equalsIgnoreCase(c.text("parse_mode"))) {
        problem = "parse_mode " + c.text("parse_mode");
      } else {
        problem = FakeBotApi.htmlError(text);
        String visible = FakeBotApi.visibleText(text);
        if (problem == null && visible.isBlank()) {
          problem = "empty";
        }
        if (problem == null && visible.length() > 4096) {
          problem = visible.length() + " characters";
        }
      }
      if (problem != null) {
        out.add(
            m
                + " to "
                + c.text("chat_id")
                + ": "
                + problem
                + " in "
                + HostileVerdict.shorten(text));
      }
    }
    return out;
  }

  /** sendMessage calls made, accepted or not. */
  static int sendCalls(FakeBotApi api) {
    return api.calls("sendMessage").size();
  }
}
