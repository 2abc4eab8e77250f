package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests, behaving as design §4 says the
 * real one does: {@code /bot{token}/{method}} with method names matched case-insensitively (401 for
 * a wrong token, 404 for an unknown method), JSON, form and multipart POSTs, getUpdates held open
 * for its {@code timeout} and honouring {@code offset} and {@code allowed_updates}, a second poller
 * ending the first with 409, answers in Telegram's JSON shape, Telegram-HTML checking of texts,
 * scripted failures, files behind getFile and {@code /file/bot{token}/{path}}, and an optional
 * enforcement of Telegram's sending limits.
 *
 * <p>Every request is recorded. Thread-safe; close it after the test.
 */
public final class FakeBotApi implements AutoCloseable {
  public static final String DEFAULT_TOKEN = "7000001:AAF-fake_bot-token_0123456789abcdef";
  public static final String BOT_USERNAME = "senders_test_bot";

  static {
    // The JDK server writes headers and body separately; with Nagle on, each answer waits for the
    // client's delayed ACK (about 40 ms). Read once, when the first JDK HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern BOT_PATH = Pattern.compile("^/bot([^/]*)/([^/]*)$");
  private static final Pattern FILE_PATH = Pattern.compile("^/file/bot([^/]*)/(.+)$");
  private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
  private static final Set<String> SEND_METHODS =
      Set.of("sendmessage", "senddocument", "sendphoto");

  /** One recorded request. {@code params} holds JSON values (form values parsed when JSON). */
  public record Call(
      String method, ObjectNode params, Map<String, byte[]> files, String contentType) {
    public String text(String name) {
      JsonNode n = params.get(name);
      return n == null || n.isNull() ? null : n.asText();
    }

    public Long number(String name) {
      JsonNode n = params.get(name);
      return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asLong();
    }

    public boolean flag(String name) {
      JsonNode n = params.get(name);
      return n != null && (n.asBoolean() || n.asText().equals("true"));
    }

    public JsonNode json(String name) {
      JsonNode n = params.get(name);
      return n == null ? NODES.missingNode() : n;
    }
  }

  /** A message the bot sent. */
  public record Sent(
      String method,
      long chatId,
      int messageId,
      Integer threadId,
      String text,
      String parseMode,
      JsonNode replyMarkup,
      boolean disableNotification,
      boolean linkPreviewDisabled) {

    public boolean forceReply() {
      return replyMarkup.path("force_reply").asBoolean(false);
    }

    public boolean selective() {
      return replyMarkup.path("selective").asBoolean(false);
    }

    /** Inline buttons' callback data, row by row; empty without an inline keyboard. */
    public List<List<String>> buttonData() {
      return buttons("callback_data");
    }

    public List<List<String>> buttonTexts() {
      return buttons("text");
    }

    private List<List<String>> buttons(String field) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode row : replyMarkup.path("inline_keyboard")) {
        List<String> r = new ArrayList<>();
        row.forEach(b -> r.add(b.path(field).asText()));
        rows.add(r);
      }
      return rows;
    }
  }

  /** A scripted answer for the next call(s) of a method. */
  public static final class Failure {
    final int status;
    final String description;
    final ObjectNode parameters;
    final boolean html;
    final boolean drop;

    private Failure(
        int status, String description, ObjectNode parameters, boolean html, boolean drop) {
      this.status = status;
      this.description = description;
      this.parameters = parameters;
      this.html = html;
      this.drop = drop;
    }

    public static Failure tooManyRequests(int retryAfterSeconds) {
      ObjectNode p = NODES.objectNode().put("retry_after", retryAfterSeconds);
      return new Failure(
          429, "Too Many Requests: retry after " + retryAfterSeconds, p, false, false);
    }

    public static Failure forbidden() {
      return new Failure(403, "Forbidden: bot was blocked by the user", null, false, false);
    }

    public static Failure migrated(long newChatId) {
      ObjectNode p = NODES.objectNode().put("migrate_to_chat_id", newChatId);
      return new Failure(
          400, "Bad Request: group chat was upgraded to a supergroup chat", p, false, false);
    }

    public static Failure badRequest(String description) {
      return new Failure(400, "Bad Request: " + description, null, false, false);
    }

    /** 500 with an HTML body, as a proxy in front of the Bot API answers. */
    public static Failure serverError() {
      return new Failure(500, null, null, true, false);
    }

    /** 502 in Telegram's JSON shape. */
    public static Failure badGateway() {
      return new Failure(502, "Bad Gateway", null, false, false);
    }

    /** 401, as Telegram answers a revoked token. */
    public static Failure unauthorized() {
      return new Failure(401, "Unauthorized", null, false, false);
    }

    public static Failure conflict() {
      return new Failure(
          409,
          "Conflict: terminated by other getUpdates request; make sure that"
              + " only one bot instance is running",
          null,
          false,
          false);
    }

    /** The connection is closed without an answer. */
    public static Failure drop() {
      return new Failure(0, null, null, false, true);
    }
  }

  /** A user message to enqueue; build with {@link #text} and the fluent setters. */
  public static final class Msg {
    private final long chatId;
    private final long fromId;
    private final String text;
    private String chatType;
    private String chatTitle;
    private String username;
    private String languageCode;
    private String firstName;
    private boolean textAsCaption;
    private Integer threadId;
    private Integer replyToId;
    private boolean replyFromBot;
    private String replyText;
    private ObjectNode document;
    private ArrayNode photo;
    private boolean sticker;

    private Msg(long chatId, long fromId, String text) {
      this.chatId = chatId;
      this.fromId = fromId;
      this.text = text;
    }

    /** A text message from user {@code fromId} in chat {@code chatId} (negative: a group). */
    public static Msg text(long chatId, long fromId, String text) {
      return new Msg(chatId, fromId, text);
    }

    /** A message without text (a sticker, say). */
    public static Msg noText(long chatId, long fromId) {
      return new Msg(chatId, fromId, null);
    }

    public Msg from(String username, String firstName) {
      this.username = username;
      this.firstName = firstName;
      return this;
    }

    /** The sender's Telegram client language ({@code from.language_code}). */
    public Msg language(String languageCode) {
      this.languageCode = languageCode;
      return this;
    }

    /** Chat type ("private", "group", "supergroup", "channel") and title. */
    public Msg chat(String type, String title) {
      this.chatType = type;
      this.chatTitle = title;
      return this;
    }

    /** Sent in a forum topic: message_thread_id and is_topic_message. */
    public Msg topic(int threadId) {
      this.threadId = threadId;
      return this;
    }

    public Msg replyTo(int messageId, boolean fromBot, String text) {
      this.replyToId = messageId;
      this.replyFromBot = fromBot;
      this.replyText = text;
      return this;
    }

    /** The text goes in as a caption (with a document or a photo). */
    public Msg asCaption() {
      this.textAsCaption = true;
      return this;
    }

    public Msg document(String fileId, String fileName, String mimeType, long size) {
      this.document =
          NODES
              .objectNode()
              .put("file_id", fileId)
              .put("file_unique_id", "u" + fileId)
              .put("file_name", fileName)
              .put("mime_type", mimeType)
              .put("file_size", size);
      this.textAsCaption = true;
      return this;
    }

    /** Three sizes of one photo; the largest has {@code fileId}. */
    public Msg photo(String fileId, long size) {
      this.photo = NODES.arrayNode();
      photo.add(photoSize(fileId + "-s", 90, 60, size / 20));
      photo.add(photoSize(fileId, 1280, 853, size));
      photo.add(photoSize(fileId + "-m", 320, 213, size / 5));
      this.textAsCaption = true;
      return this;
    }

    public Msg sticker() {
      this.sticker = true;
      return this;
    }

    private static ObjectNode photoSize(String id, int w, int h, long size) {
      return NODES
          .objectNode()
          .put("file_id", id)
          .put("file_unique_id", "u" + id)
          .put("width", w)
          .put("height", h)
          .put("file_size", size);
    }
  }

  private record StoredFile(String fileId, String path, byte[] content) {}

  private final String token;
  private final long botId;
  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicInteger threads = new AtomicInteger();
  private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

  // All below guarded by this.
  private final List<ObjectNode> queue = new ArrayList<>();
  private final List<ObjectNode> forced = new ArrayList<>();
  private final List<ObjectNode> confirmed = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();
  private final Map<String, Deque<Failure>> scripted = new HashMap<>();
  private final Map<Long, Long> migrated = new HashMap<>();
  private final Set<Long> blocked = new HashSet<>();
  private final Set<Long> undeletable = new HashSet<>();
  private final Set<List<Long>> uneditable = new HashSet<>();
  private final List<Sent> edited = new ArrayList<>();
  private final List<Sent> delivered = new ArrayList<>();
  private final Map<Long, Map<Integer, String>> botMessages = new HashMap<>();
  private final Map<Long, Map<Integer, String>> botMarkups = new HashMap<>();
  private final Map<String, StoredFile> files = new HashMap<>();
  private final Map<String, StoredFile> filesByPath = new HashMap<>();
  private final List<String> downloads = new ArrayList<>();
  private final Map<String, List<String>> menus = new LinkedHashMap<>();
  private final Map<String, List<String>> menuDescriptions = new LinkedHashMap<>();
  private long nextUpdateId = 500_000;

  /** Whether a getUpdates repeating the last offset within 0.5 s gets one update at most. */
  private boolean repeatsGetOne;

  private long lastPollOffset = Long.MIN_VALUE;
  private Instant lastPollAt = Instant.MIN;
  private boolean zeroDates;
  private int nextMessageId = 1;
  private long pollGeneration;
  private long highestOffset;
  private boolean closed;
  private boolean enforce;

  /** Dates the updates it hands out; by default measures the sending limits too. */
  private final Clock clock;

  private Clock enforceClock;
  private long slackMillis;
  private final Deque<Long> overallSends = new ArrayDeque<>();
  private final Map<Long, Deque<Long>> chatSends = new HashMap<>();
  private final Map<Long, Deque<Long>> groupSends = new HashMap<>();
  private int violations;
  private int waitingPolls;
  private int accepted;

  private FakeBotApi(String token, Clock clock) throws IOException {
    this.token = token;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.enforceClock = clock;
    long id = 0;
    int colon = token.indexOf(':');
    if (colon > 0) {
      try {
        id = Long.parseLong(token.substring(0, colon));
      } catch (NumberFormatException ignored) {
        id = 0;
      }
    }
    this.botId = id;
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-bot-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeBotApi start() {
    return start(DEFAULT_TOKEN);
  }

  /** A server whose time starts at {@link TestClocks#suiteStart()} and runs on. */
  public static FakeBotApi start(String token) {
    return start(token, TestClocks.ticking(TestClocks.suiteStart()));
  }

  /**
   * From now on, as Telegram's own Bot API server does (telegram-bot-api, "Send less updates
   * repeatedly in getUpdates"): a getUpdates with the same offset as the one before, within 0.5 s
   * of it on this server's clock, is answered with one update at most.
   */
  public synchronized void answerRepeatedOffsetsWithOne() {
    repeatsGetOne = true;
  }

  /** A server on the test's clock: the dates of updates, the windows of the sending limits. */
  public static FakeBotApi start(Clock clock) {
    return start(DEFAULT_TOKEN, clock);
  }

  public static FakeBotApi start(String token, Clock clock) {
    try {
      return new FakeBotApi(token, clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Bot API", e);
    }
  }

  /** {@code http://127.0.0.1:port}: the value for telegram.api-url. */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String token() {
    return token;
  }

  public long botId() {
    return botId;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- enqueueing updates

  /** Enqueues a message update; returns its update_id. */
  public long enqueue(Msg m) {
    return enqueueMessage("message", m);
  }

  /** Enqueues an edited_message update. */
  public long enqueueEdited(Msg m) {
    return enqueueMessage("edited_message", m);
  }

  public long enqueueText(long chatId, long fromId, String text) {
    return enqueue(Msg.text(chatId, fromId, text));
  }

  /**
   * A pressed inline button under the bot's message {@code messageId}; the callback id is
   * "cb-{update_id}" ({@link #callbackId}).
   */
  public long enqueueCallback(long chatId, long fromId, int messageId, String data) {
    return enqueueCallback(chatId, null, fromId, messageId, data);
  }

  public synchronized long enqueueCallback(
      long chatId, Integer threadId, long fromId, int messageId, String data) {
    long updateId = nextUpdateId++;
    ObjectNode message = NODES.objectNode().put("message_id", messageId).put("date", now());
    message.set("from", botUser());
    message.set("chat", chat(chatId, null, null, threadId != null));
    String text = botMessages.getOrDefault(chatId, Map.of()).get(messageId);
    message.put("text", text == null ? "…" : text);
    if (threadId != null) {
      message.put("message_thread_id", threadId).put("is_topic_message", true);
    }
    ObjectNode q = NODES.objectNode().put("id", callbackId(updateId));
    q.set("from", user(fromId, null, null));
    q.set("message", message);
    q.put("chat_instance", "ci" + chatId);
    if (data != null) {
      q.put("data", data);
    }
    return add(updateId, "callback_query", q);
  }

  public static String callbackId(long updateId) {
    return "cb-" + updateId;
  }

  /**
   * A user's document with a caption; the file is served by getFile and the file endpoint. Returns
   * the update id; the file id is "doc-{update_id}".
   */
  public synchronized long enqueueDocument(
      long chatId, long fromId, String caption, String fileName, String mimeType, byte[] content) {
    String fileId = "doc-" + nextUpdateId;
    addFile(fileId, "documents/" + fileName, content);
    return enqueue(
        Msg.text(chatId, fromId, caption).document(fileId, fileName, mimeType, content.length));
  }

  public long enqueueSticker(long chatId, long fromId) {
    return enqueue(Msg.noText(chatId, fromId).sticker());
  }

  /**
   * The group {@code oldChatId} became supergroup {@code newChatId}: the two service messages
   * Telegram sends, and from now on sending to the old id answers 400 with migrate_to_chat_id.
   * Returns the update id of the message carrying migrate_to_chat_id.
   */
  public synchronized long enqueueMigration(long oldChatId, long newChatId, long byUserId) {
    migrated.put(oldChatId, newChatId);
    long updateId = nextUpdateId++;
    ObjectNode m = NODES.objectNode().put("message_id", nextMessageId++).put("date", now());
    m.set("from", user(byUserId, null, null));
    m.set("chat", chat(oldChatId, "group", "Team", false));
    m.put("migrate_to_chat_id", newChatId);
    add(updateId, "message", m);
    long twin = nextUpdateId++;
    ObjectNode n = NODES.objectNode().put("message_id", 1).put("date", now());
    n.set("from", user(byUserId, null, null));
    n.set("chat", chat(newChatId, "supergroup", "Team", false));
    n.put("migrate_from_chat_id", oldChatId);
    add(twin, "message", n);
    return updateId;
  }

  /** The bot was added to or removed from a chat ({@code status}: member, kicked, left…). */
  public synchronized long enqueueMyChatMember(long chatId, long byUserId, String status) {
    long updateId = nextUpdateId++;
    ObjectNode u = NODES.objectNode();
    u.set("chat", chat(chatId, null, null, false));
    u.set("from", user(byUserId, null, null));
    u.put("date", now());
    ObjectNode oldMember = NODES.objectNode().put("status", "member");
    oldMember.set("user", botUser());
    ObjectNode newMember = NODES.objectNode().put("status", status);
    newMember.set("user", botUser());
    if (status.equals("kicked")) {
      newMember.put("until_date", 0);
    }
    u.set("old_chat_member", oldMember);
    u.set("new_chat_member", newMember);
    return add(updateId, "my_chat_member", u);
  }

  /**
   * Sent and edited messages come back with {@code "date": 0}, as a lax emulator may answer:
   * TelegramBots then reads the answer as an inaccessible message and cannot map it.
   */
  public synchronized void answerSentMessagesWithDateZero() {
    zeroDates = true;
  }

  /** Any update type with a hand-made payload (for types the bot does not ask for, say). */
  public synchronized long enqueueRaw(String type, ObjectNode payload) {
    return add(nextUpdateId++, type, payload);
  }

  /**
   * The update ids start over at {@code next}, as Telegram's do after a week without updates ("the
   * identifier of the next update will be chosen randomly"), or an emulator's after a reset.
   */
  public synchronized void restartUpdateIds(long next) {
    nextUpdateId = next;
  }

  /**
   * Sends the already confirmed updates once more, whatever offset the next getUpdates asks for, as
   * a Bot API server that lost its state would.
   */
  public synchronized int replayConfirmed() {
    forced.addAll(confirmed);
    notifyAll();
    return confirmed.size();
  }

  /** Registers a file for getFile and the file endpoint. */
  public synchronized void addFile(String fileId, String path, byte[] content) {
    StoredFile f = new StoredFile(fileId, path, content.clone());
    files.put(fileId, f);
    filesByPath.put(path, f);
  }

  // ---------------------------------------------------------------- scripting

  /** The next {@code times} calls of {@code method} (any case) get {@code failure}. */
  public synchronized void failNext(String method, int times, Failure failure) {
    Deque<Failure> q =
        scripted.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(failure);
    }
  }

  /** From now on every send to the chat answers 403 (the user blocked the bot). */
  public synchronized void blockChat(long chatId) {
    blocked.add(chatId);
  }

  /** Sends to {@code oldChatId} answer 400 with migrate_to_chat_id, without enqueuing updates. */
  public synchronized void migrateChat(long oldChatId, long newChatId) {
    migrated.put(oldChatId, newChatId);
  }

  /**
   * Someone in the chat deleted one of the bot's messages: editing it answers 400 "message to edit
   * not found", as Telegram does.
   */
  public synchronized void deleteByUser(long chatId, int messageId) {
    Map<Integer, String> texts = botMessages.get(chatId);
    if (texts != null) {
      texts.remove(messageId);
    }
  }

  /**
   * The message can no longer be edited (Telegram's answer for a message too old or of a kind that
   * cannot be edited): editMessageText answers 400 "message can't be edited".
   */
  public synchronized void forbidEdit(long chatId, int messageId) {
    uneditable.add(List.of(chatId, (long) messageId));
  }

  /**
   * Every message the bot sent and every edit it made, successfully, in the order Telegram accepted
   * them: what a crash test counts, where an edit is a message like any other.
   */
  public synchronized List<Sent> delivered() {
    return List.copyOf(delivered);
  }

  /** Every editMessageText the bot made successfully, in order, as the message read after it. */
  public synchronized List<Sent> edits() {
    return List.copyOf(edited);
  }

  /** deleteMessage in the chat answers 400 "message can't be deleted". */
  public synchronized void forbidDeletes(long chatId) {
    undeletable.add(chatId);
  }

  /**
   * Answers 429 to a send or an edit that would exceed about 1 message a second per chat, 20 a
   * minute per group or 30 a second overall, and counts it in {@link #violations()}.
   *
   * @param clock the time the windows are measured in (a test's fake clock, or one that runs on)
   * @param slack tolerance for network jitter: windows are shortened by it
   */
  public synchronized void enforceLimits(Clock clock, Duration slack) {
    this.enforce = true;
    this.enforceClock = Objects.requireNonNull(clock, "clock");
    this.slackMillis = slack.toMillis();
  }

  /**
   * {@link #enforceLimits(Clock, Duration)} on this server's own clock, which runs on in real time.
   */
  public void enforceLimits() {
    enforceLimits(clock, Duration.ofMillis(50));
  }

  /**
   * Calls {@code listener} with every Bot API request as it arrives, before it is answered (and
   * before a scripted failure or the limits decide the answer), on the server's thread: a benchmark
   * times requests with it. Keep it quick; it must not call back into this server's answering.
   */
  public void onCall(Consumer<Call> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---------------------------------------------------------------- reading

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Recorded calls of one method, matched case-insensitively. */
  public synchronized List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.method().toLowerCase(Locale.ROOT).equals(m)).toList();
  }

  /** Every message the bot sent successfully, in order. */
  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  public synchronized List<Sent> sentTo(long chatId) {
    return sent.stream().filter(s -> s.chatId() == chatId).toList();
  }

  /** The current text of one of the bot's messages (after edits); null when unknown or deleted. */
  public synchronized String messageText(long chatId, int messageId) {
    return botMessages.getOrDefault(chatId, Map.of()).get(messageId);
  }

  /** setMyCommands per scope ("default", "chat:{id}", …): the command names. */
  public synchronized Map<String, List<String>> menus() {
    return Map.copyOf(menus);
  }

  /**
   * setMyCommands per scope and language ("default", "chat:{id}", "default|ru", …): the
   * descriptions, in the order of {@link #menus()}.
   */
  public synchronized Map<String, List<String>> menuDescriptions() {
    return Map.copyOf(menuDescriptions);
  }

  /** File paths fetched from the file endpoint. */
  public synchronized List<String> downloads() {
    return List.copyOf(downloads);
  }

  /** Sends answered 429 by the enforcement. */
  public synchronized int violations() {
    return violations;
  }

  /** The highest offset any getUpdates asked for. */
  public synchronized long highestOffset() {
    return highestOffset;
  }

  /** getUpdates requests held open right now, waiting for an update. */
  public synchronized int waitingPolls() {
    return waitingPolls;
  }

  /** Updates not yet confirmed by an offset. */
  public synchronized int pending() {
    return queue.size();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange ex) {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      Matcher file = FILE_PATH.matcher(path);
      if (file.matches()) {
        serveFile(ex, file.group(1), URLDecoder.decode(file.group(2), StandardCharsets.UTF_8));
        return;
      }
      Matcher m = BOT_PATH.matcher(path);
      if (!m.matches()) {
        error(ex, 404, "Not Found", null);
        return;
      }
      if (!token.equals(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))) {
        error(ex, 401, "Unauthorized", null);
        return;
      }
      String method = m.group(2);
      String key = method.toLowerCase(Locale.ROOT);
      Map<String, byte[]> uploads = new LinkedHashMap<>();
      ObjectNode params = params(ex, body, uploads);
      Failure failure;
      Call call =
          new Call(
              method,
              params,
              Collections.unmodifiableMap(uploads),
              ex.getRequestHeaders().getFirst("Content-Type"));
      synchronized (this) {
        calls.add(call);
        Deque<Failure> q = scripted.get(key);
        failure = q == null ? null : q.poll();
      }
      listeners.forEach(l -> l.accept(call));
      if (failure != null) {
        fail(ex, failure);
        return;
      }
      dispatch(ex, key, params);
    } catch (IOException e) {
      // The client went away (a cancelled long poll): nothing to answer.
    } catch (RuntimeException e) {
      try {
        error(ex, 500, "Internal Server Error: " + e, null);
      } catch (IOException ignored) {
        // Client gone.
      }
    }
  }

  private void dispatch(HttpExchange ex, String method, ObjectNode p) throws IOException {
    switch (method) {
      case "getme" ->
          ok(
              ex,
              botUser()
                  .put("can_join_groups", true)
                  .put("can_read_all_group_messages", false)
                  .put("supports_inline_queries", false));
      case "setwebhook" -> setWebhook(ex, p);
      case "deletewebhook" -> deleteWebhook(ex, p);
      case "getwebhookinfo" -> webhookInfo(ex);
      case "getupdates" -> getUpdates(ex, p);
      case "sendmessage", "senddocument", "sendphoto" -> send(ex, method, p);
      case "editmessagetext" -> edit(ex, p);
      case "deletemessage" -> delete(ex, p);
      case "answercallbackquery" -> ok(ex, NODES.booleanNode(true));
      case "getfile" -> getFile(ex, p);
      case "setmycommands", "deletemycommands" -> commands(ex, method, p);
      default -> error(ex, 404, "Not Found: method not found", null);
    }
  }

  // ---------------------------------------------------------------- webhooks, as the Bot API

  private static final Set<Integer> WEBHOOK_PORTS = Set.of(443, 80, 88, 8443);
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  // All guarded by this; webhookUrl is "" while none is set, as getWebhookInfo reports it.
  private String webhookUrl = "";
  private String webhookSecret;
  private int webhookMaxConnections;
  private List<String> webhookAllowed = List.of();
  private URI deliverTo;
  private Thread deliverer;

  private void setWebhook(HttpExchange ex, ObjectNode p) throws IOException {
    String url = p.path("url").asText("");
    if (url.isEmpty()) {
      deleteWebhook(ex, p);
      return;
    }
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      error(
          ex,
          400,
          "Bad Request: bad webhook: Failed to resolve host: Name or service not known",
          null);
      return;
    }
    if (!"https".equalsIgnoreCase(u.getScheme())) {
      error(ex, 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook", null);
      return;
    }
    int port = u.getPort() == -1 ? 443 : u.getPort();
    if (!WEBHOOK_PORTS.contains(port)) {
      error(
          ex,
          400,
          "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
          null);
      return;
    }
    String secret = p.hasNonNull("secret_token") ? p.get("secret_token").asText() : null;
    if (secret != null && !WEBHOOK_SECRET.matcher(secret).matches()) {
      error(ex, 400, "Bad Request: secret token contains unallowed characters", null);
      return;
    }
    boolean same;
    synchronized (this) {
      same = url.equals(webhookUrl) && Objects.equals(secret, webhookSecret);
      webhookUrl = url;
      webhookSecret = secret;
      int max = p.path("max_connections").asInt(40);
      webhookMaxConnections = Math.max(1, Math.min(100, max));
      if (p.has("allowed_updates")) {
        webhookAllowed = List.copyOf(allowed(p.get("allowed_updates")));
      }
      if (p.path("drop_pending_updates").asBoolean(false)) {
        queue.clear();
      }
      // Long polls still waiting end in a conflict, as with Telegram.
      pollGeneration++;
      notifyAll();
    }
    okDescribed(ex, same ? "Webhook is already set" : "Webhook was set");
  }

  private void deleteWebhook(HttpExchange ex, ObjectNode p) throws IOException {
    boolean was;
    synchronized (this) {
      was = !webhookUrl.isEmpty();
      webhookUrl = "";
      webhookSecret = null;
      if (p.path("drop_pending_updates").asBoolean(false)) {
        queue.clear();
      }
      notifyAll();
    }
    okDescribed(ex, was ? "Webhook was deleted" : "Webhook is already deleted");
  }

  private void webhookInfo(HttpExchange ex) throws IOException {
    ObjectNode info = NODES.objectNode();
    synchronized (this) {
      info.put("url", webhookUrl).put("has_custom_certificate", false);
      info.put("pending_update_count", queue.size());
      if (!webhookUrl.isEmpty()) {
        info.put("max_connections", webhookMaxConnections);
        ArrayNode allowed = info.putArray("allowed_updates");
        webhookAllowed.forEach(allowed::add);
      }
    }
    ok(ex, info);
  }

  private void okDescribed(HttpExchange ex, String description) throws IOException {
    ObjectNode answer = NODES.objectNode().put("ok", true).put("result", true);
    answer.put("description", description);
    write(ex, 200, "application/json", JSON.writeValueAsBytes(answer));
  }

  /** The URL setWebhook set; empty while no webhook is set. */
  public synchronized String webhookUrl() {
    return webhookUrl;
  }

  /** The secret_token setWebhook gave; null when none. */
  public synchronized String webhookSecret() {
    return webhookSecret;
  }

  public synchronized int webhookMaxConnections() {
    return webhookMaxConnections;
  }

  public synchronized List<String> webhookAllowedUpdates() {
    return webhookAllowed;
  }

  /**
   * The JSON of an update enqueued here (still queued or already confirmed), as Telegram posts it.
   */
  public synchronized String updateJson(long updateId) {
    for (List<ObjectNode> list : List.of(queue, confirmed)) {
      for (ObjectNode u : list) {
        if (u.path("update_id").asLong() == updateId) {
          return u.toString();
        }
      }
    }
    throw new IllegalArgumentException("no update " + updateId);
  }

  /**
   * While a webhook is set, posts the queued updates, oldest first, to {@code local} (standing in
   * for the reverse proxy in front of the webhook's URL) with the secret header, as Telegram does:
   * an update is confirmed by a 2xx answer, and posted again after anything else.
   */
  public void deliverWebhookTo(URI local) {
    synchronized (this) {
      deliverTo = local;
      if (deliverer == null) {
        deliverer = new Thread(this::deliverLoop, "fake-bot-api-webhook");
        deliverer.setDaemon(true);
        deliverer.start();
      }
      notifyAll();
    }
  }

  private void deliverLoop() {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (true) {
      ObjectNode update;
      URI target;
      String secret;
      synchronized (this) {
        while (!closed && (webhookUrl.isEmpty() || deliverTo == null || queue.isEmpty())) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        update = queue.get(0);
        target = deliverTo;
        secret = webhookSecret;
      }
      int status;
      try {
        var request =
            java.net.http.HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update.toString()));
        if (secret != null) {
          request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        status =
            client
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
      } catch (IOException e) {
        status = 0;
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        webhookAnswers.add(status);
        if (status >= 200 && status < 300) {
          if (queue.remove(update)) {
            confirmed.add(update);
          }
        } else {
          try {
            // Telegram waits before it posts again.
            wait(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private final List<Integer> webhookAnswers = new ArrayList<>();

  /** The status of each webhook post so far (0: no answer). */
  public synchronized List<Integer> webhookAnswers() {
    return List.copyOf(webhookAnswers);
  }

  private void getUpdates(HttpExchange ex, ObjectNode p) throws IOException {
    boolean webhookSet;
    synchronized (this) {
      webhookSet = !webhookUrl.isEmpty();
    }
    if (webhookSet) {
      error(
          ex,
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
              + " delete the webhook first",
          null);
      return;
    }
    long offset = p.path("offset").asLong(0);
    int limit = p.path("limit").asInt(100);
    limit = limit < 1 || limit > 100 ? 100 : limit;
    long timeoutMillis = Math.max(0, p.path("timeout").asLong(0)) * 1000;
    Set<String> allowed = allowed(p.get("allowed_updates"));
    ArrayNode result = NODES.arrayNode();
    boolean conflict = false;
    synchronized (this) {
      long generation = ++pollGeneration;
      notifyAll();
      Instant now = clock.instant();
      if (repeatsGetOne && offset == lastPollOffset && now.isBefore(lastPollAt.plusMillis(500))) {
        limit = 1;
      }
      lastPollOffset = offset;
      lastPollAt = now;
      if (offset > 0) {
        highestOffset = Math.max(highestOffset, offset);
      }
      // Telegram's server takes an offset more than 10 past the next id for one in its future: it
      // confirms nothing and hands out from the oldest update kept (its TQueue::get fails with
      // "Specified from_id is in the future" and getUpdates falls back to the queue's head).
      if (offset > 0 && offset <= nextUpdateId + 10) {
        for (Iterator<ObjectNode> it = queue.iterator(); it.hasNext(); ) {
          ObjectNode u = it.next();
          if (u.path("update_id").asLong() < offset) {
            it.remove();
            confirmed.add(u);
          }
        }
      }
      if (!allowed.isEmpty()) {
        queue.removeIf(u -> !allowed.contains(typeOf(u)));
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (true) {
        if (generation != pollGeneration) {
          conflict = true;
          break;
        }
        if (!forced.isEmpty()) {
          forced.forEach(result::add);
          forced.clear();
        }
        for (ObjectNode u : queue) {
          if (result.size() >= limit) {
            break;
          }
          if (allowed.isEmpty() || allowed.contains(typeOf(u))) {
            result.add(u);
          }
        }
        long left = deadline - System.nanoTime();
        if (!result.isEmpty() || left <= 0 || closed) {
          break;
        }
        waitingPolls++;
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } finally {
          waitingPolls--;
        }
      }
    }
    if (conflict) {
      fail(ex, Failure.conflict());
    } else {
      ok(ex, result);
    }
  }

  private static Set<String> allowed(JsonNode n) {
    Set<String> out = new HashSet<>();
    if (n == null || n.isNull()) {
      return out;
    }
    JsonNode list = n;
    if (n.isTextual()) {
      try {
        list = JSON.readTree(n.asText());
      } catch (IOException e) {
        return out;
      }
    }
    list.forEach(t -> out.add(t.asText()));
    return out;
  }

  private static String typeOf(ObjectNode update) {
    for (Iterator<String> it = update.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("update_id")) {
        return f;
      }
    }
    return "";
  }

  private void send(HttpExchange ex, String method, ObjectNode p) throws IOException {
    JsonNode chatNode = p.get("chat_id");
    if (chatNode == null || chatNode.asText().isEmpty()) {
      error(ex, 400, "Bad Request: chat_id is empty", null);
      return;
    }
    long chatId = chatNode.asLong();
    String text = method.equals("sendmessage") ? text(p, "text") : text(p, "caption");
    String parseMode = text(p, "parse_mode");
    JsonNode markup = jsonParam(p, "reply_markup");
    String problem =
        checkText(
            text,
            parseMode,
            method.equals("sendmessage") ? 4096 : 1024,
            method.equals("sendmessage"));
    if (problem == null) {
      problem = checkMarkup(markup);
    }
    if (problem != null) {
      error(ex, 400, "Bad Request: " + problem, null);
      return;
    }
    Integer thread =
        p.hasNonNull("message_thread_id") && !p.get("message_thread_id").asText().isEmpty()
            ? p.get("message_thread_id").asInt()
            : null;
    int messageId;
    ObjectNode message;
    synchronized (this) {
      if (blocked.contains(chatId)) {
        fail(ex, Failure.forbidden());
        return;
      }
      if (migrated.containsKey(chatId)) {
        fail(ex, Failure.migrated(migrated.get(chatId)));
        return;
      }
      if (enforce) {
        long retryAfter = violation(chatId);
        if (retryAfter > 0) {
          violations++;
          fail(ex, Failure.tooManyRequests((int) retryAfter));
          return;
        }
      }
      messageId = nextMessageId++;
      String visible = text == null ? "" : visible(text, parseMode);
      botMessages.computeIfAbsent(chatId, k -> new HashMap<>()).put(messageId, visible);
      botMarkups.computeIfAbsent(chatId, k -> new HashMap<>()).put(messageId, markup.toString());
      sent.add(
          new Sent(
              method,
              chatId,
              messageId,
              thread,
              text,
              parseMode,
              markup,
              flag(p, "disable_notification"),
              jsonParam(p, "link_preview_options").path("is_disabled").asBoolean(false)
                  || flag(p, "disable_web_page_preview")));
      delivered.add(sent.get(sent.size() - 1));
      message = NODES.objectNode().put("message_id", messageId).put("date", zeroDates ? 0 : now());
      message.set("from", botUser());
      message.set("chat", chat(chatId, null, null, thread != null));
      if (thread != null) {
        message.put("message_thread_id", thread).put("is_topic_message", true);
      }
      if (method.equals("sendmessage")) {
        message.put("text", visible);
      } else if (text != null) {
        message.put("caption", visible);
      }
      if (markup.has("inline_keyboard")) {
        message.set("reply_markup", markup);
      }
    }
    ok(ex, message);
  }

  private void edit(HttpExchange ex, ObjectNode p) throws IOException {
    long chatId = p.path("chat_id").asLong();
    int messageId = p.path("message_id").asInt();
    String text = text(p, "text");
    String parseMode = text(p, "parse_mode");
    JsonNode markup = jsonParam(p, "reply_markup");
    String problem = checkText(text, parseMode, 4096, true);
    if (problem == null) {
      problem = checkMarkup(markup);
    }
    if (problem != null) {
      error(ex, 400, "Bad Request: " + problem, null);
      return;
    }
    ObjectNode message;
    synchronized (this) {
      if (blocked.contains(chatId)) {
        fail(ex, Failure.forbidden());
        return;
      }
      Map<Integer, String> texts = botMessages.get(chatId);
      if (texts == null || !texts.containsKey(messageId)) {
        error(ex, 400, "Bad Request: message to edit not found", null);
        return;
      }
      if (uneditable.contains(List.of(chatId, (long) messageId))) {
        error(ex, 400, "Bad Request: message can't be edited", null);
        return;
      }
      String visible = visible(text, parseMode);
      String oldMarkup = botMarkups.get(chatId).get(messageId);
      if (visible.equals(texts.get(messageId)) && markup.toString().equals(oldMarkup)) {
        error(
            ex,
            400,
            "Bad Request: message is not modified: specified new message content and"
                + " reply markup are exactly the same as a current content and reply markup of the"
                + " message",
            null);
        return;
      }
      if (enforce) {
        // Edits count against the same limits as messages.
        long retryAfter = violation(chatId);
        if (retryAfter > 0) {
          violations++;
          fail(ex, Failure.tooManyRequests((int) retryAfter));
          return;
        }
      }
      texts.put(messageId, visible);
      botMarkups.get(chatId).put(messageId, markup.toString());
      edited.add(
          new Sent(
              "editMessageText",
              chatId,
              messageId,
              null,
              text,
              parseMode,
              markup,
              true,
              jsonParam(p, "link_preview_options").path("is_disabled").asBoolean(false)));
      delivered.add(edited.get(edited.size() - 1));
      message =
          NODES
              .objectNode()
              .put("message_id", messageId)
              .put("date", zeroDates ? 0 : now())
              .put("edit_date", now())
              .put("text", visible);
      message.set("from", botUser());
      message.set("chat", chat(chatId, null, null, false));
      if (markup.has("inline_keyboard")) {
        message.set("reply_markup", markup);
      }
    }
    ok(ex, message);
  }

  private void delete(HttpExchange ex, ObjectNode p) throws IOException {
    long chatId = p.path("chat_id").asLong();
    int messageId = p.path("message_id").asInt();
    synchronized (this) {
      if (undeletable.contains(chatId)) {
        error(ex, 400, "Bad Request: message can't be deleted", null);
        return;
      }
      if (blocked.contains(chatId)) {
        fail(ex, Failure.forbidden());
        return;
      }
      Map<Integer, String> texts = botMessages.get(chatId);
      if (texts != null) {
        texts.remove(messageId);
      }
    }
    ok(ex, NODES.booleanNode(true));
  }

  private void getFile(HttpExchange ex, ObjectNode p) throws IOException {
    StoredFile f;
    synchronized (this) {
      f = files.get(p.path("file_id").asText());
    }
    if (f == null) {
      error(ex, 400, "Bad Request: invalid file_id", null);
      return;
    }
    ok(
        ex,
        NODES
            .objectNode()
            .put("file_id", f.fileId())
            .put("file_unique_id", "u" + f.fileId())
            .put("file_size", f.content().length)
            .put("file_path", f.path()));
  }

  private void commands(HttpExchange ex, String method, ObjectNode p) throws IOException {
    JsonNode scope = jsonParam(p, "scope");
    String type = scope.path("type").asText("default");
    String key = scope.has("chat_id") ? type + ":" + scope.path("chat_id").asText() : type;
    String languageCode = p.path("language_code").asText("");
    if (!languageCode.isEmpty()) {
      key += "|" + languageCode;
    }
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    if (method.equals("setmycommands")) {
      JsonNode list = jsonParam(p, "commands");
      if (!list.isArray() || list.size() > 100) {
        error(ex, 400, "Bad Request: commands must be an array of at most 100", null);
        return;
      }
      for (JsonNode c : list) {
        String name = c.path("command").asText();
        String description = c.path("description").asText();
        if (!COMMAND.matcher(name).matches()) {
          error(ex, 400, "Bad Request: BOT_COMMAND_INVALID", null);
          return;
        }
        if (description.isEmpty() || description.length() > 256) {
          error(ex, 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", null);
          return;
        }
        names.add(name);
        descriptions.add(description);
      }
    }
    synchronized (this) {
      if (names.isEmpty()) {
        menus.remove(key);
        menuDescriptions.remove(key);
      } else {
        menus.put(key, names);
        menuDescriptions.put(key, descriptions);
      }
    }
    ok(ex, NODES.booleanNode(true));
  }

  private void serveFile(HttpExchange ex, String fileToken, String path) throws IOException {
    if (!token.equals(URLDecoder.decode(fileToken, StandardCharsets.UTF_8))) {
      error(ex, 401, "Unauthorized", null);
      return;
    }
    StoredFile f;
    synchronized (this) {
      calls.add(new Call("file", NODES.objectNode().put("path", path), Map.of(), null));
      f = filesByPath.get(path);
      if (f != null) {
        downloads.add(path);
      }
    }
    if (f == null) {
      error(ex, 404, "Not Found", null);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, f.content().length == 0 ? -1 : f.content().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(f.content());
    }
  }

  // ---------------------------------------------------------------- limits

  /** Seconds to wait when this send would break a limit; 0 when it may go (and is counted). */
  private long violation(long chatId) {
    long now = enforceClock.millis();
    Deque<Long> chat = chatSends.computeIfAbsent(chatId, k -> new ArrayDeque<>());
    Deque<Long> group =
        chatId < 0 ? groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>()) : null;
    long wait = 0;
    wait = Math.max(wait, windowWait(chat, 1, 1000, now));
    if (group != null) {
      wait = Math.max(wait, windowWait(group, 20, 60_000, now));
    }
    wait = Math.max(wait, windowWait(overallSends, 30, 1000, now));
    if (wait > 0) {
      return Math.max(1, (wait + 999) / 1000);
    }
    chat.addLast(now);
    if (group != null) {
      group.addLast(now);
    }
    overallSends.addLast(now);
    accepted++;
    return 0;
  }

  /** Milliseconds until one more send fits: at most {@code n} in any window of {@code w}. */
  private long windowWait(Deque<Long> times, int n, long w, long now) {
    long width = Math.max(1, w - slackMillis);
    while (!times.isEmpty() && times.peekFirst() <= now - width) {
      times.pollFirst();
    }
    if (times.size() < n) {
      return 0;
    }
    List<Long> list = new ArrayList<>(times);
    return list.get(list.size() - n) + width - now;
  }

  /** Sends accepted while the limits were enforced. */
  public synchronized int acceptedUnderLimits() {
    return accepted;
  }

  // ---------------------------------------------------------------- Telegram HTML

  private static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "span",
          "tg-spoiler",
          "a",
          "code",
          "pre",
          "blockquote",
          "tg-emoji",
          "tg-time");
  private static final Pattern ATTR =
      Pattern.compile("\\s*([a-zA-Z-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");

  /**
   * Checks a text as Telegram's HTML parser would; null when it is valid, else the description
   * Telegram gives (without "Bad Request: ").
   */
  public static String htmlError(String html) {
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c != '<') {
        i++;
        continue;
      }
      int offset = html.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
      int end = html.indexOf('>', i);
      if (end < 0) {
        return "can't parse entities: Unclosed start tag at byte offset " + offset;
      }
      String inner = html.substring(i + 1, end);
      if (inner.startsWith("/")) {
        String name = inner.substring(1).strip().toLowerCase(Locale.ROOT);
        if (open.isEmpty()) {
          return "can't parse entities: Unexpected end tag at byte offset " + offset;
        }
        if (!open.peek().equals(name)) {
          return "can't parse entities: Unmatched end tag at byte offset "
              + offset
              + ", expected \"</"
              + open.peek()
              + ">\", found \"</"
              + name
              + ">\"";
        }
        open.pop();
      } else {
        int n = 0;
        while (n < inner.length()
            && (Character.isLetter(inner.charAt(n)) || inner.charAt(n) == '-')) {
          n++;
        }
        String name = inner.substring(0, n).toLowerCase(Locale.ROOT);
        if (!TAGS.contains(name)) {
          return "can't parse entities: Unsupported start tag \""
              + name
              + "\" at byte offset "
              + offset;
        }
        Map<String, String> attrs = new HashMap<>();
        Matcher a = ATTR.matcher(inner.substring(n));
        int pos = 0;
        while (a.find() && a.start() == pos) {
          String v = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
          attrs.put(a.group(1).toLowerCase(Locale.ROOT), v);
          pos = a.end();
        }
        if (!inner.substring(n).substring(pos).isBlank()) {
          return "can't parse entities: Unclosed start tag at byte offset " + offset;
        }
        if (name.equals("span") && !"tg-spoiler".equals(attrs.get("class"))) {
          return "can't parse entities: Tag \"span\" must have class \"tg-spoiler\" at byte offset "
              + offset;
        }
        if (name.equals("a") && !attrs.containsKey("href")) {
          return "can't parse entities: Tag \"a\" must have attribute \"href\" at byte offset "
              + offset;
        }
        if (name.equals("tg-emoji") && !attrs.containsKey("emoji-id")) {
          return "can't parse entities: Tag \"tg-emoji\" must have attribute \"emoji-id\"";
        }
        open.push(name);
      }
      i = end + 1;
    }
    if (!open.isEmpty()) {
      return "can't parse entities: Can't find end tag corresponding to start tag \""
          + open.peek()
          + "\"";
    }
    return null;
  }

  /** The text a user sees: tags removed, the four named and all numeric entities decoded. */
  public static String visibleText(String html) {
    String noTags = html.replaceAll("<[^>]*>", "");
    StringBuilder b = new StringBuilder();
    Matcher m =
        Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});").matcher(noTags);
    while (m.find()) {
      String e = m.group(1);
      String r =
          switch (e) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default ->
                new String(
                    Character.toChars(
                        e.startsWith("#x")
                            ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1))));
          };
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String visible(String text, String parseMode) {
    return "HTML".equalsIgnoreCase(parseMode) ? visibleText(text) : text;
  }

  private static String checkText(String text, String parseMode, int max, boolean required) {
    if (text == null) {
      return required ? "message text is empty" : null;
    }
    if (parseMode != null && !parseMode.equalsIgnoreCase("HTML")) {
      return null;
    }
    if (parseMode != null) {
      String e = htmlError(text);
      if (e != null) {
        return e;
      }
    }
    String v = visible(text, parseMode);
    if (v.isBlank()) {
      return "message text is empty";
    }
    if (v.length() > max) {
      return max == 4096 ? "message is too long" : "message caption is too long";
    }
    return null;
  }

  private static String checkMarkup(JsonNode markup) {
    for (JsonNode row : markup.path("inline_keyboard")) {
      for (JsonNode b : row) {
        if (b.path("text").asText().isEmpty()) {
          return "text buttons are unallowed in the inline keyboard";
        }
        JsonNode data = b.get("callback_data");
        if (data != null && !data.isNull()) {
          int n = data.asText().getBytes(StandardCharsets.UTF_8).length;
          if (n < 1 || n > 64) {
            return "BUTTON_DATA_INVALID";
          }
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- helpers

  private long enqueueMessage(String type, Msg m) {
    synchronized (this) {
      long updateId = nextUpdateId++;
      ObjectNode msg = NODES.objectNode().put("message_id", nextMessageId++).put("date", now());
      if (type.equals("edited_message")) {
        msg.put("edit_date", now());
      }
      ObjectNode from = user(m.fromId, m.username, m.firstName);
      if (m.languageCode != null) {
        from.put("language_code", m.languageCode);
      }
      msg.set("from", from);
      msg.set("chat", chat(m.chatId, m.chatType, m.chatTitle, m.threadId != null));
      if (m.threadId != null) {
        msg.put("message_thread_id", m.threadId).put("is_topic_message", true);
      }
      if (m.text != null) {
        msg.put(m.textAsCaption ? "caption" : "text", m.text);
        if (!m.textAsCaption && m.text.startsWith("/")) {
          int len = m.text.indexOf(' ') < 0 ? m.text.length() : m.text.indexOf(' ');
          ArrayNode entities = msg.putArray("entities");
          entities.addObject().put("type", "bot_command").put("offset", 0).put("length", len);
        }
      }
      if (m.document != null) {
        msg.set("document", m.document);
      }
      if (m.photo != null) {
        msg.set("photo", m.photo);
      }
      if (m.sticker) {
        msg.putObject("sticker")
            .put("file_id", "sticker-" + updateId)
            .put("file_unique_id", "us" + updateId)
            .put("type", "regular")
            .put("width", 512)
            .put("height", 512)
            .put("is_animated", false)
            .put("is_video", false)
            .put("emoji", "👍");
      }
      if (m.replyToId != null) {
        ObjectNode r = NODES.objectNode().put("message_id", m.replyToId).put("date", now());
        r.set("from", m.replyFromBot ? botUser() : user(m.fromId + 1, null, null));
        r.set("chat", chat(m.chatId, m.chatType, m.chatTitle, m.threadId != null));
        String replied =
            m.replyText != null
                ? m.replyText
                : botMessages.getOrDefault(m.chatId, Map.of()).get(m.replyToId);
        if (replied != null) {
          r.put("text", replied);
        }
        if (m.threadId != null) {
          r.put("message_thread_id", m.threadId).put("is_topic_message", true);
        }
        msg.set("reply_to_message", r);
      } else if (m.threadId != null) {
        // As Telegram does: a message in a topic replies to the topic's creation message.
        ObjectNode created = NODES.objectNode().put("message_id", m.threadId).put("date", now());
        created.set("from", user(m.fromId, null, null));
        created.set("chat", chat(m.chatId, m.chatType, m.chatTitle, true));
        created.put("message_thread_id", m.threadId).put("is_topic_message", true);
        created
            .putObject("forum_topic_created")
            .put("name", "Topic " + m.threadId)
            .put("icon_color", 7322096);
        msg.set("reply_to_message", created);
      }
      return add(updateId, type, msg);
    }
  }

  private long add(long updateId, String type, ObjectNode payload) {
    ObjectNode u = NODES.objectNode().put("update_id", updateId);
    u.set(type, payload);
    queue.add(u);
    notifyAll();
    return updateId;
  }

  private ObjectNode botUser() {
    return NODES
        .objectNode()
        .put("id", botId)
        .put("is_bot", true)
        .put("first_name", "Senders Bot")
        .put("username", BOT_USERNAME);
  }

  private static ObjectNode user(long id, String username, String firstName) {
    return NODES
        .objectNode()
        .put("id", id)
        .put("is_bot", false)
        .put("first_name", firstName != null ? firstName : "User" + id)
        .put("username", username != null ? username : "user" + id);
  }

  private static ObjectNode chat(long id, String type, String title, boolean forum) {
    String t =
        type != null
            ? type
            : id > 0 ? "private" : id <= -1_000_000_000_000L ? "supergroup" : "group";
    ObjectNode c = NODES.objectNode().put("id", id).put("type", t);
    if (t.equals("private")) {
      c.put("first_name", title != null ? title : "User" + id).put("username", "user" + id);
    } else {
      c.put("title", title != null ? title : "Group " + id);
    }
    if (forum) {
      c.put("is_forum", true);
    }
    return c;
  }

  private long now() {
    return clock.millis() / 1000;
  }

  private static String text(ObjectNode p, String name) {
    JsonNode n = p.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static boolean flag(ObjectNode p, String name) {
    JsonNode n = p.get(name);
    return n != null && (n.asBoolean(false) || n.asText().equals("true"));
  }

  /** A parameter that is JSON: an object in a JSON body, a string in a form. */
  private static JsonNode jsonParam(ObjectNode p, String name) {
    JsonNode n = p.get(name);
    if (n == null || n.isNull()) {
      return NODES.objectNode();
    }
    if (n.isTextual()) {
      try {
        JsonNode parsed = JSON.readTree(n.asText());
        return parsed == null ? NODES.objectNode() : parsed;
      } catch (IOException e) {
        return NODES.objectNode();
      }
    }
    return n;
  }

  private static ObjectNode params(HttpExchange ex, byte[] body, Map<String, byte[]> uploads)
      throws IOException {
    ObjectNode p = NODES.objectNode();
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      form(query, p);
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (body.length == 0) {
      return p;
    }
    if (lower.startsWith("application/json")) {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        n.fields()
            .forEachRemaining(
                e -> {
                  if (!e.getValue().isNull()) {
                    p.set(e.getKey(), e.getValue());
                  }
                });
      }
    } else if (lower.startsWith("multipart/form-data")) {
      multipart(type, body, p, uploads);
    } else {
      form(new String(body, StandardCharsets.UTF_8), p);
    }
    return p;
  }

  private static void form(String s, ObjectNode p) {
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      p.put(k, v);
    }
  }

  private static void multipart(
      String contentType, byte[] body, ObjectNode p, Map<String, byte[]> uploads) {
    Matcher bm = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
    if (!bm.find()) {
      return;
    }
    String all = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + bm.group(1);
    for (String part : all.split(Pattern.quote(delimiter))) {
      if (part.startsWith("--") || part.isBlank()) {
        continue;
      }
      int headersEnd = part.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headersEnd);
      String content = part.substring(headersEnd + 4);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      }
      Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
      if (!name.find()) {
        continue;
      }
      byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
      if (headers.contains("filename=")) {
        uploads.put(name.group(1), bytes);
      } else {
        p.put(name.group(1), new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }

  private void ok(HttpExchange ex, JsonNode result) throws IOException {
    ObjectNode answer = NODES.objectNode().put("ok", true);
    answer.set("result", result);
    write(ex, 200, "application/json", JSON.writeValueAsBytes(answer));
  }

  private void error(HttpExchange ex, int status, String description, ObjectNode parameters)
      throws IOException {
    ObjectNode answer =
        NODES
            .objectNode()
            .put("ok", false)
            .put("error_code", status)
            .put("description", description);
    if (parameters != null) {
      answer.set("parameters", parameters);
    }
    write(ex, status, "application/json", JSON.writeValueAsBytes(answer));
  }

  private void fail(HttpExchange ex, Failure f) throws IOException {
    if (f.drop) {
      // Closing the exchange before any answer closes the connection.
      return;
    }
    if (f.html) {
      write(
          ex,
          f.status,
          "text/html",
          ("<html><head><title>500 Internal Server Error</title>"
                  + "</head><body><center><h1>500 Internal Server Error</h1></center><hr>"
                  + "<center>nginx</center></body></html>")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    error(ex, f.status, f.description, f.parameters);
  }

  private static void write(HttpExchange ex, int status, String type, byte[] bytes)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
