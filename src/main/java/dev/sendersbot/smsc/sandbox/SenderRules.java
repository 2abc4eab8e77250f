package dev.sendersbot.smsc.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * What the provider accepts as a sender name, a phone number, a count and a date, each refused with
 * the error code the reference gives (1 for a parameter, 7 for a number).
 */
final class SenderRules {
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9._-]{1,11}");
  private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
  private static final DateTimeFormatter FROM_DATE =
      DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

  private SenderRules() {}

  /** Checks an added name: alphanumeric, digital (a '+' dropped) or, with mail=1, an e-mail. */
  static String checkName(String raw, boolean mail) throws ApiError {
    if (mail) {
      if (!EMAIL.matcher(raw).matches()) {
        throw new ApiError(1, "mail=1 with a sender that is not an e-mail address: '" + raw + "'");
      }
      return raw;
    }
    if (DIGITS.matcher(raw).matches()) {
      String digits = raw.startsWith("+") ? raw.substring(1) : raw;
      if (digits.length() > 15) {
        throw new ApiError(1, "digital sender '" + raw + "' has more than 15 digits");
      }
      return digits;
    }
    if (!ALPHANUMERIC.matcher(raw).matches()) {
      throw new ApiError(
          1, "sender '" + raw + "' is not 1-11 English letters, digits, '.', '-' or '_'");
    }
    return raw;
  }

  /**
   * A name as it is stored: a digital name without its '+', so "+7999..." finds "7999...". Unlike
   * {@link #checkName} it refuses nothing (looking up a name that cannot exist finds none).
   */
  static String normalise(String sender) {
    return DIGITS.matcher(sender).matches() && sender.startsWith("+")
        ? sender.substring(1)
        : sender;
  }

  /** Digits in international format, 10 to 15 of them; spaces, dashes, brackets and '+' dropped. */
  static String checkPhone(String raw) throws ApiError {
    String p = raw.replaceAll("[\\s()-]", "");
    if (p.startsWith("+")) {
      p = p.substring(1);
    }
    if (!p.matches("[0-9]{10,15}")) {
      throw new ApiError(7, "'" + raw + "' is not a phone number of 10-15 digits");
    }
    return p;
  }

  static long positive(String field, String raw) throws ApiError {
    try {
      long v = Long.parseLong(raw);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(1, field + " must be a positive number: '" + raw + "'");
  }

  /** {@code from_date}: DD.MM.YYYY, a real day (31.02 is refused, not moved on). */
  static LocalDate fromDate(String raw) throws ApiError {
    try {
      return LocalDate.parse(raw, FROM_DATE);
    } catch (DateTimeParseException e) {
      throw new ApiError(1, "from_date must be DD.MM.YYYY: '" + raw + "'");
    }
  }
}
