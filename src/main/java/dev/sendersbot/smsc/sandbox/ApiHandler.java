package dev.sendersbot.smsc.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code /sys/senders.php}: reads the request, lets {@link SandboxState} answer, writes it. */
final class ApiHandler implements HttpHandler {
  /** Bodies above this are refused before parsing; a 3 MB document fits easily. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private final SandboxState state;

  ApiHandler(SandboxState state) {
    this.state = state;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!ex.getRequestURI().getPath().equals(SmscSandbox.API_PATH)) {
        plain(ex, 404, "Not Found");
        return;
      }
      String method = ex.getRequestMethod();
      boolean post = method.equals("POST");
      if (!post && !method.equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET, POST");
        plain(ex, 405, "Method Not Allowed");
        return;
      }
      byte[] body = post ? read(ex.getRequestBody()) : new byte[0];
      if (body == null) {
        plain(ex, 413, "Request Entity Too Large");
        return;
      }
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      Params params = Params.read(post, ex.getRequestURI().getRawQuery(), contentType, body);
      String remote = ex.getRemoteAddress().getAddress().getHostAddress();
      SandboxState.Reply reply = state.serve(method, remote, contentType, params);
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
      send(ex, reply.status(), reply.body());
    } finally {
      ex.close();
    }
  }

  /** The body, or null when it is larger than {@link #MAX_BODY}. */
  private static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > MAX_BODY) {
        return null;
      }
    }
    return out.toByteArray();
  }

  static void plain(HttpExchange ex, int status, String text) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(ex, status, text.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    // A length of 0 would mean "chunked" to HttpServer; -1 means no body.
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
