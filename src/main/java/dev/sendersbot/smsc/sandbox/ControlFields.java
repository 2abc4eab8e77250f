package dev.sendersbot.smsc.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sendersbot.smsc.sandbox.ControlHandler.BadRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The control API's request fields, read strictly: a wrong one is a 400 naming the field. */
final class ControlFields {
  private ControlFields() {}

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String requireText(JsonNode n, String field) {
    String v = text(n, field);
    if (v == null || v.isBlank()) {
      throw new BadRequest(400, "'" + field + "' is required");
    }
    return v;
  }

  static long requireLong(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new BadRequest(400, "'" + field + "' must be a number");
    }
    return v.asLong();
  }

  static Instant instant(JsonNode n, String field) {
    String v = text(n, field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new BadRequest(400, "'" + field + "' must be an ISO-8601 instant: '" + v + "'");
    }
  }

  static Map<String, Integer> ints(JsonNode n) {
    Map<String, Integer> m = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().canConvertToInt() && !e.getValue().asText().matches("-?[0-9]+")) {
          throw new BadRequest(400, "status of '" + e.getKey() + "' must be a number");
        }
        m.put(e.getKey(), e.getValue().asInt());
      }
    }
    return m;
  }

  static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
      }
    }
    return m;
  }
}
