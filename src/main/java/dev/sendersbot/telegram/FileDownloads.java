package dev.sendersbot.telegram;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.telegram.telegrambots.meta.api.objects.File;

/**
 * Fetches a file a user sent (getFile for its path, then the file), with the messenger's retries.
 * Its size is checked against the limit before and while reading, so a file too large is never held
 * in full; the file URL carries the token, so no error names it.
 */
final class FileDownloads {
  private final String token;
  private final BotApiEndpoint endpoint;
  private final OkHttpClient http;
  private final TokenRedactor redactor;
  private final Retries retries;
  private final Function<String, File> getFile;

  /**
   * @param getFile one getFile call for a file id, without retries
   */
  FileDownloads(
      String token,
      BotApiEndpoint endpoint,
      OkHttpClient http,
      TokenRedactor redactor,
      Retries retries,
      Function<String, File> getFile) {
    this.token = Objects.requireNonNull(token, "token");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.http = Objects.requireNonNull(http, "http");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.getFile = Objects.requireNonNull(getFile, "getFile");
  }

  /** See {@link TelegramMessenger#download}. */
  byte[] download(Attachment file, long maxBytes) {
    Objects.requireNonNull(file, "file");
    long limit = Math.min(maxBytes, TelegramMessenger.MAX_DOWNLOAD_BYTES);
    if (limit <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    String what = "download of file " + file.fileId();
    if (file.size() > limit) {
      throw tooLarge(what, file.size(), limit);
    }
    File info = retries.run("getFile " + file.fileId(), null, () -> getFile.apply(file.fileId()));
    if (info == null || info.getFilePath() == null || info.getFilePath().isBlank()) {
      throw retries.failure(
          new DeliveryException(
              Kind.REJECTED,
              "getFile " + file.fileId() + ": the Bot API gave no file_path",
              null,
              null,
              null));
    }
    if (info.getFileSize() != null && info.getFileSize() > limit) {
      throw tooLarge(what, info.getFileSize(), limit);
    }
    String path = info.getFilePath();
    return retries.run(what, null, () -> fetch(what, path, limit));
  }

  private byte[] fetch(String what, String filePath, long limit) {
    Request request = new Request.Builder().url(endpoint.fileUrl(token, filePath)).get().build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (!response.isSuccessful()) {
        Kind kind =
            code == 429
                ? Kind.RETRY_AFTER
                : code >= 500 ? Kind.TRANSIENT : code == 403 ? Kind.FORBIDDEN : Kind.REJECTED;
        throw new DeliveryException(
            kind,
            what + " answered HTTP " + code,
            kind == Kind.RETRY_AFTER ? Duration.ofSeconds(1) : null,
            null,
            null);
      }
      ResponseBody body = response.body();
      if (body == null) {
        throw new DeliveryException(Kind.TRANSIENT, what + ": empty answer", null, null, null);
      }
      if (body.contentLength() > limit) {
        throw tooLarge(what, body.contentLength(), limit);
      }
      try (InputStream in = body.byteStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
          total += n;
          if (total > limit) {
            throw tooLarge(what, total, limit);
          }
          out.write(buf, 0, n);
        }
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new DeliveryException(
          Kind.TRANSIENT,
          what + " failed: " + redactor.mask(String.valueOf(e.getMessage())),
          null,
          null,
          redactor.scrub(e));
    }
  }

  private DeliveryException tooLarge(String what, long size, long limit) {
    return retries.failure(
        new DeliveryException(
            Kind.REJECTED,
            what + ": " + size + " bytes, more than the " + limit + " allowed",
            null,
            null,
            null));
  }
}
