package dev.sendersbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * One update as the library reads it, or, when the library cannot (a field of a type it does not
 * expect, as the Bot API grows), an update with only its id: the receiver skips it and the offset
 * passes it, as Telegram's own apps pass over what they cannot show. Failing instead would have
 * Telegram hand the same update out again for good, and the bot hear nothing after it.
 */
final class UnreadableUpdates {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private UnreadableUpdates() {}

  /**
   * @return the update, one with only its id when nothing else of it can be read, or null when not
   *     even its id can: then it cannot be passed over either
   */
  static Update read(ObjectMapper json, JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      return json.treeToValue(node, Update.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      JsonNode id = node.get("update_id");
      if (id == null || !id.canConvertToInt()) {
        return null;
      }
      // The update's content stays out of the log: it is somebody's message.
      log.warn(
          "Update {} could not be read and is skipped: {}",
          id.asInt(),
          e instanceof JsonMappingException m
              ? "unexpected value at " + m.getPathReference()
              : e.getClass().getSimpleName());
      Update placeholder = new Update();
      placeholder.setUpdateId(id.asInt());
      return placeholder;
    }
  }
}
