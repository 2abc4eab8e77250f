package dev.sendersbot.smsc.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one request, the way PHP's {@code $_REQUEST} sees them: the URL query and the
 * body (form or multipart) merged, a body value winning over a query value of the same name, and
 * the bytes decoded in the {@code charset} the request names (windows-1251 by default).
 */
final class Params {
  static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  /** A file part of a multipart body. */
  record Upload(String field, String fileName, String contentType, byte[] content) {}

  private record Raw(String name, byte[] value) {}

  private final Map<String, String> values;
  private final Set<String> queryNames;
  private final List<Upload> uploads;
  private final Charset charset;
  private final String problem;

  private Params(
      Map<String, String> values,
      Set<String> queryNames,
      List<Upload> uploads,
      Charset charset,
      String problem) {
    this.values = Collections.unmodifiableMap(values);
    this.queryNames = Collections.unmodifiableSet(queryNames);
    this.uploads = List.copyOf(uploads);
    this.charset = charset;
    this.problem = problem;
  }

  static Params read(boolean post, String rawQuery, String contentType, byte[] body) {
    List<Raw> query =
        rawQuery == null ? List.of() : urlEncoded(rawQuery.getBytes(StandardCharsets.ISO_8859_1));
    List<Raw> form = new ArrayList<>();
    List<Multipart.Part> parts = List.of();
    String problem = null;
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    if (post && body.length > 0) {
      if (type.startsWith("application/x-www-form-urlencoded")) {
        form = urlEncoded(body);
      } else if (type.startsWith("multipart/form-data")) {
        try {
          parts = Multipart.parse(body, Multipart.boundary(contentType));
        } catch (Multipart.MalformedException e) {
          problem = e.getMessage();
        }
      }
    }
    // The charset is itself a parameter: find it among the raw bytes before decoding the rest.
    String charsetName = null;
    for (Raw r : query) {
      if (r.name.equals("charset")) {
        charsetName = new String(r.value, StandardCharsets.ISO_8859_1);
      }
    }
    for (Raw r : form) {
      if (r.name.equals("charset")) {
        charsetName = new String(r.value, StandardCharsets.ISO_8859_1);
      }
    }
    for (Multipart.Part p : parts) {
      if (p.fileName() == null && p.name().equals("charset")) {
        charsetName = new String(p.content(), StandardCharsets.ISO_8859_1);
      }
    }
    Charset charset = charset(charsetName);
    if (charset == null) {
      problem = problem != null ? problem : "unsupported charset '" + charsetName + "'";
      charset = WINDOWS_1251;
    }

    Map<String, String> values = new LinkedHashMap<>();
    Set<String> queryNames = new LinkedHashSet<>();
    for (Raw r : query) {
      values.put(r.name, new String(r.value, charset));
      queryNames.add(r.name);
    }
    for (Raw r : form) {
      values.put(r.name, new String(r.value, charset));
    }
    List<Upload> uploads = new ArrayList<>();
    for (Multipart.Part p : parts) {
      if (p.fileName() != null) {
        // A browser sends an empty file part for a file input left empty; PHP ignores it.
        if (!(p.fileName().isEmpty() && p.content().length == 0)) {
          uploads.add(new Upload(p.name(), p.fileName(), p.contentType(), p.content()));
        }
      } else {
        Charset partCharset = partCharset(p.contentType(), charset);
        values.put(p.name(), new String(p.content(), partCharset));
      }
    }
    return new Params(values, queryNames, uploads, charset, problem);
  }

  /** The charsets the provider accepts; null for any other name. */
  static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return WINDOWS_1251;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "utf-8", "utf8" -> StandardCharsets.UTF_8;
      case "windows-1251", "cp1251", "win-1251" -> WINDOWS_1251;
      case "koi8-r", "koi8r" -> Charset.forName("KOI8-R");
      default -> null;
    };
  }

  private static Charset partCharset(String contentType, Charset fallback) {
    if (contentType == null) {
      return fallback;
    }
    int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (at < 0) {
      return fallback;
    }
    String name = contentType.substring(at + 8).replace("\"", "").split(";")[0].strip();
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return fallback;
    }
  }

  private static List<Raw> urlEncoded(byte[] data) {
    List<Raw> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == '&') {
        if (i > start) {
          int eq = -1;
          for (int j = start; j < i; j++) {
            if (data[j] == '=') {
              eq = j;
              break;
            }
          }
          byte[] name = decode(data, start, eq < 0 ? i : eq);
          byte[] value = eq < 0 ? new byte[0] : decode(data, eq + 1, i);
          if (name.length > 0) {
            out.add(new Raw(new String(name, StandardCharsets.ISO_8859_1), value));
          }
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** Percent-decoding into bytes; a broken escape stays as it is, as PHP leaves it. */
  private static byte[] decode(byte[] data, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%' && i + 2 < to && hex(data[i + 1]) >= 0 && hex(data[i + 2]) >= 0) {
        out.write(hex(data[i + 1]) * 16 + hex(data[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** The value, or null when absent. */
  String get(String name) {
    return values.get(name);
  }

  /** A trimmed value, or null when absent or blank. */
  String text(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** PHP truthiness: set, not empty and not "0". */
  boolean flag(String name) {
    String v = values.get(name);
    return v != null && !v.strip().isEmpty() && !v.strip().equals("0");
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Map<String, String> values() {
    return values;
  }

  Set<String> queryNames() {
    return queryNames;
  }

  List<Upload> uploads() {
    return uploads;
  }

  Charset charset() {
    return charset;
  }

  /** Why the request could not be read as it should (answered with error 1), or null. */
  String problem() {
    return problem;
  }
}
