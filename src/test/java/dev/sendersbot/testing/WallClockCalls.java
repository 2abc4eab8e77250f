package dev.sendersbot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in Java source, the calls that read the machine's clock: the JDK's ({@code Instant.now()},
 * {@code Clock.systemUTC()}, ...) and this project's defaults that fall back to it when no clock is
 * given. Comments and string literals are skipped, so a call is only found where it runs.
 */
final class WallClockCalls {
  /** One call, at a line (1-based) of a file. */
  record Finding(String file, int line, String call, String what) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + call + " (" + what + ")";
    }
  }

  private record Rule(Pattern pattern, String what) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Pattern.compile("\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\("),
              "the system clock"),
          new Rule(
              Pattern.compile(
                  "\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime"
                      + "|OffsetTime|Year|YearMonth|MonthDay)\\s*\\.\\s*now\\s*\\(\\s*\\)"),
              "now() without a clock reads the system clock"),
          new Rule(
              Pattern.compile("\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("), "the system clock"),
          new Rule(Pattern.compile("\\bSystemTime\\s*\\.\\s*clock\\s*\\("), "the system clock"),
          new Rule(
              Pattern.compile("\\bnew\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)"), "the system clock"),
          new Rule(
              Pattern.compile(
                  "\\bCalendar\\s*\\.\\s*getInstance\\s*\\(|\\bnew\\s+GregorianCalendar\\s*\\(\\s*\\)"),
              "the system clock"),
          new Rule(
              Pattern.compile(
                  "\\bSandboxOptions\\s*\\.\\s*defaults\\s*\\(\\s*\\)(?!\\s*\\.\\s*withClock\\s*\\()"),
              "a sandbox on the system clock: add .withClock(...)"),
          new Rule(
              Pattern.compile("\\bCachingGateway\\s*\\.\\s*create\\s*\\("),
              "a gateway on the system clock: use builder(...).clock(...)"));

  /**
   * {@code new TelegramMessenger(config, http)}: its send limiter then runs on the system clock.
   */
  private static final Pattern MESSENGER = Pattern.compile("\\bnew\\s+TelegramMessenger\\s*\\(");

  private WallClockCalls() {}

  static List<Finding> in(String file, String source) {
    String code = codeOnly(source);
    List<Finding> found = new ArrayList<>();
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(code);
      while (m.find()) {
        found.add(new Finding(file, lineOf(code, m.start()), m.group().strip(), r.what()));
      }
    }
    Matcher m = MESSENGER.matcher(code);
    while (m.find()) {
      if (arguments(code, m.end()) == 2) {
        found.add(
            new Finding(
                file,
                lineOf(code, m.start()),
                "new TelegramMessenger(config, http)",
                "a send limiter on the system clock: pass a clock and a sleeper"));
      }
    }
    found.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return found;
  }

  /** The number of arguments of the call whose parenthesis opened just before {@code from}. */
  private static int arguments(String code, int from) {
    int depth = 1;
    int commas = 0;
    boolean any = false;
    for (int i = from; i < code.length() && depth > 0; i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 1) {
        commas++;
      }
      if (depth > 0 && !Character.isWhitespace(c)) {
        any = true;
      }
    }
    return any ? commas + 1 : 0;
  }

  private static int lineOf(String code, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The source with comments, strings, text blocks and char literals blanked out (line breaks kept,
   * so offsets still give the right line).
   */
  static String codeOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      String end;
      if (s.startsWith("//", i)) {
        end = "\n";
      } else if (s.startsWith("/*", i)) {
        end = "*/";
      } else if (s.startsWith("\"\"\"", i)) {
        end = "\"\"\"";
      } else if (c == '"') {
        end = "\"";
      } else if (c == '\'') {
        end = "'";
      } else {
        b.append(c);
        i++;
        continue;
      }
      int open = end.equals("\n") ? 2 : end.equals("*/") ? 2 : end.length();
      int j = i + open;
      while (j < s.length() && !s.startsWith(end, j)) {
        // A backslash escapes the next character in strings and chars (and text blocks).
        j += s.charAt(j) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
      }
      int stop = Math.min(s.length(), j + (end.equals("\n") ? 0 : end.length()));
      for (int k = i; k < stop; k++) {
        b.append(s.charAt(k) == '\n' ? '\n' : ' ');
      }
      i = stop;
    }
    return b.toString();
  }
}
