package dev.sendersbot.chat;

import dev.sendersbot.smsc.SenderNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code /mute [NAME…] [DURATION]}: names, then a duration ({@code 30m}, {@code
 * 2h}, {@code 1d}, {@code 1w}, or in Russian units {@code 30м}, {@code 2ч}, {@code 1д}, {@code
 * 1нед}) or {@code until HH:MM} ({@code до HH:MM}) in the chat's time zone (the next such time).
 * Without a duration the mute lasts until {@code /unmute}.
 *
 * @param names the names; empty for every name
 * @param until when the mute ends; null for until unmuted
 */
record MuteTerms(Set<String> names, Instant until) {
  /** A span in English or Russian units: 30m, 2h, 2hours, 1d, 1w; 30м, 2ч, 3часа, 1д, 1нед. */
  private static final Pattern SPAN =
      Pattern.compile(
          "(-?[0-9]+)(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
              + "|м|мин|минут[аы]?|минуту|ч|час|часа|часов|д|дн|день|дня|дней"
              + "|нед|недел[ьяиюь]|недель)",
          Pattern.UNICODE_CASE);

  /**
   * A number, bare or in a unit a mute does not take (seconds, months, years): refused, where it
   * was taken for a sender name and muted a name nobody has. Seven digits or more may be a phone
   * number.
   */
  private static final Pattern NO_SPAN =
      Pattern.compile(
          "-?[0-9]{1,6}(s|secs?|seconds?|с|сек|секунд[аы]?|mo|mons?|months?|мес|месяц[аев]*"
              + "|y|yrs?|years?|г|год|года|лет)?",
          Pattern.UNICODE_CASE);

  private static final Duration LONGEST = Duration.ofDays(365);

  static MuteTerms parse(List<String> args, Instant now, ZoneId zone) {
    List<String> rest = new ArrayList<>(args);
    Instant until = null;
    int n = rest.size();
    if (n >= 2
        && (rest.get(n - 2).equalsIgnoreCase("until")
            || rest.get(n - 2).toLowerCase(Locale.ROOT).equals("до"))) {
      until = nextTime(rest.get(n - 1), now, zone);
      rest = rest.subList(0, n - 2);
    } else if (n >= 1) {
      String last = rest.get(n - 1);
      if (n >= 2 && rest.get(n - 2).matches("-?[0-9]+") && last.matches("\\p{L}+")) {
        // "2 h", "1 час": a number and its unit apart, as phones often type them.
        String joined = (rest.get(n - 2) + last).toLowerCase(Locale.ROOT);
        if (SPAN.matcher(joined).matches() || NO_SPAN.matcher(joined).matches()) {
          last = rest.get(n - 2) + " " + last;
          rest = new ArrayList<>(rest.subList(0, n - 2));
          rest.add(last);
          n = rest.size();
        }
      }
      Matcher m = SPAN.matcher(last.replace(" ", "").toLowerCase(Locale.ROOT));
      if (m.matches()) {
        until = now.plus(span(m.group(1), m.group(2), last));
        rest = rest.subList(0, n - 1);
      } else if (NO_SPAN.matcher(last.replace(" ", "").toLowerCase(Locale.ROOT)).matches()) {
        throw new BadInput("bad.muteUnit", last);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (String a : rest) {
      for (String name : a.split(",")) {
        if (!name.isBlank()) {
          names.add(SenderNames.check(name).toUpperCase(Locale.ROOT));
        }
      }
    }
    return new MuteTerms(names, until);
  }

  /** {@code 1h}, {@code 1d} or {@code forever}, as the mute buttons carry them. */
  static Instant button(String span, Instant now) {
    return switch (span) {
      case "1h" -> now.plus(Duration.ofHours(1));
      case "1d" -> now.plus(Duration.ofDays(1));
      case "forever" -> null;
      default -> throw new IllegalArgumentException("unknown mute span: " + span);
    };
  }

  /**
   * A span from a minute to {@link #LONGEST}; one out of range (negative, zero, or too many digits
   * to read) is refused, not taken for a name.
   */
  private static Duration span(String digits, String unit, String typed) {
    if (digits.startsWith("-") || digits.length() > 6) {
      throw new BadInput("bad.muteSpan", typed);
    }
    long n = Long.parseLong(digits);
    Duration d =
        switch (unit.charAt(0)) {
          case 'm', 'м' -> Duration.ofMinutes(n);
          case 'h', 'ч' -> Duration.ofHours(n);
          case 'w', 'н' -> Duration.ofDays(7 * n);
          default -> Duration.ofDays(n);
        };
    if (d.isZero() || d.compareTo(LONGEST) > 0) {
      throw new BadInput("bad.muteSpan", typed);
    }
    return d;
  }

  private static Instant nextTime(String hhmm, Instant now, ZoneId zone) {
    LocalTime t = time(hhmm);
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime at = local.with(t);
    if (!at.isAfter(local)) {
      at = at.plusDays(1);
    }
    return at.toInstant();
  }

  /** A time of day as {@code HH:MM}. */
  static LocalTime time(String hhmm) {
    try {
      return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
    } catch (DateTimeParseException e) {
      BadInput bad = new BadInput("bad.timeOfDay", hhmm);
      bad.initCause(e);
      throw bad;
    }
  }
}
