package dev.sendersbot.i18n;

import java.util.List;

/**
 * The pseudo-locale's marking, and the escaping of arguments. Arguments are held out of the pattern
 * while ICU formats it (as private-use placeholders), so that marking touches only the words the
 * bundle supplied.
 */
final class Pseudo {
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';
  private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String MARKED = "áƀçđéƒĝĥíĵķĺɱñóƥʠŕšťúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŤÚṼŴẊÝŽ";

  private Pseudo() {}

  static String placeholder(int i) {
    return OPEN + Integer.toString(i) + CLOSE;
  }

  /** Puts the held arguments back in place of their placeholders. */
  static String release(String s, List<String> held) {
    if (held.isEmpty() || s.indexOf(OPEN) < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 64);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int end = c == OPEN ? s.indexOf(CLOSE, i) : -1;
      if (end > 0) {
        b.append(held.get(Integer.parseInt(s.substring(i + 1, end))));
        i = end + 1;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /** Every ASCII letter outside tags and entities replaced by its accented look-alike. */
  static String mark(String html) {
    StringBuilder b = new StringBuilder(html.length());
    boolean inTag = false;
    boolean inEntity = false;
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == '<') {
        inTag = true;
      } else if (c == '>') {
        inTag = false;
      } else if (c == '&' && !inTag) {
        inEntity = true;
      } else if (c == ';') {
        inEntity = false;
      }
      int k = PLAIN.indexOf(c);
      b.append(inTag || inEntity || k < 0 ? c : MARKED.charAt(k));
    }
    return b.toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
