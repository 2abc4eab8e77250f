package dev.sendersbot.smsc.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small multipart/form-data reader, enough for what HTTP clients send to senders.php. */
final class Multipart {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)(?:^|;)\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME =
      Pattern.compile("(?i)(?:^|;)\\s*name=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
  private static final Pattern FILENAME =
      Pattern.compile("(?i)(?:^|;)\\s*filename=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

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
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] between = concat(CRLF, delimiter);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw new MalformedException("multipart body without its boundary");
    }
    List<Part> parts = new ArrayList<>();
    pos += delimiter.length;
    while (true) {
      if (startsWith(body, pos, new byte[] {'-', '-'})) {
        return parts;
      }
      if (!startsWith(body, pos, CRLF)) {
        throw new MalformedException("multipart boundary not followed by a line break");
      }
      pos += 2;
      int headersEnd = indexOf(body, HEADER_END, pos);
      if (headersEnd < 0) {
        throw new MalformedException("multipart part without the end of its headers");
      }
      String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headersEnd + HEADER_END.length;
      int next = indexOf(body, between, contentStart);
      if (next < 0) {
        throw new MalformedException("multipart body ends inside a part");
      }
      parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next)));
      pos = next + between.length;
    }
  }

  private static Part part(String headers, byte[] content) throws MalformedException {
    String disposition = null;
    String type = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (key.equals("content-disposition")) {
        disposition = value;
      } else if (key.equals("content-type")) {
        type = value;
      }
    }
    if (disposition == null) {
      throw new MalformedException("multipart part without Content-Disposition");
    }
    String params = disposition.substring(disposition.indexOf(';') + 1);
    String name = value(NAME.matcher(params));
    if (name == null) {
      throw new MalformedException("multipart part without a field name");
    }
    return new Part(name, value(FILENAME.matcher(params)), type, content);
  }

  private static String value(Matcher m) {
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (at + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] data, byte[] target, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (data[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
