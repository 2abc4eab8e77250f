package dev.sendersbot.smsc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Settings, clients and readers for what the client sent; the servers come from {@link
 * SmscServerExtension}.
 */
final class Fixtures {
  static final String LOGIN = "alex";
  static final String PASSWORD = "pw-Xq7!s3cr3t";
  static final String API_KEY = "ak-9f8e7d6c5b4a";

  private Fixtures() {}

  static URI baseUrl(MockWebServer server) {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  static SmscSettings settings(URI baseUrl, Duration timeout) {
    return new SmscSettings(baseUrl, Credentials.password(LOGIN, PASSWORD), timeout);
  }

  static SmscSettings apiKeySettings(URI baseUrl, Duration timeout) {
    return new SmscSettings(baseUrl, Credentials.apiKey(API_KEY), timeout);
  }

  /**
   * A client that keeps no idle connection. MockWebServer writes a response's head and body in two
   * small writes; on a kept-alive loopback connection that meets delayed ACKs and costs ~40 ms a
   * request. Tests about pooled connections use {@link #poolingClient()}.
   */
  static OkHttpClient sharedClient() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .build();
  }

  static OkHttpClient poolingClient() {
    return new OkHttpClient();
  }

  static void close(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  static MockResponse json(String body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(body);
  }

  static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("the server received no request");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A file part of a multipart request. */
  record FilePart(String fileName, MediaType type, byte[] bytes) {}

  /** What a POST carried: its text fields in order, and a file part when multipart. */
  record Form(String contentType, Map<String, String> fields, FilePart file) {
    String get(String name) {
      return fields.get(name);
    }
  }

  static Form form(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    Buffer body = request.getBody().clone();
    Map<String, String> fields = new LinkedHashMap<>();
    if (type != null && type.subtype().equals("x-www-form-urlencoded")) {
      String text = body.readUtf8();
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (fields.put(k, v) != null) {
          throw new AssertionError("field sent twice: " + k);
        }
      }
      return new Form(contentType, fields, null);
    }
    if (type != null && type.type().equals("multipart")) {
      FilePart file = null;
      try (MultipartReader reader = new MultipartReader(body, type.parameter("boundary"))) {
        MultipartReader.Part part;
        while ((part = reader.nextPart()) != null) {
          String disposition = part.headers().get("Content-Disposition");
          String name = param(disposition, "name");
          String fileName = param(disposition, "filename");
          if (fileName != null) {
            String partType = part.headers().get("Content-Type");
            file =
                new FilePart(
                    fileName,
                    partType == null ? null : MediaType.get(partType),
                    part.body().readByteArray());
          } else if (fields.put(name, part.body().readUtf8()) != null) {
            throw new AssertionError("field sent twice: " + name);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Form(contentType, fields, file);
    }
    throw new AssertionError("not a form post: " + contentType);
  }

  private static String param(String disposition, String name) {
    for (String piece : disposition.split(";")) {
      String p = piece.strip();
      if (p.startsWith(name + "=")) {
        String v = p.substring(name.length() + 1);
        return v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
