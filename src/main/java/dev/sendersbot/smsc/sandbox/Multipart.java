package dev.sendersbot.smsc.sandbox;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * Splits a multipart/form-data body into its fields and files. OkHttp's {@link MultipartReader}
 * finds the parts and decodes their headers (as UTF-8); this class only reads the {@code
 * Content-Disposition}, which the reader leaves to its caller.
 */
final class Multipart {
  // The boundary is read from the raw header rather than through okhttp3.MediaType, which refuses
  // the whole Content-Type when any other parameter is not a strict token; PHP does not.
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)(?:^|;)\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME =
      Pattern.compile("(?i)(?:^|;)\\s*name=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
  private static final Pattern FILENAME =
      Pattern.compile("(?i)(?:^|;)\\s*filename=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

  /**
   * One part.
   *
   * @param name the form field
   * @param fileName the file name, null for a plain field
   * @param contentType the part's Content-Type, may be null
   * @param content the bytes
   */
  record Part(String name, String fileName, String contentType, byte[] content) {}

  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private Multipart() {}

  static String boundary(String contentType) throws MalformedException {
    Matcher m = BOUNDARY.matcher(contentType.substring(contentType.indexOf(';') + 1));
    if (!m.find()) {
      throw new MalformedException("multipart body without a boundary");
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  static List<Part> parse(byte[] body, String boundary) throws MalformedException {
    // A form without fields is just the closing delimiter. MultipartReader insists on at least one
    // part; the sandbox has always taken it as an empty form, as PHP does.
    if (ByteString.of(body).startsWith(ByteString.encodeUtf8("--" + boundary + "--"))) {
      return List.of();
    }
    List<Part> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
      for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
        try (MultipartReader.Part p = next) {
          String disposition = p.headers().get("Content-Disposition");
          if (disposition == null) {
            throw new MalformedException("multipart part without Content-Disposition");
          }
          String params = disposition.substring(disposition.indexOf(';') + 1);
          String name = value(NAME.matcher(params));
          if (name == null) {
            throw new MalformedException("multipart part without a field name");
          }
          parts.add(
              new Part(
                  name,
                  value(FILENAME.matcher(params)),
                  p.headers().get("Content-Type"),
                  p.body().readByteArray()));
        }
      }
    } catch (EOFException e) {
      // Not its message: Okio's can quote the bytes it was reading, and this goes to the log.
      throw new MalformedException("multipart body ends inside a part");
    } catch (IOException e) {
      // MultipartReader's ProtocolExceptions are fixed words about the delimiters.
      throw new MalformedException("multipart body cannot be read: " + e.getMessage());
    }
    return parts;
  }

  private static String value(Matcher m) {
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
  }
}
