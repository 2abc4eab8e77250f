package dev.sendersbot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code /command@Bot arg "quoted arg" «another»}.
 *
 * @param name the command, lower-case, without '/'
 * @param addressee the bot named after '@'; null when none
 * @param args the arguments: split on white space, quotes ("…", «…», “…”) keep spaces inside
 */
record CommandLine(String name, String addressee, List<String> args) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

  CommandLine {
    args = List.copyOf(args);
  }

  /** Empty when the text is not a command (it does not start with '/' and a valid name). */
  static Optional<CommandLine> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (!t.startsWith("/")) {
      return Optional.empty();
    }
    int end = 1;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    String head = t.substring(1, end);
    String addressee = null;
    int at = head.indexOf('@');
    if (at >= 0) {
      addressee = head.substring(at + 1);
      head = head.substring(0, at);
    }
    String name = head.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(new CommandLine(name, addressee, tokenize(t.substring(end))));
  }

  /** Whether the command is for the bot with this username (no '@' means every bot). */
  boolean isFor(String botUsername) {
    return addressee == null || addressee.equalsIgnoreCase(stripAt(botUsername));
  }

  /** The arguments from {@code from} on, joined by single spaces. */
  String rest(int from) {
    return from >= args.size() ? "" : String.join(" ", args.subList(from, args.size()));
  }

  static String stripAt(String s) {
    return s == null ? "" : s.startsWith("@") ? s.substring(1) : s;
  }

  static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      String closers = closersFor(c);
      if (closers != null) {
        int j = i + 1;
        while (j < n && closers.indexOf(s.charAt(j)) < 0) {
          j++;
        }
        out.add(s.substring(i + 1, j)); // an unclosed quote runs to the end
        i = Math.min(n, j + 1);
        continue;
      }
      int j = i;
      while (j < n && !Character.isWhitespace(s.charAt(j))) {
        j++;
      }
      out.add(s.substring(i, j));
      i = j;
    }
    return out;
  }

  /** Phones turn " into “ ” or „ “, so every common pair opens a quoted argument. */
  private static String closersFor(char open) {
    return switch (open) {
      case '"' -> "\"";
      case '«' -> "»";
      case '“' -> "”“";
      case '„' -> "“”";
      default -> null;
    };
  }
}
