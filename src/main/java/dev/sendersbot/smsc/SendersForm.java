package dev.sendersbot.smsc;

import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * One senders.php request before it is signed: the operation, its own fields in the order they are
 * sent, and a document for add and change. Building one refuses input the provider would reject, so
 * such input costs no request.
 *
 * @param fields without the command, the credentials and the format fields ({@link #encode} adds
 *     them)
 * @param document sent as a multipart file part; null for a plain form
 */
record SendersForm(Operation operation, Map<String, String> fields, Document document) {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT);

  /**
   * Names an operator flag may not take: a flag is sent as {@code flag=1}, so one of these would
   * change the command, the credentials or another parameter.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "login",
          "psw",
          "apikey",
          "fmt",
          "charset",
          "get",
          "add",
          "chg",
          "del",
          "send_code",
          "check_code",
          "sender",
          "id",
          "cmt",
          "user",
          "mail",
          "name",
          "code",
          "site",
          "site_name",
          "doc_info",
          "file",
          "all",
          "operators",
          "from_date",
          "prev_id",
          "cnt",
          "fio",
          "inn",
          "email",
          "address",
          "desc",
          "subj");

  SendersForm {
    Objects.requireNonNull(operation, "operation");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  static SendersForm list(ListQuery query) {
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
    return new SendersForm(Operation.LIST, p, null);
  }

  static SendersForm add(AddRequest request) {
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
    return new SendersForm(Operation.ADD, p, request.document());
  }

  static SendersForm change(ChangeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    ref(p, request.ref());
    text(p, "cmt", request.comment());
    operatorFlags(p, request.operatorFlags());
    user(p, request.user());
    return new SendersForm(Operation.CHANGE, p, request.document());
  }

  static SendersForm sendCode(SendCodeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sender", request.phone());
    text(p, "site", request.site());
    text(p, "site_name", request.siteName());
    user(p, request.user());
    return new SendersForm(Operation.SEND_CODE, p, null);
  }

  static SendersForm checkCode(CheckCodeRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sender", request.phone());
    p.put("code", request.code());
    user(p, request.user());
    return new SendersForm(Operation.CHECK_CODE, p, null);
  }

  static SendersForm delete(DeleteRequest request) {
    Objects.requireNonNull(request, "request");
    Map<String, String> p = new LinkedHashMap<>();
    ref(p, request.ref());
    user(p, request.user());
    return new SendersForm(Operation.DELETE, p, null);
  }

  /**
   * The body as it goes on the wire: command, credentials, {@code fmt=3}, {@code charset=utf-8},
   * then the fields; a url-encoded form, or multipart with the document as its last part.
   */
  RequestBody encode(Credentials credentials) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(operation.command, "1");
    credentials.signIn(all);
    all.put("fmt", "3");
    all.put("charset", "utf-8");
    all.putAll(fields);
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
    multipart.addFormDataPart(
        "file",
        baseName(document.fileName()),
        RequestBody.create(document.content(), MediaType.get(document.type().mediaType())));
    return multipart.build();
  }

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

  private static String baseName(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    String name = fileName.substring(slash + 1);
    return name.isBlank() ? "document" : name;
  }
}
