package dev.sendersbot.smsc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import dev.sendersbot.smsc.SmscTransportException.Kind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a signed body to senders.php and turns what came back into a result or a typed failure: a
 * provider error as {@link SmscError}, anything else unusable as {@link SmscTransportException}. A
 * list that failed in transport is tried once more on the backup host. Messages and the one DEBUG
 * line per request name the operation, host and path, never a parameter.
 */
final class SendersTransport {

  // The request lines keep the client's logger name: it is the one an operator filters on.
  private static final Logger log = LoggerFactory.getLogger(HttpSendersApi.class);

  /** Reads a usable answer; a {@link BadAnswer} becomes a {@link Kind#MALFORMED} failure. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode root) throws BadAnswer;
  }

  /**
   * Reads a successful answer that opens a JSON array straight from the stream, its first token
   * next. Jackson's own exceptions say the answer is malformed; an {@link IOException} of the
   * connection stays a transport failure.
   */
  @FunctionalInterface
  interface ArrayReader<T> {
    T read(JsonParser parser) throws IOException, BadAnswer;
  }

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final HttpUrl backupEndpoint;
  private final Duration timeout;

  /**
   * @param client already configured with the timeout, no redirects and no silent retries
   * @param backupEndpoint where a list that failed in transport is tried once more; null for none
   * @param timeout as configured in {@code client}, for messages
   */
  SendersTransport(
      OkHttpClient client, HttpUrl endpoint, HttpUrl backupEndpoint, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.backupEndpoint = backupEndpoint;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * One request; for a list, a second one on the backup host after a transport failure. Provider
   * errors are never retried (errors 2 and 4 would lengthen an IP block), nor are mutations (the
   * first may have been applied).
   */
  <T> T call(Operation op, RequestBody body, Reader<T> reader) {
    return call(op, body, reader, null);
  }

  /**
   * As {@link #call(Operation, RequestBody, Reader)}; a successful answer that opens a JSON array
   * goes to {@code arrays} as it arrives instead of being read whole and as a tree first.
   */
  <T> T call(Operation op, RequestBody body, Reader<T> reader, ArrayReader<T> arrays) {
    try {
      return exchange(op, endpoint, body, reader, arrays);
    } catch (SmscTransportException first) {
      if (op.changes() || backupEndpoint == null || Thread.currentThread().isInterrupted()) {
        throw first;
      }
      try {
        return exchange(op, backupEndpoint, body, reader, arrays);
      } catch (SmscTransportException second) {
        first.addSuppressed(second);
        throw first;
      }
    }
  }

  /** A {@link Kind#MALFORMED} failure of an answer that was readable but made no sense. */
  SmscTransportException malformed(Operation op, String what) {
    return new SmscTransportException(
        Kind.MALFORMED, op.label + " " + where(endpoint) + ": " + what, null);
  }

  /** Scheme, host, port and path, and the backup host: never a parameter. */
  String describe() {
    return endpoint.scheme()
        + "://"
        + where(endpoint)
        + (backupEndpoint == null ? "" : ", backup " + backupEndpoint.host());
  }

  private <T> T exchange(
      Operation op, HttpUrl url, RequestBody body, Reader<T> reader, ArrayReader<T> arrays) {
    long started = System.nanoTime();
    String outcome = "failed";
    try {
      T result = exchangeOnce(op, url, body, reader, arrays);
      outcome =
          result instanceof Page page
              ? "ok, "
                  + page.senders().size()
                  + " names"
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
      log.debug(
          "smsc {} host={} outcome={} in {} ms",
          op.label,
          url.host(),
          outcome,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private <T> T exchangeOnce(
      Operation op, HttpUrl url, RequestBody body, Reader<T> reader, ArrayReader<T> arrays) {
    // A connection per request, as the provider's own libraries do. A kept-alive connection that
    // the server closed while idle (Node and uvicorn after 5 s, gunicorn after 2 s) is only found
    // out once a request has been written to it, and that request cannot be re-sent: it may be an
    // add. The provider is asked a few times a minute, so the handshakes cost nothing that counts.
    Request request =
        new Request.Builder()
            .url(url)
            .post(body)
            .header("Accept", "application/json")
            .header("Connection", "close")
            .build();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw transport(op, url, e, false);
    }
    try (response) {
      ResponseBody responseBody = response.body();
      if (arrays != null && responseBody != null && response.isSuccessful()) {
        BufferedSource source = responseBody.source();
        boolean array;
        try {
          array = opensArray(source);
        } catch (IOException e) {
          throw transport(op, url, e, true);
        }
        if (array) {
          return stream(op, url, source, arrays);
        }
      }
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
    var error =
        root != null
            ? SendersAnswers.error(op.label, root)
            : SendersAnswers.plainError(op.label, bytes);
    if (error.isPresent()) {
      throw error.get();
    }
    if (status < 200 || status > 299) {
      throw new SmscTransportException(
          Kind.HTTP_STATUS,
          op.label + " " + where(url) + ": HTTP status " + status,
          null,
          op.changes());
    }
    try {
      if (unreadable != null) {
        throw unreadable;
      }
      return reader.read(root);
    } catch (BadAnswer e) {
      throw new SmscTransportException(
          Kind.MALFORMED, op.label + " " + where(url) + ": " + e.getMessage(), null, op.changes());
    }
  }

  /**
   * Whether the first byte of the body, after a UTF-8 byte order mark and white space, opens an
   * array. Only looks: the bytes stay in the source for the parser.
   */
  private static boolean opensArray(BufferedSource source) throws IOException {
    long i = 0;
    if (source.request(3)
        && source.getBuffer().getByte(0) == (byte) 0xEF
        && source.getBuffer().getByte(1) == (byte) 0xBB
        && source.getBuffer().getByte(2) == (byte) 0xBF) {
      i = 3;
    }
    while (source.request(i + 1)) {
      byte b = source.getBuffer().getByte(i);
      if (!Character.isWhitespace(b)) {
        return b == '[';
      }
      i++;
    }
    return false;
  }

  /**
   * Parses the body as it arrives. A failure of the connection under the parser is told apart from
   * the parser's own complaints by {@link ConnectionFailure}, which only the source throws.
   */
  private <T> T stream(Operation op, HttpUrl url, BufferedSource source, ArrayReader<T> arrays) {
    try (JsonParser parser = SendersAnswers.parser(new Guarded(source.inputStream()))) {
      return arrays.read(parser);
    } catch (ConnectionFailure e) {
      throw transport(op, url, e.connection, true);
    } catch (JsonEOFException e) {
      throw malformed(op, url, "truncated JSON");
    } catch (JsonProcessingException e) {
      throw malformed(op, url, "not JSON");
    } catch (IOException e) {
      throw malformed(op, url, "unreadable answer");
    } catch (BadAnswer e) {
      throw malformed(op, url, e.getMessage());
    }
  }

  private static SmscTransportException malformed(Operation op, HttpUrl url, String what) {
    return new SmscTransportException(
        Kind.MALFORMED, op.label + " " + where(url) + ": " + what, null, op.changes());
  }

  /** An {@link IOException} of the connection, carried through the parser unchanged. */
  private static final class ConnectionFailure extends IOException {
    final transient IOException connection;

    ConnectionFailure(IOException connection) {
      super(connection.getMessage(), connection);
      this.connection = connection;
    }
  }

  /** Marks every failure of the connection, so that the parser's own stay apart. */
  private static final class Guarded extends FilterInputStream {
    Guarded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new ConnectionFailure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw new ConnectionFailure(e);
      }
    }
  }

  private SmscTransportException transport(
      Operation op, HttpUrl url, IOException e, boolean readingBody) {
    Kind kind;
    String what;
    // Only a connection that was never made is sure to have carried nothing.
    boolean neverSent =
        e instanceof UnknownHostException
            || e instanceof ConnectException
            || e instanceof NoRouteToHostException
            || e instanceof SSLException;
    if (e instanceof InterruptedIOException) {
      kind = Kind.TIMEOUT;
      what =
          Thread.currentThread().isInterrupted()
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
    return new SmscTransportException(
        kind, op.label + " " + where(url) + ": " + what, e, op.changes() && !neverSent);
  }

  /** Host, port when not the scheme's default, and path: never a parameter. */
  private static String where(HttpUrl url) {
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    return url.host() + (defaultPort ? "" : ":" + url.port()) + url.encodedPath();
  }
}
