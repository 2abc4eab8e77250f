package dev.sendersbot.smsc;

import java.util.regex.Pattern;

/**
 * Checks a sender name before any request, so that a typo costs no provider call (and no rate
 * budget). The provider has the last word; these rules only catch what it would reject anyway.
 */
public final class SenderNames {
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9._-]{1,11}");

  /**
   * A phone number in international format: country code and number, 7 to 15 digits (the shortest
   * numbering plans have 4-digit numbers after a 3-digit code; E.164 allows 15).
   */
  private static final Pattern DIGITAL = Pattern.compile("\\+?[0-9]{7,15}");

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");

  private SenderNames() {}

  /**
   * A name that is a phone number (7 to 15 digits, an optional leading '+') is a digital name,
   * confirmed by a code; fewer digits make an ordinary alphanumeric name.
   */
  public static boolean isDigital(String name) {
    return name != null && DIGITAL.matcher(name.strip()).matches();
  }

  /**
   * Returns the name as the provider expects it (a digital name without its '+').
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  public static String check(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException(
          InvalidValueException.Problem.NAME_EMPTY, null, null, "sender name is empty");
    }
    String name = raw.strip();
    if (name.matches("\\+?[0-9]+")) {
      String digits = name.startsWith("+") ? name.substring(1) : name;
      if (digits.length() > 15) {
        throw new InvalidValueException(
            InvalidValueException.Problem.DIGITAL_NAME_TOO_LONG,
            name,
            Integer.toString(digits.length()),
            "digital sender name '"
                + name
                + "' has "
                + digits.length()
                + " digits; a phone number has at most 15");
      }
      return digits;
    }
    if (name.length() > 11) {
      throw new InvalidValueException(
          InvalidValueException.Problem.NAME_TOO_LONG,
          name,
          Integer.toString(name.codePointCount(0, name.length())),
          "sender name '"
              + name
              + "' has "
              + name.codePointCount(0, name.length())
              + " characters; at most 11 are allowed");
    }
    if (!ALPHANUMERIC.matcher(name).matches()) {
      int bad =
          name.codePoints()
              .filter(
                  c ->
                      !(c < 128
                          && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')))
              .findFirst()
              .orElse('?');
      throw new InvalidValueException(
          InvalidValueException.Problem.NAME_BAD_CHARACTER,
          name,
          new String(Character.toChars(bad)),
          "sender name '"
              + name
              + "' contains '"
              + new String(Character.toChars(bad))
              + "'; use English letters, digits, '.', '-' and '_'");
    }
    return name;
  }

  /**
   * A name that already exists, as change, delete and a card address it: as {@link #check}, or an
   * e-mail sender ({@code mail=1}), which the provider lists among the names. Refusing those would
   * leave a listed name that the bot can show but never reach.
   */
  public static String checkExisting(String raw) {
    if (raw != null && raw.indexOf('@') > 0) {
      return checkEmail(raw);
    }
    return check(raw);
  }

  /** A digital name (phone number) for send_code and check_code. */
  public static String checkPhone(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException(
          InvalidValueException.Problem.PHONE_EMPTY, null, null, "phone number is empty");
    }
    String p = raw.strip().replaceAll("[\\s()-]", "");
    if (!DIGITAL.matcher(p).matches()) {
      throw new InvalidValueException(
          InvalidValueException.Problem.PHONE_FORMAT,
          raw.strip(),
          null,
          "phone number '"
              + raw.strip()
              + "' must be digits in international format, e.g. 79991234567");
    }
    // 8 and ten digits is how a Russian number is dialled at home: as a country code, 89 has not
    // been given to any country, so the code would go nowhere.
    if (p.length() == 11 && p.startsWith("89")) {
      throw new InvalidValueException(
          InvalidValueException.Problem.PHONE_TRUNK_PREFIX,
          raw.strip(),
          "7" + p.substring(1),
          "phone number '"
              + raw.strip()
              + "' starts with the trunk prefix 8; in international format it is 7"
              + p.substring(1));
    }
    return p.startsWith("+") ? p.substring(1) : p;
  }

  /** An e-mail sender ({@code mail=1}). */
  public static String checkEmail(String raw) {
    if (raw == null || !EMAIL.matcher(raw.strip()).matches()) {
      throw new InvalidValueException(
          InvalidValueException.Problem.EMAIL_FORMAT,
          raw,
          null,
          "e-mail sender '" + raw + "' is not an e-mail address");
    }
    return raw.strip();
  }

  /** A confirmation code: digits only. */
  public static String checkCode(String raw) {
    if (raw == null || !raw.strip().matches("[0-9]{3,10}")) {
      throw new InvalidValueException(
          InvalidValueException.Problem.CODE_FORMAT,
          raw,
          null,
          "confirmation code must be 3-10 digits");
    }
    return raw.strip();
  }
}
