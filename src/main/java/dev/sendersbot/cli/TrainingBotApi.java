package dev.sendersbot.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the Telegram Bot API, on loopback, for {@link ArchiveTrainingCommand}: {@code
 * getMe}, {@code getUpdates} handing over one owner's commands once per start, and success for
 * everything else (menus, webhook removal, sends), counting the messages sent. Not a test double of
 * Telegram (the tests have a faithful one); its one job is to let the bot run its real start-up and
 * answer real commands without the network, so the classes that takes are what the archive holds.
 */
final class TrainingBotApi implements AutoCloseable {
  static final String TOKEN = "123456:training";
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Pattern OFFSET = Pattern.compile("\"?offset\"?\\s*[:=]\\s*\"?(-?[0-9]+)");

  private final HttpServer server;
  private final long owner;
  private final Clock clock;
  private final List<Update> queue = new ArrayList<>(); // guarded by this
  private long nextUpdateId = 1; // guarded by this
  private int sent; // guarded by this
  private volatile boolean closed;

  private TrainingBotApi(HttpServer server, long owner, Clock clock) {
    this.server = server;
    this.owner = owner;
    this.clock = clock;
  }

  static TrainingBotApi start(long owner, Clock clock) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TrainingBotApi api = new TrainingBotApi(server, owner, clock);
    server.createContext("/", api::handle);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "training-bot-api");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return api;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The owner's commands, handed over by the next getUpdates. */
  synchronized void send(List<String> commands) {
    for (String text : commands) {
      long id = nextUpdateId++;
      queue.add(new Update(id, update(id, text)));
    }
    notifyAll();
  }

  /** Waits until {@code count} messages in all have been sent; false at the deadline. */
  synchronized boolean awaitSent(int count, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (sent < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void handle(HttpExchange ex) throws IOException {
    String request;
    try (InputStream in = ex.getRequestBody()) {
      request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = ex.getRequestURI().getPath();
    String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String result =
        switch (method) {
          case "getme" ->
              "{\"id\":7,\"is_bot\":true,\"first_name\":\"Senders\",\"username\":\"senders_training_bot\"}";
          case "getupdates" -> updates(offset(request, ex.getRequestURI().getRawQuery()));
          case "sendmessage", "editmessagetext", "senddocument" -> sent();
          default -> "true";
        };
    byte[] body = ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * As Telegram does: updates below the offset asked for are confirmed and forgotten, the rest are
   * handed over (again, if a stopped bot's poll took them), waiting a little when there are none.
   */
  private synchronized String updates(long offset) {
    queue.removeIf(u -> u.id() < offset);
    try {
      if (queue.isEmpty() && !closed) {
        wait(IDLE_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StringBuilder out = new StringBuilder("[");
    for (Update u : queue) {
      out.append(out.length() > 1 ? "," : "").append(u.json());
    }
    return out.append(']').toString();
  }

  private record Update(long id, String json) {}

  /** The offset of a getUpdates, in a JSON or form body or the query; 0 when none. */
  private static long offset(String body, String query) {
    Matcher m = OFFSET.matcher(body + "&" + (query == null ? "" : query));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private String update(long id, String text) {
    int command = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
    return "{\"update_id\":"
        + id
        + ",\"message\":{\"message_id\":"
        + id
        + ",\"date\":"
        + clock.instant().getEpochSecond()
        + ",\"chat\":{\"id\":"
        + owner
        + ",\"type\":\"private\",\"first_name\":\"Owner\"},\"from\":{\"id\":"
        + owner
        + ",\"is_bot\":false,\"first_name\":\"Owner\",\"language_code\":\"en\"},\"text\":\""
        + text
        + "\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":"
        + command
        + "}]}}";
  }

  private synchronized String sent() {
    sent++;
    notifyAll();
    return "{\"message_id\":"
        + (1000 + sent)
        + ",\"date\":"
        + clock.instant().getEpochSecond()
        + ",\"chat\":{\"id\":"
        + owner
        + ",\"type\":\"private\"},\"text\":\"ok\"}";
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
