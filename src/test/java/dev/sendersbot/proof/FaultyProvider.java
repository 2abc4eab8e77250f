package dev.sendersbot.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A tiny HTTP/1.1 proxy on 127.0.0.1 in front of the SMSC sandbox, for the faults the sandbox
 * cannot make: an answer cut off in the middle of its JSON, an empty answer, a connection reset
 * before any answer. Unscripted requests pass through unchanged (and land in the sandbox's log).
 */
final class FaultyProvider implements AutoCloseable {

  /** What the next request meets. */
  enum Fault {
    /** Forwarded; the answer is cut in half (with a Content-Length that matches the cut). */
    TRUNCATED_JSON,
    /** Forwarded; the answer has no body at all. */
    EMPTY_BODY,
    /** Not forwarded: the connection is reset (RST) before any answer. */
    RESET
  }

  private final ServerSocket server;
  private final URI target;
  private final OkHttpClient http =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-provider");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger faulted = new AtomicInteger();

  private FaultyProvider(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::accept);
  }

  /** Starts in front of {@code target} (the sandbox's base URL). */
  static FaultyProvider start(URI target) {
    try {
      return new FaultyProvider(target);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on 127.0.0.1", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void failNext(Fault f) {
    faults.add(f);
  }

  /** Requests that met a fault so far. */
  int faulted() {
    return faulted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).strip());
        }
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      Fault fault = faults.poll();
      if (fault != null) {
        faulted.incrementAndGet();
      }
      if (fault == Fault.RESET) {
        s.setSoLinger(true, 0);
        return;
      }
      String contentType = headers.get("content-type");
      Request.Builder forward = new Request.Builder().url(target + requestLine[1]);
      if (requestLine[0].equals("POST")) {
        forward.post(
            RequestBody.create(body, contentType == null ? null : MediaType.parse(contentType)));
      }
      int status;
      String answerType;
      byte[] answer;
      try (Response r = http.newCall(forward.build()).execute()) {
        status = r.code();
        answerType = r.header("Content-Type", "text/plain");
        answer = r.body() == null ? new byte[0] : r.body().bytes();
      }
      if (fault == Fault.TRUNCATED_JSON) {
        answer = Arrays.copyOf(answer, Math.max(1, answer.length / 2));
      } else if (fault == Fault.EMPTY_BODY) {
        answer = new byte[0];
      }
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " X\r\nContent-Type: "
                  + answerType
                  + "\r\nContent-Length: "
                  + answer.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(answer);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int c; (c = in.read()) != -1; ) {
      b.write(c);
      matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
      if (matched == 4) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    pool.shutdownNow();
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }
}
