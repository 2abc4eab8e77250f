package dev.sendersbot.smsc;

/**
 * Whole numbers written as text, as the provider writes ids and codes in the {@code operators=1}
 * form: {@code "12"}, {@code " 12 "}, {@code "+12"}, {@code "-3"}, {@code "12."}, {@code "12.00"}.
 * At most 18 digits, so every value fits a {@code long}. Read straight from the parser's character
 * buffer: a list of 15,000 names holds some 200,000 such values, and a regular expression per value
 * was most of the time a list took.
 */
final class WholeNumbers {

  /** Not a whole number of this form; no value of the form can be it (18 digits at most). */
  static final long NONE = Long.MIN_VALUE;

  private static final int MAX_DIGITS = 18;

  private WholeNumbers() {}

  static long parse(String s) {
    return s == null ? NONE : parse(s.toCharArray(), 0, s.length());
  }

  /**
   * The value of {@code chars[offset, offset + length)}: surrounding white space (as {@link
   * String#strip}) aside, an optional sign, 1 to 18 ASCII digits and optionally a point followed by
   * zeros only; {@link #NONE} for anything else.
   */
  static long parse(char[] chars, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end && Character.isWhitespace(chars[i])) {
      i++;
    }
    while (end > i && Character.isWhitespace(chars[end - 1])) {
      end--;
    }
    if (i == end) {
      return NONE;
    }
    boolean negative = false;
    if (chars[i] == '+' || chars[i] == '-') {
      negative = chars[i] == '-';
      i++;
    }
    int first = i;
    long value = 0;
    while (i < end && i - first < MAX_DIGITS && chars[i] >= '0' && chars[i] <= '9') {
      value = value * 10 + (chars[i] - '0');
      i++;
    }
    if (i == first || (i < end && chars[i] >= '0' && chars[i] <= '9')) {
      return NONE; // no digit, or more than 18
    }
    if (i < end) {
      if (chars[i] != '.') {
        return NONE;
      }
      i++;
      while (i < end && chars[i] == '0') {
        i++;
      }
      if (i != end) {
        return NONE;
      }
    }
    return negative ? -value : value;
  }

  /** Whether {@code chars[offset, offset + length)} is empty or white space only. */
  static boolean blank(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }
}
