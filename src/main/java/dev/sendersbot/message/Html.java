package dev.sendersbot.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telegram HTML: escaping values, and splitting long texts without breaking tags. */
public final class Html {
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");

  private Html() {}

  /** Escapes the three characters Telegram's HTML parser cares about. Null becomes "". */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The text Telegram shows once entities are parsed: tags removed, entities decoded. */
  public static String visibleText(String html) {
    String noTags = TAG.matcher(html).replaceAll("");
    return noTags
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  /** Visible length in UTF-16 code units, as Telegram counts the 4096 limit. */
  public static int visibleLength(String html) {
    return visibleText(html).length();
  }

  /**
   * Splits on line boundaries into chunks of at most {@code limit} raw characters each (so the
   * visible text is within the limit too). Tags open at a cut are closed at the end of one chunk
   * and reopened at the start of the next. A single line longer than the limit is cut between
   * characters, never inside a tag or an entity.
   */
  public static List<String> split(String html, int limit) {
    if (limit < 64) {
      throw new IllegalArgumentException("limit must be at least 64: " + limit);
    }
    List<String> out = new ArrayList<>();
    if (html.length() <= limit) {
      out.add(html);
      return out;
    }
    Deque<String[]> open = new ArrayDeque<>(); // {name, openingTag}
    StringBuilder chunk = new StringBuilder();
    for (String piece : pieces(html, limit / 2)) {
      String reopen = reopening(open);
      String closeNow = closing(open);
      if (chunk.length() + piece.length() + closeNow.length() + closingAfter(open, piece).length()
              > limit
          && chunk.length() > reopen.length()) {
        out.add(chunk + closeNow);
        chunk = new StringBuilder(reopen);
      }
      chunk.append(piece);
      track(open, piece);
    }
    if (chunk.length() > 0) {
      out.add(chunk.toString());
    }
    out.removeIf(s -> visibleText(s).isBlank());
    return out;
  }

  /** Lines (with their newline), and long lines cut into safe pieces. */
  private static List<String> pieces(String html, int max) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < html.length()) {
      int nl = html.indexOf('\n', start);
      int end = nl < 0 ? html.length() : nl + 1;
      String line = html.substring(start, end);
      while (line.length() > max) {
        int cut = safeCut(line, max);
        pieces.add(line.substring(0, cut));
        line = line.substring(cut);
      }
      pieces.add(line);
      start = end;
    }
    return pieces;
  }

  private static int safeCut(String line, int max) {
    int cut = max;
    int lt = line.lastIndexOf('<', cut - 1);
    if (lt >= 0 && line.indexOf('>', lt) >= cut) {
      cut = lt;
    }
    int amp = line.lastIndexOf('&', cut - 1);
    if (amp >= 0 && amp > cut - 10) {
      int semi = line.indexOf(';', amp);
      if (semi >= cut) {
        cut = amp;
      }
    }
    if (cut > 0 && Character.isHighSurrogate(line.charAt(cut - 1))) {
      cut--;
    }
    return Math.max(1, cut);
  }

  private static void track(Deque<String[]> open, String piece) {
    Matcher m = TAG.matcher(piece);
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      if (m.group(1).isEmpty()) {
        open.push(new String[] {name, m.group()});
      } else {
        for (Iterator<String[]> it = open.iterator(); it.hasNext(); ) {
          if (it.next()[0].equals(name)) {
            it.remove();
            break;
          }
        }
      }
    }
  }

  private static String closingAfter(Deque<String[]> open, String piece) {
    Deque<String[]> copy = new ArrayDeque<>();
    open.descendingIterator().forEachRemaining(copy::push);
    int before = copy.size();
    track(copy, piece);
    return copy.size() > before ? closing(copy) : "";
  }

  private static String closing(Deque<String[]> open) {
    StringBuilder b = new StringBuilder();
    for (String[] t : open) {
      b.append("</").append(t[0]).append('>');
    }
    return b.toString();
  }

  private static String reopening(Deque<String[]> open) {
    StringBuilder b = new StringBuilder();
    for (Iterator<String[]> it = open.descendingIterator(); it.hasNext(); ) {
      b.append(it.next()[1]);
    }
    return b.toString();
  }
}
