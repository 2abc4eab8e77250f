package dev.sendersbot.smsc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list answer ({@code [{"sender": …, "id": …}, …]}) straight from the stream, entry by
 * entry: no tree, no regular expression, a value's text made only when it is kept. It gives what
 * {@link SendersAnswers#page} gives for the same bytes (the tree reader stays for the other shapes
 * and as the reference in the tests): numbers and numbers written as strings alike, by token type;
 * unknown fields kept as their JSON text; a field given twice counting at its first place with its
 * last value, as a JSON object node keeps it.
 *
 * <p>One reader per answer: it keeps one entry's fields in arrays it reuses, and the last few
 * operator layouts, which most names of an account share.
 */
final class ListReader {

  /**
   * Reads an unusual value (an object, a fraction, a boolean, null) exactly as the tree reader
   * would. No trailing-token check: it stops in the middle of the answer.
   */
  private static final ObjectMapper NODES = JsonMapper.builder().build();

  private static final byte WHOLE = 1; // nums[i] holds it
  private static final byte BLANK = 2; // an empty or white-space string: nothing to keep
  private static final byte KEPT =
      3; // texts[i] holds the value's JSON text (for "sender": the name)

  private enum Role {
    ID,
    MODERATION,
    OPERATOR,
    OTHER
  }

  private static final int LAYOUTS = 8;

  private String[] keys = new String[16];
  private byte[] kinds = new byte[16];
  private long[] nums = new long[16];
  private String[] texts = new String[16];
  private int fields;
  private int[] operatorSlots = new int[16];
  private final OperatorCodes[] layouts = new OperatorCodes[LAYOUTS];
  private int nextLayout;

  private ListReader() {}

  /** The page whose first token is next in {@code p}; nothing may follow the array. */
  static Page read(JsonParser p) throws IOException, BadAnswer {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw new BadAnswer("expected a JSON array of sender names");
    }
    return new ListReader().array(p);
  }

  private Page array(JsonParser p) throws IOException, BadAnswer {
    List<Sender> senders = new ArrayList<>(256);
    int entries = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new BadAnswer("truncated JSON");
      }
      entries++;
      if (t == JsonToken.START_OBJECT) {
        Sender s = entry(p);
        if (s != null) {
          senders.add(s);
        }
      } else if (t == JsonToken.START_ARRAY) {
        p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new BadAnswer("not JSON"); // what the tree reader says of trailing tokens
    }
    return new Page(senders, entries);
  }

  /** One entry, the parser at its START_OBJECT; null when it is not a name with an id. */
  private Sender entry(JsonParser p) throws IOException {
    fields = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      int i = slot(key);
      switch (key) {
        case "sender" -> {
          kinds[i] = KEPT;
          texts[i] = name(p, v);
        }
        case "id" -> value(p, v, i, Role.ID);
        case "status" -> value(p, v, i, Role.MODERATION);
        default -> value(p, v, i, Operators.isStatusField(key) ? Role.OPERATOR : Role.OTHER);
      }
    }
    return build();
  }

  private void value(JsonParser p, JsonToken v, int i, Role role) throws IOException {
    if (role == Role.OTHER) {
      keep(i, NODES.readTree(p));
      return;
    }
    long whole;
    boolean blank = false;
    if (v == JsonToken.VALUE_STRING) {
      char[] chars = p.getTextCharacters();
      int offset = p.getTextOffset();
      int length = p.getTextLength();
      whole = WholeNumbers.parse(chars, offset, length);
      blank = whole == WholeNumbers.NONE && WholeNumbers.blank(chars, offset, length);
    } else if (v == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      whole = p.getLongValue();
    } else {
      JsonNode node = NODES.readTree(p);
      whole = SendersAnswers.whole(node);
      if (role == Role.ID || (whole != WholeNumbers.NONE && whole == (int) whole)) {
        kinds[i] = WHOLE;
        nums[i] = whole;
      } else {
        keep(i, node);
      }
      return;
    }
    if (role == Role.ID || (whole != WholeNumbers.NONE && whole == (int) whole)) {
      kinds[i] = WHOLE;
      nums[i] = whole;
    } else if (blank && role == Role.OPERATOR) {
      // An operator the name was never registered at: no status, and nothing worth keeping.
      kinds[i] = BLANK;
    } else {
      keep(i, NODES.readTree(p));
    }
  }

  private void keep(int i, JsonNode node) {
    kinds[i] = KEPT;
    texts[i] = node.toString();
  }

  /** The name as the tree reader's {@code asText()} gives it; null when it is not a name. */
  private static String name(JsonParser p, JsonToken v) throws IOException {
    String s;
    if (v == JsonToken.VALUE_STRING) {
      s = p.getText();
    } else if (v == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      s = Long.toString(p.getLongValue());
    } else {
      JsonNode node = NODES.readTree(p);
      if (!node.isValueNode() || node.isNull()) {
        return null;
      }
      s = node.asText();
    }
    return s.isBlank() ? null : s;
  }

  /** Where {@code key} goes: its earlier place when the entry named it before. */
  private int slot(String key) {
    int h = key.hashCode();
    for (int i = 0; i < fields; i++) {
      String k = keys[i];
      if (k.hashCode() == h && k.equals(key)) {
        return i;
      }
    }
    if (fields == keys.length) {
      int n = fields * 2;
      keys = Arrays.copyOf(keys, n);
      kinds = Arrays.copyOf(kinds, n);
      nums = Arrays.copyOf(nums, n);
      texts = Arrays.copyOf(texts, n);
      operatorSlots = Arrays.copyOf(operatorSlots, n);
    }
    keys[fields] = key;
    return fields++;
  }

  private Sender build() {
    String name = null;
    long id = WholeNumbers.NONE;
    Integer moderation = null;
    int operators = 0;
    Map<String, String> extra = null;
    for (int i = 0; i < fields; i++) {
      String key = keys[i];
      switch (key) {
        case "sender" -> name = texts[i];
        case "id" -> id = nums[i];
        default -> {
          if (kinds[i] == WHOLE) {
            if (key.equals("status")) {
              moderation = (int) nums[i];
            } else {
              operatorSlots[operators++] = i;
            }
          } else if (kinds[i] == KEPT) {
            if (extra == null) {
              extra = new LinkedHashMap<>();
            }
            extra.put(key, texts[i]);
          }
        }
      }
    }
    if (name == null || id == WholeNumbers.NONE) {
      return null;
    }
    return new Sender(id, name, moderation, codes(operators), extra);
  }

  /** The entry's operator codes, shared with an earlier entry's when they are the same. */
  private OperatorCodes codes(int n) {
    if (n == 0) {
      return OperatorCodes.EMPTY;
    }
    OperatorCodes sameLayout = null;
    for (OperatorCodes known : layouts) {
      if (known == null || known.size() != n) {
        continue;
      }
      boolean flagsMatch = true;
      boolean codesMatch = true;
      for (int j = 0; j < n && flagsMatch; j++) {
        int i = operatorSlots[j];
        flagsMatch = known.flag(j).equals(keys[i]);
        codesMatch &= known.code(j) == (int) nums[i];
      }
      if (flagsMatch && codesMatch) {
        return known;
      }
      if (flagsMatch) {
        sameLayout = known;
      }
    }
    int[] codes = new int[n];
    for (int j = 0; j < n; j++) {
      codes[j] = (int) nums[operatorSlots[j]];
    }
    OperatorCodes made;
    if (sameLayout != null) {
      made = sameLayout.withCodes(codes);
    } else {
      String[] flags = new String[n];
      for (int j = 0; j < n; j++) {
        flags[j] = keys[operatorSlots[j]];
      }
      made = OperatorCodes.wrap(flags, codes);
    }
    layouts[nextLayout] = made;
    nextLayout = (nextLayout + 1) % LAYOUTS;
    return made;
  }
}
