package dev.sendersbot.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a reply must write a moment, for tests to compute from their own clock: the time alone when
 * it falls on the reader's UTC day, with the date on any other day, so that "at 07:59" said before
 * midnight never means the wrong morning.
 */
final class Times {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /** "07:59 UTC" on the day of {@code now}, "1 Jan 07:59 UTC" on another. */
  static String time(Instant t, Instant now) {
    boolean today =
        t.atZone(ZoneOffset.UTC).toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate());
    return (today ? TIME : DAY_AND_TIME).format(t);
  }

  /** "at 1 Jan 07:59 UTC (in 7 h 59 min)" for a moment still ahead. */
  static String when(Instant t, Instant now) {
    if (!t.isAfter(now)) {
      throw new IllegalArgumentException("not ahead of " + now + ": " + t);
    }
    return "at " + time(t, now) + " (in " + duration(Duration.between(now, t)) + ")";
  }

  /** "40 s", "1 min", "7 h 59 min", "8 h" (whole units, rounded down; up to two days). */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    if (m >= 48 * 60) {
      throw new IllegalArgumentException("the tests need no durations of days: " + d);
    }
    return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
  }
}
