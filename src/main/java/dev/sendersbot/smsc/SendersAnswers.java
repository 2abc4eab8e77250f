package dev.sendersbot.smsc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the provider's {@code fmt=3} answers. Tolerant where the reference is loose (numbers as
 * strings, fields it does not name, entries of unknown shape), strict where a wrong guess would
 * mislead (an answer that is not JSON, an add without an id, a change without {@code OK}).
 */
final class SendersAnswers {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** The {@code fmt=0} error line, in case the provider ignores {@code fmt}. */
  private static final Pattern PLAIN_ERROR =
      Pattern.compile("ERROR\\s*=\\s*(-?[0-9]{1,9})\\s*(?:\\((.*)\\))?", Pattern.DOTALL);

  /** The {@code fmt=1} error line {@code 0,-N}. */
  private static final Pattern CSV_ERROR = Pattern.compile("0\\s*,\\s*-([0-9]{1,9})");

  /**
   * The {@code fmt=2} error {@code <result><error>text</error><error_code>N</error_code></result>},
   * its two elements in either order, after an optional XML declaration.
   */
  private static final Pattern XML_ERROR =
      Pattern.compile(
          "(?:<\\?xml[^>]*\\?>)?\\s*<result>\\s*(?:<error>(.*?)</error>\\s*)?"
              + "<error_code>\\s*(-?[0-9]{1,9})\\s*</error_code>\\s*"
              + "(?:<error>(.*?)</error>\\s*)?</result>",
          Pattern.DOTALL);

  private SendersAnswers() {}

  /** Why an answer cannot be used; the text goes into a transport exception's message. */
  static final class BadAnswer extends Exception {
    BadAnswer(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * One page of a list.
   *
   * @param senders the entries that are sender names
   * @param entries how many entries the page had, including ones that are not sender names (the
   *     paging decision counts these)
   */
  record Page(List<Sender> senders, int entries) {
    Page {
      senders = List.copyOf(senders);
    }

    int skipped() {
      return entries - senders.size();
    }
  }

  /** The body as a JSON tree. */
  static JsonNode tree(byte[] body) throws BadAnswer {
    String head = head(body);
    if (head.isEmpty()) {
      throw new BadAnswer("empty answer");
    }
    if (head.startsWith("<")) {
      String lower = head.toLowerCase(Locale.ROOT);
      throw new BadAnswer(
          lower.startsWith("<!doctype html") || lower.startsWith("<html")
              ? "an HTML page instead of JSON"
              : "markup (HTML or XML) instead of JSON");
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new BadAnswer("empty answer");
      }
      return root;
    } catch (JsonEOFException e) {
      throw new BadAnswer("truncated JSON");
    } catch (JsonProcessingException e) {
      throw new BadAnswer("not JSON");
    } catch (IOException e) {
      throw new BadAnswer("unreadable answer");
    }
  }

  /** A parser over an answer as it arrives, set up as {@link #tree} reads. */
  static JsonParser parser(InputStream in) throws IOException {
    return JSON.createParser(in);
  }

  /**
   * The provider's error answer in this tree, if it is one: an {@code error_code} other than 0 or
   * an {@code error} with words. Empty ones (null, 0, "") beside a success are not an error: a
   * provider built on a response model writes every field.
   */
  static Optional<SmscError> error(String operation, JsonNode root) {
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode text = root.get("error");
    String description =
        text == null || text.isNull() ? null : text.isValueNode() ? text.asText() : text.toString();
    JsonNode codeNode = root.get("error_code");
    OptionalLong code = asLong(codeNode);
    boolean coded =
        codeNode != null
            && !codeNode.isNull()
            && !(code.isPresent() && code.getAsLong() == 0)
            && !(codeNode.isTextual() && codeNode.asText().isBlank());
    if (!coded && (description == null || description.isBlank())) {
      return Optional.empty();
    }
    int raw =
        code.isPresent() && code.getAsLong() == (int) code.getAsLong() ? (int) code.getAsLong() : 0;
    return Optional.of(new SmscError(operation, raw, description));
  }

  /**
   * The error of another format than the JSON asked for, when the body is exactly that: {@code
   * ERROR = N (description)} (fmt=0), {@code 0,-N} (fmt=1) or {@code <result><error>…</error>
   * <error_code>N</error_code></result>} (fmt=2). Any of them read as anything but the provider's
   * error would be a transport failure, and a list would be asked again of the backup host: after
   * error 2 or 4 that lengthens the IP block. A byte order mark is not content.
   */
  static Optional<SmscError> plainError(String operation, byte[] body) {
    if (body.length > 4096) {
      return Optional.empty();
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    Matcher m = PLAIN_ERROR.matcher(text);
    if (m.matches()) {
      return Optional.of(
          new SmscError(operation, Math.abs(Integer.parseInt(m.group(1))), m.group(2)));
    }
    m = CSV_ERROR.matcher(text);
    if (m.matches()) {
      return Optional.of(new SmscError(operation, Integer.parseInt(m.group(1)), null));
    }
    m = XML_ERROR.matcher(text);
    if (m.matches()) {
      String said = m.group(1) != null ? m.group(1) : m.group(3);
      return Optional.of(
          new SmscError(
              operation,
              Math.abs(Integer.parseInt(m.group(2))),
              said == null ? null : unescape(said.strip())));
    }
    return Optional.empty();
  }

  /** The five predefined XML entities; the provider's texts need no others. */
  private static String unescape(String xml) {
    return xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  /** A list answer: an array of entries ({@code {}} is read as an empty list). */
  static Page page(JsonNode root) throws BadAnswer {
    if (root.isObject() && root.isEmpty()) {
      return new Page(List.of(), 0);
    }
    if (!root.isArray()) {
      throw new BadAnswer("expected a JSON array of sender names, got " + kind(root));
    }
    List<Sender> senders = new ArrayList<>(root.size());
    for (JsonNode entry : root) {
      sender(entry).ifPresent(senders::add);
    }
    return new Page(senders, root.size());
  }

  /**
   * One entry, or empty when it is not a sender name with an id (for example a replacement analog
   * in a shape the reference does not give).
   */
  static Optional<Sender> sender(JsonNode entry) {
    if (!entry.isObject()) {
      return Optional.empty();
    }
    JsonNode nameNode = entry.get("sender");
    if (nameNode == null
        || !nameNode.isValueNode()
        || nameNode.isNull()
        || nameNode.asText().isBlank()) {
      return Optional.empty();
    }
    OptionalLong id = asLong(entry.get("id"));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Integer moderation = null;
    Map<String, Integer> operators = new LinkedHashMap<>();
    Map<String, String> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : entry.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("sender") || key.equals("id")) {
        continue;
      }
      Optional<Integer> number = asInt(value);
      if (key.equals("status") && number.isPresent()) {
        moderation = number.get();
      } else if (Operators.isStatusField(key) && number.isPresent()) {
        operators.put(key, number.get());
      } else if (Operators.isStatusField(key) && value.isTextual() && value.textValue().isBlank()) {
        // An operator the name was never registered at: no status, and nothing worth keeping.
        continue;
      } else {
        extra.put(key, value.toString());
      }
    }
    return Optional.of(new Sender(id.getAsLong(), nameNode.asText(), moderation, operators, extra));
  }

  /** The add answer {@code {"sender": <id>}}, the id a number or a string. */
  static long addedId(JsonNode root) throws BadAnswer {
    if (root.isObject()) {
      OptionalLong id = asLong(root.get("sender"));
      if (id.isEmpty()) {
        id = asLong(root.get("id"));
      }
      if (id.isPresent()) {
        return id.getAsLong();
      }
    }
    throw new BadAnswer("the answer to add carries no id (got " + kind(root) + ")");
  }

  /** {@code {"result": "OK"}}. */
  static void ok(JsonNode root) throws BadAnswer {
    JsonNode result = root.isObject() ? root.get("result") : null;
    if (result != null && result.isValueNode() && result.asText().strip().equalsIgnoreCase("OK")) {
      return;
    }
    throw new BadAnswer("expected {\"result\": \"OK\"}, got " + kind(root));
  }

  /** A whole number given as a JSON number or as a string of digits. */
  static OptionalLong asLong(JsonNode n) {
    long v = whole(n);
    return v == WholeNumbers.NONE ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** As {@link #asLong}, {@link WholeNumbers#NONE} for no number. */
  static long whole(JsonNode n) {
    if (n == null || n.isNull()) {
      return WholeNumbers.NONE;
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? n.longValue() : WholeNumbers.NONE;
    }
    if (n.isNumber()) {
      return exact(n);
    }
    if (n.isTextual()) {
      return WholeNumbers.parse(n.textValue());
    }
    return WholeNumbers.NONE;
  }

  static Optional<Integer> asInt(JsonNode n) {
    long l = whole(n);
    return l != WholeNumbers.NONE && l == (int) l ? Optional.of((int) l) : Optional.empty();
  }

  private static long exact(JsonNode fraction) {
    try {
      return fraction.decimalValue().longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      // Not whole, or past a long; or not finite (1e400 reads as infinity and has no decimal).
      return WholeNumbers.NONE;
    }
  }

  /** What kind of JSON value came, for messages: never the value itself. */
  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return n.isEmpty() ? "an empty JSON object" : "a JSON object with fields " + fieldNames(n);
    }
    if (n.isArray()) {
      return "a JSON array";
    }
    return "a JSON " + n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> names.add(f.length() > 32 ? f.substring(0, 32) + "…" : f));
    return names.size() > 8 ? names.subList(0, 8) + "…" : names.toString();
  }

  private static String head(byte[] body) {
    int i = 0;
    // A UTF-8 byte order mark is not content.
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    return new String(body, i, Math.min(body.length - i, 64), StandardCharsets.UTF_8);
  }
}
