package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * getUpdates whose answer, when the library cannot read it whole, is read one update at a time
 * ({@link UnreadableUpdates}). The library reads the answer in one piece, so a single update it
 * could not read failed every poll: asked again with the same offset, the bot heard nothing more
 * from anyone.
 */
@SuppressWarnings("NonApiType") // the library's method returns an ArrayList
final class TolerantGetUpdates extends GetUpdates {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  TolerantGetUpdates(GetUpdates asked) {
    super(asked.getOffset(), asked.getLimit(), asked.getTimeout(), asked.getAllowedUpdates());
  }

  @Override
  public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
    try {
      return super.deserializeResponse(answer);
    } catch (TelegramApiRequestException whole) {
      JsonNode result = OkAnswers.result(answer, whole);
      if (!result.isArray()) {
        throw whole;
      }
      ArrayList<Update> updates = new ArrayList<>(result.size());
      for (JsonNode node : result) {
        Update u = UnreadableUpdates.read(JSON, node);
        if (u == null) {
          throw whole; // without its id the offset cannot pass it
        }
        updates.add(u);
      }
      return updates;
    }
  }
}
