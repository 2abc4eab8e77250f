package dev.sendersbot.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor a list answer's reading is measured against: Jackson's {@code JsonParser} straight from
 * the stream into a small record per name, numbers written as strings read from the parser's own
 * buffer, and no tolerance at all (no white space, sign, fraction or unknown field is looked for).
 * What any client must at least do with the same bytes.
 */
public final class Floor {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * @param statuses the sum of the name's operator status codes, so none is left unread
   */
  public record Row(long id, String name, int moderation, int statuses) {}

  private Floor() {}

  /**
   * A number or a string of digits, read in place (no String made), with no tolerance for anything
   * else: blank or odd values count as 0.
   */
  private static long number(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return p.getValueAsLong();
    }
    char[] c = p.getTextCharacters();
    long v = 0;
    for (int i = p.getTextOffset(), end = i + p.getTextLength(); i < end; i++) {
      v = v * 10 + (c[i] - '0');
    }
    return v;
  }

  public static List<Row> read(InputStream in) throws IOException {
    List<Row> rows = new ArrayList<>(256);
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("not a list");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long id = 0;
        String name = null;
        int moderation = -1;
        int statuses = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "sender" -> name = p.getText();
            case "id" -> id = number(p);
            case "status" -> moderation = (int) number(p);
            default -> statuses += (int) number(p);
          }
        }
        rows.add(new Row(id, name, moderation, statuses));
      }
    }
    return rows;
  }
}
