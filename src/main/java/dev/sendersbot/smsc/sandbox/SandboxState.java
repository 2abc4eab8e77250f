package dev.sendersbot.smsc.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the sandbox knows and does: names, codes, limits, faults and the request log, and
 * the six operations of senders.php. Store and codes are guarded by {@code this}.
 */
final class SandboxState {
  private static final Logger log = LoggerFactory.getLogger(SmscSandbox.class);

  static final List<String> COMMANDS = List.of("get", "add", "chg", "send_code", "check_code", "del");
  static final int MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
  static final int MAX_CNT = 15_000;
  static final Duration CODE_RETRY = Duration.ofHours(8);
  static final int MAX_LOG = 100_000;

  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9._-]{1,11}");
  private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
  private static final DateTimeFormatter FROM_DATE =
      DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

  private final SandboxOptions options;
  private final Clock clock;
  private final String passwordMd5;
  private final Random random;
  private final long progressSeed;
  final Limits limits = new Limits();
  final Faults faults = new Faults();

  // guarded by this
  private final TreeMap<Long, NameEntry> byId = new TreeMap<>();
  private final Map<String, NameEntry> byKey = new HashMap<>();
  private long lastId;
  private int bulkCounter;
  private final Map<String, Instant> codeSentAt = new HashMap<>();
  private final Map<String, String> pendingCodes = new HashMap<>();
  private final List<SentCode> sentCodes = new ArrayList<>();
  private Instant nextProgress = Instant.MIN;

  private final Deque<RecordedRequest> requests = new ArrayDeque<>();

  SandboxState(SandboxOptions options) {
    this.options = options;
    this.clock = options.clock();
    this.passwordMd5 = md5(options.password());
    this.random = options.seed() == null ? new SecureRandom() : new Random(options.seed());
    this.progressSeed = options.seed() == null ? 0x5EEDL : options.seed();
  }

  Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- serving one request

  /** An answer to write back. */
  record Reply(int status, String contentType, byte[] body) {}

  Reply serve(String method, String remote, String contentType, Params p) {
    Instant arrival = clock.instant();
    String op = operation(p);
    Integer parsedFmt = fmt(p.get("fmt"));
    int fmt = parsedFmt == null ? 0 : parsedFmt;
    String login = p.text("login");
    String user = p.text("user");
    List<StoredDocument> docs = new ArrayList<>();
    for (Params.Upload u : p.uploads()) {
      docs.add(new StoredDocument(u.fileName(), u.content().length,
          Optional.ofNullable(documentType(u.content())).orElse("unknown"), p.text("doc_info")));
    }
    String body;
    int status = 200;
    Integer error = null;
    String detail = null;
    String type = switch (fmt) {
      case 2 -> "text/xml";
      case 3 -> "application/json";
      default -> "text/plain";
    };
    try {
      limits.checkBlocked(remote, arrival);
      String account = authenticate(p);
      if (account == null) {
        limits.authFailed(remote, arrival);
        throw new ApiError(2, describeAuthFailure(p));
      }
      login = account;
      try (Limits.Lease lease = limits.enter(account.toLowerCase(Locale.ROOT))) {
        faults.pause(op);
        Faults.Forced forced = faults.take(op, user);
        if (forced != null && forced.httpStatus() != 0) {
          status = forced.httpStatus();
          type = "text/html";
          body = "<html><head><title>" + status + "</title></head><body><h1>" + status
              + "</h1><p>The sandbox was told to fail this request.</p></body></html>";
        } else if (forced != null) {
          throw new ApiError(forced.errorCode(), "forced by the test");
        } else {
          if (p.problem() != null) {
            throw new ApiError(1, p.problem());
          }
          if (parsedFmt == null) {
            throw new ApiError(1, "fmt must be 0, 1, 2 or 3: '" + p.get("fmt") + "'");
          }
          body = run(op, p, account, user, clock.instant());
        }
      }
    } catch (ApiError e) {
      body = Responses.error(fmt, e.code(), e.description());
      error = e.code();
      detail = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      type = "text/plain";
      body = "sandbox shutting down";
    }
    record(new RecordedRequest(arrival, method, remote, contentType, op, masked(p.values()),
        p.queryNames(), docs, login, user, status, error, detail));
    if (log.isDebugEnabled()) {
      log.debug("{} {} {} -> {}{}", method, op, logSafe(p.values()), status,
          error == null ? "" : " error " + error + " (" + detail + ")");
    }
    return new Reply(status, type + "; charset=" + p.charset().name(), body.getBytes(p.charset()));
  }

  private String run(String op, Params p, String account, String user, Instant now)
      throws ApiError {
    if (op.equals("none")) {
      throw new ApiError(1, "no command flag (get, add, chg, send_code, check_code or del)");
    }
    if (op.contains("+")) {
      throw new ApiError(1, "more than one command flag: " + op);
    }
    int fmt = fmt(p.get("fmt"));
    return switch (op) {
      case "get" -> list(p, account, user, now, fmt);
      case "add" -> Responses.id(fmt, add(p, account, user, now));
      case "chg" -> {
        change(p, user, now);
        yield Responses.ok(fmt);
      }
      case "send_code" -> {
        sendCode(p, user, now);
        yield Responses.ok(fmt);
      }
      case "check_code" -> {
        checkCode(p, user, now);
        yield Responses.ok(fmt);
      }
      case "del" -> {
        delete(p, user);
        yield Responses.ok(fmt);
      }
      default -> throw new IllegalStateException(op);
    };
  }

  static String operation(Params p) {
    List<String> set = new ArrayList<>();
    for (String c : COMMANDS) {
      if (p.flag(c)) {
        set.add(c);
      }
    }
    return set.isEmpty() ? "none" : String.join("+", set);
  }

  private static Integer fmt(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    return switch (raw.strip()) {
      case "0" -> 0;
      case "1" -> 1;
      case "2" -> 2;
      case "3" -> 3;
      default -> null;
    };
  }

  /** The account's login when the request is authorised, else null. */
  private String authenticate(Params p) {
    String key = p.get("apikey");
    if (key != null && !key.isEmpty()) {
      return options.apiKey() != null && constantTimeEquals(key, options.apiKey())
          ? options.login() : null;
    }
    String login = p.text("login");
    String psw = p.get("psw");
    if (login == null || psw == null || !login.equalsIgnoreCase(options.login())) {
      return null;
    }
    return constantTimeEquals(psw, options.password()) || constantTimeEquals(psw, passwordMd5)
        ? options.login() : null;
  }

  private String describeAuthFailure(Params p) {
    String key = p.get("apikey");
    if (key != null && !key.isEmpty()) {
      return options.apiKey() == null ? "api keys are disabled" : "wrong api key";
    }
    if (p.text("login") == null || p.get("psw") == null) {
      return "login or psw missing";
    }
    return p.text("login").equalsIgnoreCase(options.login()) ? "wrong password"
        : "unknown login '" + p.text("login") + "'";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String md5(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private static Map<String, String> masked(Map<String, String> values) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.replaceAll((k, v) -> k.equals("psw") || k.equals("apikey") ? RecordedRequest.MASK : v);
    return m;
  }

  /** For log lines: also hides confirmation codes. */
  private static Map<String, String> logSafe(Map<String, String> values) {
    Map<String, String> m = masked(values);
    m.computeIfPresent("code", (k, v) -> RecordedRequest.MASK);
    return m;
  }

  // ---------------------------------------------------------------- get

  private String list(Params p, String account, String user, Instant now, int fmt)
      throws ApiError {
    TreeMap<String, String> key = new TreeMap<>(p.values());
    key.remove("login");
    key.remove("psw");
    key.remove("apikey");
    limits.list(account.toLowerCase(Locale.ROOT) + "|" + key, now);

    boolean all = p.flag("all");
    boolean operators = p.flag("operators");
    LocalDate fromDate = null;
    if (p.text("from_date") != null) {
      try {
        fromDate = LocalDate.parse(p.text("from_date"), FROM_DATE);
      } catch (DateTimeParseException e) {
        throw new ApiError(1, "from_date must be DD.MM.YYYY: '" + p.text("from_date") + "'");
      }
    }
    Long prevId = p.text("prev_id") == null ? null : positive("prev_id", p.text("prev_id"));
    // Without cnt the whole list; a larger cnt is cut to the reference's maximum.
    long cnt = p.text("cnt") == null ? Long.MAX_VALUE
        : Math.min(MAX_CNT, positive("cnt", p.text("cnt")));

    List<SandboxName> names = new ArrayList<>();
    Instant since = fromDate == null ? null : fromDate.atStartOfDay(clock.getZone()).toInstant();
    synchronized (this) {
      progress(now);
      // Newest first: with prev_id set to the last id of a page, the next page follows on.
      Iterable<NameEntry> entries = prevId == null
          ? byId.descendingMap().values() : byId.headMap(prevId, false).descendingMap().values();
      for (NameEntry e : entries) {
        if (!owns(e, user) || (!all && e.moderation != 1)) {
          continue;
        }
        SandboxName n = e.snapshot();
        if (since != null && n.lastStatusChange().map(t -> t.isBefore(since)).orElse(true)) {
          continue;
        }
        names.add(n);
        if (since == null && names.size() >= cnt) {
          break;
        }
      }
    }
    if (since != null) {
      names.sort(Comparator.comparing((SandboxName n) -> n.lastStatusChange().orElseThrow())
          .thenComparingLong(SandboxName::id).reversed());
      if (names.size() > cnt) {
        names = new ArrayList<>(names.subList(0, (int) cnt));
      }
    }
    return Responses.list(fmt, all, operators, names);
  }

  private static long positive(String field, String raw) throws ApiError {
    try {
      long v = Long.parseLong(raw);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(1, field + " must be a positive number: '" + raw + "'");
  }

  // ---------------------------------------------------------------- add, chg, del

  private long add(Params p, String account, String user, Instant now) throws ApiError {
    limits.add(account.toLowerCase(Locale.ROOT), now);
    String raw = p.text("sender");
    if (raw == null) {
      throw new ApiError(1, "add without sender");
    }
    boolean mail = p.flag("mail");
    String name = checkName(raw, mail);
    List<String> flags = requestedFlags(p);
    List<StoredDocument> docs = documents(p);
    synchronized (this) {
      progress(now);
      if (byKey.containsKey(key(user, name))) {
        throw new ApiError(5, "sender '" + name + "' already exists"
            + (user == null ? "" : " for sub-client " + user));
      }
      NameEntry e = new NameEntry(++lastId, name, user, now, mail);
      e.comment = p.get("cmt");
      e.mailName = mail ? p.get("name") : null;
      e.moderation = 0;
      applyRequest(e, p, flags, docs, now);
      put(e);
      return e.id;
    }
  }

  private void change(Params p, String user, Instant now) throws ApiError {
    List<String> flags = requestedFlags(p);
    List<StoredDocument> docs = documents(p);
    synchronized (this) {
      progress(now);
      NameEntry e = find(p, user);
      if (p.has("cmt")) {
        e.comment = p.get("cmt");
      }
      if (e.mail && p.has("name")) {
        e.mailName = p.get("name");
      }
      applyRequest(e, p, flags, docs, now);
    }
  }

  private void delete(Params p, String user) throws ApiError {
    synchronized (this) {
      progress(clock.instant());
      NameEntry e = find(p, user);
      byId.remove(e.id);
      byKey.remove(key(e.user, e.name));
    }
  }

  /** Operator flags, registration details and documents of an add or chg. */
  private void applyRequest(NameEntry e, Params p, List<String> flags, List<StoredDocument> docs,
      Instant now) {
    for (String flag : flags) {
      if (!e.operators.containsKey(flag)) {
        e.setOperator(flag, 0, now);
      }
      for (String field : SandboxOperators.REQUIRED_FIELDS.getOrDefault(flag, List.of())) {
        e.registration.put(field, p.text(field));
      }
      for (String field : SandboxOperators.OPTIONAL_FIELDS.getOrDefault(flag, List.of())) {
        if (p.text(field) != null) {
          e.registration.put(field, p.text(field));
        }
      }
    }
    if (!docs.isEmpty()) {
      e.documents.addAll(docs);
      // Documents answer an operator's request for them: its registration goes on.
      for (Map.Entry<String, Integer> op : new ArrayList<>(e.operators.entrySet())) {
        if (op.getValue() == 8) {
          e.resubmitted.add(op.getKey());
          e.setOperator(op.getKey(), 1, now);
        }
      }
    }
    e.changed();
    nextProgress = Instant.MIN;
  }

  private static List<String> requestedFlags(Params p) throws ApiError {
    List<String> flags = new ArrayList<>();
    for (String flag : SandboxOperators.REQUEST_FLAGS) {
      if (p.flag(flag)) {
        for (String field : SandboxOperators.REQUIRED_FIELDS.getOrDefault(flag, List.of())) {
          if (p.text(field) == null) {
            throw new ApiError(1, flag + "=1 without " + field);
          }
        }
        flags.add(flag);
      }
    }
    return flags;
  }

  private static List<StoredDocument> documents(Params p) throws ApiError {
    List<StoredDocument> docs = new ArrayList<>();
    for (Params.Upload u : p.uploads()) {
      if (u.content().length > MAX_DOCUMENT_BYTES) {
        throw new ApiError(1, "document '" + u.fileName() + "' is " + u.content().length
            + " bytes, over 3 MB");
      }
      String type = documentType(u.content());
      if (type == null) {
        throw new ApiError(1, "document '" + u.fileName()
            + "' is not a jpg, tif, pdf, png, zip or rar file");
      }
      int dot = u.fileName().lastIndexOf('.');
      if (dot >= 0) {
        String ext = u.fileName().substring(dot + 1).toLowerCase(Locale.ROOT);
        String byName = switch (ext) {
          case "jpg", "jpeg" -> "jpg";
          case "tif", "tiff" -> "tif";
          default -> ext;
        };
        if (!byName.equals(type)) {
          throw new ApiError(1, "document '" + u.fileName() + "' holds " + type + " content");
        }
      }
      docs.add(new StoredDocument(u.fileName(), u.content().length, type, p.text("doc_info")));
    }
    return docs;
  }

  /** The document type by its first bytes, or null. */
  static String documentType(byte[] b) {
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "jpg";
    }
    if (starts(b, 0x49, 0x49, 0x2A, 0x00) || starts(b, 0x4D, 0x4D, 0x00, 0x2A)) {
      return "tif";
    }
    if (starts(b, 0x25, 0x50, 0x44, 0x46)) {
      return "pdf";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "png";
    }
    if (starts(b, 0x50, 0x4B, 0x03, 0x04) || starts(b, 0x50, 0x4B, 0x05, 0x06)) {
      return "zip";
    }
    if (starts(b, 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07)) {
      return "rar";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The name a chg or del addresses, by sender or id (both: they must be the same name). */
  private NameEntry find(Params p, String user) throws ApiError {
    String sender = p.text("sender");
    String rawId = p.text("id");
    if (sender == null && rawId == null) {
      throw new ApiError(1, "neither sender nor id");
    }
    NameEntry byName = null;
    if (sender != null) {
      byName = byKey.get(key(user, normalise(sender)));
      if (byName == null) {
        throw new ApiError(3, "no sender '" + sender + "'" + forUser(user));
      }
    }
    if (rawId != null) {
      long id;
      try {
        id = Long.parseLong(rawId);
      } catch (NumberFormatException e) {
        throw new ApiError(1, "id must be a number: '" + rawId + "'");
      }
      NameEntry e = byId.get(id);
      if (e == null || !owns(e, user)) {
        throw new ApiError(3, "no sender with id " + id + forUser(user));
      }
      if (byName != null && byName != e) {
        throw new ApiError(3, "sender '" + sender + "' does not have id " + id);
      }
      return e;
    }
    return byName;
  }

  private static String forUser(String user) {
    return user == null ? "" : " for sub-client " + user;
  }

  /** Checks an added name: alphanumeric, digital (a '+' dropped) or, with mail=1, an e-mail. */
  private static String checkName(String raw, boolean mail) throws ApiError {
    if (mail) {
      if (!EMAIL.matcher(raw).matches()) {
        throw new ApiError(1, "mail=1 with a sender that is not an e-mail address: '" + raw + "'");
      }
      return raw;
    }
    if (DIGITS.matcher(raw).matches()) {
      String digits = raw.startsWith("+") ? raw.substring(1) : raw;
      if (digits.length() > 15) {
        throw new ApiError(1, "digital sender '" + raw + "' has more than 15 digits");
      }
      return digits;
    }
    if (!ALPHANUMERIC.matcher(raw).matches()) {
      throw new ApiError(1, "sender '" + raw
          + "' is not 1-11 English letters, digits, '.', '-' or '_'");
    }
    return raw;
  }

  private static String normalise(String sender) {
    return DIGITS.matcher(sender).matches() && sender.startsWith("+") ? sender.substring(1) : sender;
  }

  // ---------------------------------------------------------------- send_code, check_code

  private void sendCode(Params p, String user, Instant now) throws ApiError {
    String raw = p.text("sender");
    if (raw == null) {
      throw new ApiError(1, "send_code without sender");
    }
    String phone = checkPhone(raw);
    String site = p.text("site");
    synchronized (this) {
      progress(now);
      if (site != null) {
        NameEntry s = byKey.get(key(user, normalise(site)));
        if (s == null || s.moderation != 1) {
          throw new ApiError(3, "site sender '" + site + "' is not an activated name" + forUser(user));
        }
      }
      if (phone.endsWith("0000")) {
        throw new ApiError(8, "numbers ending in 0000 are undeliverable in the sandbox");
      }
      Instant last = codeSentAt.get(phone);
      if (last != null && now.isBefore(last.plus(CODE_RETRY))) {
        throw new ApiError(10, "a code went to " + phone + " at " + last + "; next after "
            + last.plus(CODE_RETRY));
      }
      String code = Integer.toString(100_000 + random.nextInt(900_000));
      codeSentAt.put(phone, now);
      pendingCodes.put(key(user, phone), code);
      sentCodes.add(new SentCode(phone, code, user, now, site, p.text("site_name")));
    }
  }

  private void checkCode(Params p, String user, Instant now) throws ApiError {
    String raw = p.text("sender");
    String code = p.text("code");
    if (raw == null || code == null) {
      throw new ApiError(1, "check_code needs sender and code");
    }
    String phone = checkPhone(raw);
    synchronized (this) {
      progress(now);
      String expected = pendingCodes.get(key(user, phone));
      if (expected == null) {
        throw new ApiError(11, "no code is waiting for " + phone + forUser(user));
      }
      if (!constantTimeEquals(expected, code)) {
        throw new ApiError(11, "wrong code for " + phone);
      }
      pendingCodes.remove(key(user, phone));
      NameEntry e = byKey.get(key(user, phone));
      if (e == null) {
        e = new NameEntry(++lastId, phone, user, now, false);
        put(e);
      }
      e.setModeration(1, now);
    }
  }

  /** Digits in international format, 10 to 15 of them; spaces, dashes, brackets and '+' dropped. */
  private static String checkPhone(String raw) throws ApiError {
    String p = raw.replaceAll("[\\s()-]", "");
    if (p.startsWith("+")) {
      p = p.substring(1);
    }
    if (!p.matches("[0-9]{10,15}")) {
      throw new ApiError(7, "'" + raw + "' is not a phone number of 10-15 digits");
    }
    return p;
  }

  // ---------------------------------------------------------------- store

  private static String key(String user, String name) {
    return (user == null ? "" : user) + '\u0000' + name.toLowerCase(Locale.ROOT);
  }

  private static boolean owns(NameEntry e, String user) {
    return user == null ? e.user == null : user.equals(e.user);
  }

  private void put(NameEntry e) {
    byId.put(e.id, e);
    byKey.put(key(e.user, e.name), e);
    nextProgress = Instant.MIN;
  }

  synchronized long seed(NameSeed s) {
    if (byKey.containsKey(key(s.user(), s.name()))) {
      throw new IllegalArgumentException("sender '" + s.name() + "' already exists"
          + forUser(s.user()));
    }
    Instant now = clock.instant();
    Instant at = s.changedAt() == null ? now : s.changedAt();
    boolean mail = s.name().contains("@");
    NameEntry e = new NameEntry(++lastId, s.name(), s.user(), now, mail);
    e.comment = s.comment();
    e.moderation = s.moderation();
    s.operators().forEach((flag, status) -> e.setOperator(flag, status, at));
    e.extraFields.putAll(s.extraFields());
    e.changed();
    put(e);
    return e.id;
  }

  synchronized List<Long> bulkSeed(int n, String user) {
    if (n < 0 || n > 1_000_000) {
      throw new IllegalArgumentException("bulk seed count must be 0..1000000: " + n);
    }
    Instant now = clock.instant();
    List<Long> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = ++bulkCounter;
      String name = String.format(Locale.ROOT, "BULK%07d", k);
      if (byKey.containsKey(key(user, name))) {
        continue;
      }
      NameEntry e = new NameEntry(++lastId, name, user, now.minus(Duration.ofMinutes(n - i)), false);
      e.comment = "bulk " + k;
      e.moderation = k % 20 == 0 ? 0 : k % 97 == 0 ? 2 : 1;
      Instant at = now.minus(Duration.ofMinutes(k % 20_000));
      e.setOperator("mts_step", 2, at);
      e.setOperator("mega_step", k % 7 == 0 ? 3 : 2, at);
      e.setOperator("bee_step", k % 11 == 0 ? 8 : 2, at);
      if (k % 3 != 0) {
        e.setOperator("tele2_step", 1, at);
      }
      put(e);
      ids.add(e.id);
    }
    return ids;
  }

  synchronized void seedDemoNames() {
    Instant now = clock.instant();
    Instant week = now.minus(Duration.ofDays(7));
    Instant day = now.minus(Duration.ofDays(1));
    seed(new NameSeed("SHOP24", null, "main shop brand", 1,
        ordered("mts_step", 2, "mega_step", 2, "bee_step", 2, "tele2_step", 2), week, Map.of()));
    seed(new NameSeed("Acme", null, "promo mailings", 1,
        ordered("mts_step", 2, "mega_step", 3, "bee_step", 1), day, Map.of()));
    seed(new NameSeed("TaxiFast", null, "taxi notifications", 1,
        ordered("mts_step", 1, "mega_step", 8), day, Map.of()));
    seed(new NameSeed("Old-Promo", null, "retired", 2, ordered("mts_step", 4), week, Map.of()));
    seed(new NameSeed("79991234567", null, "support line", 1, Map.of(), week, Map.of()));
    seed(new NameSeed("NewBrand", null, "waiting for moderation", 0,
        ordered("mts_step", 0, "bee_step", 0), now, Map.of()));
    seed(new NameSeed("Bakery", "branch1", "sub-client's name", 1,
        ordered("mts_step", 2, "tele2", 2), week, Map.of()));
  }

  private static Map<String, Integer> ordered(Object... flagsAndStatuses) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < flagsAndStatuses.length; i += 2) {
      m.put((String) flagsAndStatuses[i], (Integer) flagsAndStatuses[i + 1]);
    }
    return m;
  }

  synchronized List<SandboxName> names() {
    progress(clock.instant());
    return byId.values().stream().map(NameEntry::snapshot).toList();
  }

  synchronized Optional<SandboxName> name(String name, String user) {
    progress(clock.instant());
    return Optional.ofNullable(byKey.get(key(blankToNull(user), normalise(name.strip()))))
        .map(NameEntry::snapshot);
  }

  synchronized Optional<SandboxName> name(long id) {
    progress(clock.instant());
    return Optional.ofNullable(byId.get(id)).map(NameEntry::snapshot);
  }

  synchronized SandboxName setModeration(long id, int status) {
    NameEntry e = entry(id);
    e.setModeration(status, clock.instant());
    nextProgress = Instant.MIN;
    return e.snapshot();
  }

  synchronized SandboxName setOperatorStatus(long id, String flag, int status, Instant at) {
    if (flag == null || !flag.matches("[a-z0-9_]{1,32}")) {
      throw new IllegalArgumentException("operator flag must be a lower-case field name: '" + flag + "'");
    }
    NameEntry e = entry(id);
    e.setOperator(flag, status, at == null ? clock.instant() : at);
    nextProgress = Instant.MIN;
    return e.snapshot();
  }

  synchronized SandboxName setExtraField(long id, String field, String value) {
    NameEntry e = entry(id);
    if (value == null) {
      e.extraFields.remove(field);
    } else {
      e.extraFields.put(field, value);
    }
    e.changed();
    return e.snapshot();
  }

  synchronized boolean remove(long id) {
    NameEntry e = byId.remove(id);
    if (e != null) {
      byKey.remove(key(e.user, e.name));
    }
    return e != null;
  }

  synchronized long idOf(String name, String user) {
    NameEntry e = byKey.get(key(blankToNull(user), normalise(name.strip())));
    if (e == null) {
      throw new IllegalArgumentException("no sender '" + name + "'" + forUser(blankToNull(user)));
    }
    return e.id;
  }

  private NameEntry entry(long id) {
    NameEntry e = byId.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no sender with id " + id);
    }
    return e;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  synchronized List<SentCode> sentCodes() {
    return List.copyOf(sentCodes);
  }

  /** Forgets names, codes, rate windows, blocks and the request log. */
  synchronized void reset() {
    byId.clear();
    byKey.clear();
    codeSentAt.clear();
    pendingCodes.clear();
    sentCodes.clear();
    limits.reset();
    clearRequests();
  }

  // ---------------------------------------------------------------- auto-progression

  /**
   * Moves statuses along when auto-progression is on, lazily and by schedule: each step happens
   * {@code progressStep} after the previous one, whenever the sandbox is next asked, so the
   * outcome does not depend on when anybody looks.
   */
  private void progress(Instant now) {
    if (!options.autoProgress() || now.isBefore(nextProgress)) {
      return;
    }
    Duration step = options.progressStep();
    Instant next = Instant.MAX;
    for (NameEntry e : byId.values()) {
      if (e.moderation == 0 && !e.digital()) {
        Instant due = e.moderationSince.plus(step);
        if (!now.isBefore(due)) {
          e.setModeration(1, due);
        } else if (due.isBefore(next)) {
          next = due;
        }
      }
      for (String flag : new ArrayList<>(e.operators.keySet())) {
        while (true) {
          int s = e.operators.get(flag);
          if (s != 0 && s != 1) {
            break;
          }
          Instant due = e.operatorChangedAt.get(flag).plus(step);
          if (now.isBefore(due)) {
            if (due.isBefore(next)) {
              next = due;
            }
            break;
          }
          e.setOperator(flag, s == 0 ? 1 : outcome(e, flag), due);
        }
      }
    }
    nextProgress = next;
  }

  /** Most registrations end allowed; about one in ten rejected, one in ten asking for documents. */
  private int outcome(NameEntry e, String flag) {
    if (e.resubmitted.contains(flag)) {
      return 2;
    }
    long h = mix(progressSeed ^ (e.name.toLowerCase(Locale.ROOT) + "/" + flag).hashCode());
    int r = (int) Math.floorMod(h, 10L);
    return r == 0 ? 3 : r == 1 ? 8 : 2;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  // ---------------------------------------------------------------- request log

  private void record(RecordedRequest r) {
    synchronized (requests) {
      requests.addLast(r);
      if (requests.size() > MAX_LOG) {
        requests.removeFirst();
      }
    }
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }
}
