package dev.sendersbot.smsc.sandbox;

import static dev.sendersbot.smsc.sandbox.ControlFields.instant;
import static dev.sendersbot.smsc.sandbox.ControlFields.ints;
import static dev.sendersbot.smsc.sandbox.ControlFields.requireLong;
import static dev.sendersbot.smsc.sandbox.ControlFields.requireText;
import static dev.sendersbot.smsc.sandbox.ControlFields.strings;
import static dev.sendersbot.smsc.sandbox.ControlFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The JSON control interface under {@code /sandbox}; see {@link SmscSandbox} for the endpoints. */
final class ControlHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SmscSandbox sandbox;

  ControlHandler(SmscSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** A control request the sandbox cannot do; answered 400 (or the given status). */
  static final class BadRequest extends RuntimeException {
    private final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
      String method = ex.getRequestMethod();
      JsonNode body = method.equals("POST") || method.equals("PUT") ? readJson(ex) : null;
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      JsonNode answer = route(method, path, query, body);
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(answer);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ApiHandler.send(ex, 200, bytes);
    } catch (BadRequest e) {
      error(ex, e.status, e.getMessage());
    } catch (IllegalArgumentException e) {
      error(ex, 400, e.getMessage());
    } finally {
      ex.close();
    }
  }

  private JsonNode route(String method, String path, Map<String, String> query, JsonNode body) {
    String endpoint = method + " " + path.substring(SmscSandbox.CONTROL_PATH.length());
    return switch (endpoint) {
      case "GET " -> index();
      case "GET /names" -> names(query);
      case "POST /names" -> seed(body);
      case "POST /bulk" -> bulk(body);
      case "POST /status" -> status(body);
      case "POST /delete" -> delete(body);
      case "GET /codes" -> codes();
      case "GET /requests" -> requests();
      case "DELETE /requests" -> {
        sandbox.clearRequests();
        yield JSON.createObjectNode().put("cleared", true);
      }
      case "POST /fail" -> fail(body);
      case "POST /latency" -> {
        sandbox.latency(Duration.ofMillis(requireLong(body, "millis")));
        yield JSON.createObjectNode().put("latencyMillis", requireLong(body, "millis"));
      }
      case "GET /clock" -> clock();
      case "POST /clock" -> moveClock(body);
      case "POST /unblock" -> {
        sandbox.unblock();
        yield JSON.createObjectNode().put("unblocked", true);
      }
      case "POST /reset" -> {
        sandbox.reset();
        yield JSON.createObjectNode().put("reset", true);
      }
      default ->
          throw new BadRequest(
              404,
              "no control endpoint "
                  + endpoint
                  + "; GET "
                  + SmscSandbox.CONTROL_PATH
                  + " lists them");
    };
  }

  private JsonNode index() {
    ObjectNode o = JSON.createObjectNode();
    o.put("api", sandbox.apiUrl().toString());
    o.put("login", sandbox.login());
    ArrayNode e = o.putArray("endpoints");
    for (String s :
        List.of(
            "GET /sandbox/names[?user=U] - names (all owners without user; user= for the account)",
            "POST /sandbox/names - seed {name,user,comment,moderation,operators{},changedAt,extraFields{}} or an array",
            "POST /sandbox/bulk - {count,user} bulk names BULK0000001...",
            "POST /sandbox/status - {id | name,user} with moderation and/or operators{flag:status}, changedAt",
            "POST /sandbox/delete - {id | name,user}",
            "GET /sandbox/codes - codes sent",
            "GET /sandbox/requests - request log; DELETE /sandbox/requests clears it",
            "POST /sandbox/fail - {count,error,operation} or {count,httpStatus,operation}",
            "POST /sandbox/latency - {millis}",
            "GET|POST /sandbox/clock - {advance:'PT1M'} or {set:'2025-01-01T00:00:00Z'} (a MovableClock only)",
            "POST /sandbox/unblock - forget rate windows, auth errors and IP blocks",
            "POST /sandbox/reset - forget everything")) {
      e.add(s);
    }
    return o;
  }

  private JsonNode names(Map<String, String> query) {
    ArrayNode a = JSON.createArrayNode();
    for (SandboxName n : sandbox.names()) {
      if (!query.containsKey("user") || Objects.equals(n.user(), blankToNull(query.get("user")))) {
        a.add(name(n));
      }
    }
    return a;
  }

  private JsonNode seed(JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(items::add);
    } else {
      items.add(body);
    }
    ObjectNode o = JSON.createObjectNode();
    ArrayNode ids = o.putArray("ids");
    for (JsonNode item : items) {
      ids.add(
          sandbox.seed(
              new NameSeed(
                  requireText(item, "name"),
                  text(item, "user"),
                  text(item, "comment"),
                  item.path("moderation").asInt(1),
                  ints(item.get("operators")),
                  instant(item, "changedAt"),
                  strings(item.get("extraFields")))));
    }
    return o;
  }

  private JsonNode bulk(JsonNode body) {
    List<Long> ids = sandbox.bulkSeed((int) requireLong(body, "count"), text(body, "user"));
    ObjectNode o = JSON.createObjectNode().put("count", ids.size());
    if (!ids.isEmpty()) {
      o.put("firstId", ids.get(0)).put("lastId", ids.get(ids.size() - 1));
    }
    return o;
  }

  private JsonNode status(JsonNode body) {
    long id = id(body);
    Instant at = instant(body, "changedAt");
    SandboxName n =
        sandbox.name(id).orElseThrow(() -> new BadRequest(404, "no sender with id " + id));
    if (body.has("moderation")) {
      n = sandbox.setModeration(id, body.get("moderation").asInt());
    }
    for (Map.Entry<String, Integer> e : ints(body.get("operators")).entrySet()) {
      n = sandbox.setOperatorStatus(id, e.getKey(), e.getValue(), at);
    }
    for (Map.Entry<String, String> e : strings(body.get("extraFields")).entrySet()) {
      n = sandbox.setExtraField(id, e.getKey(), e.getValue());
    }
    return name(n);
  }

  private JsonNode delete(JsonNode body) {
    return JSON.createObjectNode().put("deleted", sandbox.remove(id(body)));
  }

  private long id(JsonNode body) {
    if (body.hasNonNull("id")) {
      return body.get("id").asLong();
    }
    return sandbox.idOf(requireText(body, "name"), text(body, "user"));
  }

  private JsonNode codes() {
    ArrayNode a = JSON.createArrayNode();
    for (SentCode c : sandbox.sentCodes()) {
      a.addObject()
          .put("phone", c.phone())
          .put("code", c.code())
          .put("user", c.user())
          .put("time", c.time().toString())
          .put("site", c.site())
          .put("siteName", c.siteName())
          .put("text", c.text());
    }
    return a;
  }

  private JsonNode requests() {
    ArrayNode a = JSON.createArrayNode();
    for (RecordedRequest r : sandbox.requests()) {
      ObjectNode o = a.addObject();
      o.put("time", r.time().toString())
          .put("method", r.method())
          .put("remoteAddress", r.remoteAddress())
          .put("contentType", r.contentType())
          .put("operation", r.operation());
      ObjectNode params = o.putObject("params");
      r.params().forEach(params::put);
      ArrayNode q = o.putArray("queryParams");
      r.queryParams().stream().sorted().forEach(q::add);
      ArrayNode docs = o.putArray("documents");
      r.documents().forEach(d -> docs.add(document(d)));
      o.put("login", r.login()).put("user", r.user()).put("httpStatus", r.httpStatus());
      if (r.errorCode() == null) {
        o.putNull("errorCode");
      } else {
        o.put("errorCode", r.errorCode());
      }
      o.put("detail", r.detail());
    }
    return a;
  }

  private JsonNode fail(JsonNode body) {
    int count = body.path("count").asInt(1);
    String operation = text(body, "operation");
    if (body.hasNonNull("httpStatus")) {
      sandbox.failNextHttp(operation, count, body.get("httpStatus").asInt());
    } else {
      sandbox.failNext(operation, count, (int) requireLong(body, "error"));
    }
    return JSON.createObjectNode().put("forced", count);
  }

  private JsonNode clock() {
    return JSON.createObjectNode()
        .put("now", sandbox.clock().instant().toString())
        .put("zone", sandbox.clock().getZone().getId())
        .put("movable", sandbox.clock() instanceof MovableClock);
  }

  private JsonNode moveClock(JsonNode body) {
    if (!(sandbox.clock() instanceof MovableClock c)) {
      throw new BadRequest(
          409, "this sandbox runs on the system clock; start it with a MovableClock");
    }
    try {
      if (body.hasNonNull("advance")) {
        Duration d = Duration.parse(body.get("advance").asText());
        if (d.isNegative()) {
          throw new BadRequest(400, "advance moves time forward; set moves it back: " + d);
        }
        c.advance(d);
      } else if (body.hasNonNull("set")) {
        c.set(Instant.parse(body.get("set").asText()));
      } else {
        throw new BadRequest(400, "give advance (an ISO-8601 duration) or set (an instant)");
      }
    } catch (DateTimeParseException e) {
      throw new BadRequest(400, "cannot read the time: " + e.getParsedString());
    }
    return clock();
  }

  static ObjectNode name(SandboxName n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", n.id())
        .put("name", n.name())
        .put("user", n.user())
        .put("comment", n.comment())
        .put("moderation", n.moderation());
    ObjectNode ops = o.putObject("operators");
    n.operators().forEach(ops::put);
    ObjectNode changed = o.putObject("operatorChangedAt");
    n.operatorChangedAt().forEach((k, v) -> changed.put(k, v.toString()));
    o.put("createdAt", n.createdAt().toString());
    o.put("lastStatusChange", n.lastStatusChange().map(Instant::toString).orElse(null));
    o.put("mail", n.mail()).put("mailName", n.mailName());
    ArrayNode docs = o.putArray("documents");
    n.documents().forEach(d -> docs.add(document(d)));
    ObjectNode reg = o.putObject("registration");
    n.registration().forEach(reg::put);
    ObjectNode extra = o.putObject("extraFields");
    n.extraFields().forEach(extra::put);
    return o;
  }

  private static ObjectNode document(StoredDocument d) {
    return JSON.createObjectNode()
        .put("fileName", d.fileName())
        .put("size", d.size())
        .put("type", d.type())
        .put("info", d.info());
  }

  private static JsonNode readJson(HttpExchange ex) throws IOException {
    byte[] bytes = ex.getRequestBody().readAllBytes();
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.put(k, v);
    }
    return m;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message));
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ApiHandler.send(ex, status, bytes);
  }
}
