package dev.sendersbot.smsc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import dev.sendersbot.smsc.SmscTransportException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SendersApi} over HTTP: one POST with a form body per call, {@code fmt=3}, {@code
 * charset=utf-8}. Credentials travel only in the body; messages, logs and {@link #toString()} name
 * the operation, host and path, never a parameter.
 */
final class HttpSendersApi implements SendersApi {

  static final String PATH = "sys/senders.php";

  private static final Logger log = LoggerFactory.getLogger(HttpSendersApi.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT);

  /**
   * Names an operator flag may not take: a flag is sent as {@code flag=1}, so one of these would
   * change the command, the credentials or another parameter.
   */
  private static final Set<String> RESERVED =
      Set.of("login", "psw", "apikey", "fmt", "charset", "get", "add", "chg", "del", "send_code",
          "check_code", "sender", "id", "cmt", "user", "mail", "name", "code", "site", "site_name",
          "doc_info", "file", "all", "operators", "from_date", "prev_id", "cnt", "fio", "inn",
          "email", "address", "desc", "subj");

  /** The operations, by their label in messages and logs and their command flag. */
  enum Operation {
    LIST("list", "get"),
    ADD("add", "add"),
    CHANGE("change", "chg"),
    SEND_CODE("send_code", "send_code"),
    CHECK_CODE("check_code", "check_code"),
    DELETE("delete", "del");

    final String label;
    final String command;

    Operation(String label, String command) {
      this.label = label;
      this.command = command;
    }
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(JsonNode root) throws BadAnswer;
  }

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final HttpUrl backupEndpoint;
  private final Credentials credentials;
  private final Duration timeout;

  /**
   * @param backupEndpoint where a list that failed in transport is tried once more; null for none
   */
  HttpSendersApi(OkHttpClient client, HttpUrl endpoint, HttpUrl backupEndpoint,
      Credentials credentials, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.backupEndpoint = backupEndpoint;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public List<Sender> list(ListQuery query) {
    return page(query).senders();
  }

  @Override
  public List<Sender> listAll(ListQuery query) {
    Objects.requireNonNull(query, "query");
    int cnt = query.cnt() == null ? ListQuery.MAX_CNT : query.cnt();
    ListQuery pages = query.withCnt(cnt);
    List<Sender> all = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    Long prevId = query.prevId();
    while (true) {
      Page page = page(pages.withPrevId(prevId));
      boolean advanced = false;
      long min = Long.MAX_VALUE;
      for (Sender s : page.senders()) {
        min = Math.min(min, s.id());
        if (seen.add(s.id())) {
          all.add(s);
          advanced = true;
        }
      }
      if (page.entries() < cnt || page.senders().isEmpty()) {
        return List.copyOf(all);
      }
      // A provider that ignored prev_id would hand back the same full page for ever.
      if (!advanced || min <= 0 || (prevId != null && min >= prevId)) {
        throw new SmscTransportException(Kind.MALFORMED,
            "list " + where(endpoint) + ": paging with prev_id did not advance (after prev_id="
                + prevId + " a full page of " + cnt + " reached down to id " + min + ")", null);
      }
      prevId = min;
    }
  }

  private Page page(ListQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, String> p = new LinkedHashMap<>();
    flag(p, "all", query.all());
    flag(p, "operators", query.operators());
    if (query.fromDate() != null) {
      p.put("from_date", DATE.format(query.fromDate()));
    }
    if (query.prevId() != null) {
      p.put("prev_id", Long.toString(query.prevId()));
    }
    if (query.cnt() != null) {
      p.put("cnt", Integer.toString(query.cnt()));
    }
    user(p, query.user());
    return call(Operation.LIST, p, null, SendersAnswers::page);
  }

  @Override
  public long add(AddRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sender", request.sender());
    text(p, "cmt", request.comment());
    operatorFlags(p, request.operatorFlags());
    UaRegistration ua = request.ua();
    if (ua != null) {
      p.put("ua_reg", "1");
      p.put("fio", ua.fio());
      p.put("inn", ua.inn());
      p.put("email", ua.email());
      p.put("address", ua.address());
      p.put("desc", ua.desc());
      p.put("subj", ua.subj());
      text(p, "site", ua.site());
    }
    if (request.mail()) {
      p.put("mail", "1");
      text(p, "name", request.mailName());
    } else if (request.mailName() != null && !request.mailName().isBlank()) {
      throw new IllegalArgumentException(
          "a name ('" + request.mailName() + "') goes only with an e-mail sender (mail=1)");
    }
    user(p, request.user());
    return call(Operation.ADD, p, request.document(), SendersAnswers::addedId);
  }

  @Override
  public void change(ChangeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    ref(p, request.ref());
    text(p, "cmt", request.comment());
    operatorFlags(p, request.operatorFlags());
    user(p, request.user());
    call(Operation.CHANGE, p, request.document(), ok());
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sender", request.phone());
    text(p, "site", request.site());
    text(p, "site_name", request.siteName());
    user(p, request.user());
    call(Operation.SEND_CODE, p, null, ok());
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sender", request.phone());
    p.put("code", request.code());
    user(p, request.user());
    call(Operation.CHECK_CODE, p, null, ok());
  }

  @Override
  public void delete(DeleteRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    ref(p, request.ref());
    user(p, request.user());
    call(Operation.DELETE, p, null, ok());
  }

  @Override
  public String toString() {
    return "HttpSendersApi[" + endpoint.scheme() + "://" + where(endpoint)
        + (backupEndpoint == null ? "" : ", backup " + backupEndpoint.host())
        + ", " + credentials.describe() + "]";
  }

  // --- parameters -------------------------------------------------------------------------------

  private static void flag(Map<String, String> p, String name, boolean on) {
    if (on) {
      p.put(name, "1");
    }
  }

  private static void text(Map<String, String> p, String name, String value) {
    if (value != null && !value.isBlank()) {
      p.put(name, value.strip());
    }
  }

  private static void user(Map<String, String> p, String user) {
    if (user != null) {
      p.put("user", user);
    }
  }

  private static void ref(Map<String, String> p, SenderRef ref) {
    if (ref.name() != null) {
      p.put("sender", ref.name());
    } else {
      p.put("id", Long.toString(ref.id()));
    }
  }

  private static void operatorFlags(Map<String, String> p, Set<String> flags) {
    for (String f : new TreeSet<>(flags)) {
      if (RESERVED.contains(f)) {
        throw new IllegalArgumentException(
            "'" + f + "' is a request parameter of senders.php, not an operator flag");
      }
      p.put(f, "1");
    }
  }

  private static Reader<Void> ok() {
    return root -> {
      SendersAnswers.ok(root);
      return null;
    };
  }

  // --- the exchange -----------------------------------------------------------------------------

  /**
   * One request; for a list, a second one on the backup host after a transport failure. Provider
   * errors are never retried (errors 2 and 4 would lengthen an IP block), nor are mutations (the
   * first may have been applied).
   */
  private <T> T call(Operation op, Map<String, String> params, Document document, Reader<T> reader) {
    RequestBody body = body(op, params, document);
    try {
      return exchange(op, endpoint, body, reader);
    } catch (SmscTransportException first) {
      if (op != Operation.LIST || backupEndpoint == null || Thread.currentThread().isInterrupted()) {
        throw first;
      }
      try {
        return exchange(op, backupEndpoint, body, reader);
      } catch (SmscTransportException second) {
        first.addSuppressed(second);
        throw first;
      }
    }
  }

  private RequestBody body(Operation op, Map<String, String> params, Document document) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(op.command, "1");
    credentials.signIn(all);
    all.put("fmt", "3");
    all.put("charset", "utf-8");
    all.putAll(params);
    if (document == null) {
      FormBody.Builder form = new FormBody.Builder();
      all.forEach(form::add);
      return form.build();
    }
    MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
    all.forEach(multipart::addFormDataPart);
    if (document.info() != null && !document.info().isBlank()) {
      multipart.addFormDataPart("doc_info", document.info().strip());
    }
    multipart.addFormDataPart("file", baseName(document.fileName()),
        RequestBody.create(document.content(), MediaType.get(document.type().mediaType())));
    return multipart.build();
  }

  private <T> T exchange(Operation op, HttpUrl url, RequestBody body, Reader<T> reader) {
    long started = System.nanoTime();
    String outcome = "failed";
    try {
      T result = exchangeOnce(op, url, body, reader);
      outcome = result instanceof Page page
          ? "ok, " + page.senders().size() + " names"
              + (page.skipped() > 0 ? ", " + page.skipped() + " other entries" : "")
          : "ok";
      return result;
    } catch (SmscError e) {
      outcome = "provider error " + e.rawCode();
      throw e;
    } catch (SmscTransportException e) {
      outcome = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } finally {
      log.debug("smsc {} host={} outcome={} in {} ms", op.label, url.host(), outcome,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private <T> T exchangeOnce(Operation op, HttpUrl url, RequestBody body, Reader<T> reader) {
    Request request =
        new Request.Builder().url(url).post(body).header("Accept", "application/json").build();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw transport(op, url, e, false);
    }
    try (response) {
      ResponseBody responseBody = response.body();
      byte[] bytes;
      try {
        bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      } catch (IOException e) {
        throw transport(op, url, e, true);
      }
      return interpret(op, url, response.code(), bytes, reader);
    }
  }

  private <T> T interpret(Operation op, HttpUrl url, int status, byte[] bytes, Reader<T> reader) {
    JsonNode root = null;
    BadAnswer unreadable = null;
    try {
      root = SendersAnswers.tree(bytes);
    } catch (BadAnswer e) {
      unreadable = e;
    }
    // A provider error wins over everything else, whatever the HTTP status: treating error 2 or 4
    // as a transport failure would retry it and lengthen an IP block.
    var error = root != null
        ? SendersAnswers.error(op.label, root)
        : SendersAnswers.plainError(op.label, bytes);
    if (error.isPresent()) {
      throw error.get();
    }
    if (status < 200 || status > 299) {
      throw new SmscTransportException(
          Kind.HTTP_STATUS, op.label + " " + where(url) + ": HTTP status " + status, null);
    }
    try {
      if (unreadable != null) {
        throw unreadable;
      }
      return reader.read(root);
    } catch (BadAnswer e) {
      throw new SmscTransportException(
          Kind.MALFORMED, op.label + " " + where(url) + ": " + e.getMessage(), null);
    }
  }

  private SmscTransportException transport(Operation op, HttpUrl url, IOException e,
      boolean readingBody) {
    Kind kind;
    String what;
    if (e instanceof InterruptedIOException) {
      kind = Kind.TIMEOUT;
      what = Thread.currentThread().isInterrupted()
          ? "interrupted before an answer came"
          : "no answer within " + timeout.toMillis() + " ms";
    } else if (e instanceof UnknownHostException) {
      kind = Kind.CONNECTION;
      what = "unknown host";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      kind = Kind.CONNECTION;
      what = "connection refused";
    } else if (e instanceof SSLException) {
      kind = Kind.CONNECTION;
      what = "TLS failure";
    } else if (readingBody) {
      kind = Kind.CONNECTION;
      what = "the connection broke while the answer was read";
    } else if (e instanceof ProtocolException) {
      kind = Kind.MALFORMED;
      what = "not a valid HTTP answer";
    } else if (e instanceof SocketException) {
      kind = Kind.CONNECTION;
      what = "connection reset";
    } else {
      kind = Kind.CONNECTION;
      what = "connection closed before an answer";
    }
    return new SmscTransportException(kind, op.label + " " + where(url) + ": " + what, e);
  }

  /** Host, port when not the scheme's default, and path: never a parameter. */
  private static String where(HttpUrl url) {
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    return url.host() + (defaultPort ? "" : ":" + url.port()) + url.encodedPath();
  }

  private static String baseName(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    String name = fileName.substring(slash + 1);
    return name.isBlank() ? "document" : name;
  }
}
