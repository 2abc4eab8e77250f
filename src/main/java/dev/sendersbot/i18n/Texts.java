package dev.sendersbot.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.TimeZone;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Everything one reader is told, in their language and time zone: the texts of the bundles, and
 * times, durations and counts as words. Immutable; cheap to make per update.
 *
 * <p>Arguments: a {@link String} is data (a name, an id, a phone) and is HTML-escaped; a {@link
 * Markup} is HTML already rendered and goes in as it is; a number goes to ICU, which picks the
 * plural form and writes it the reader's way. Ids are passed as strings, so that no digit grouping
 * splits them.
 */
public final class Texts {
  private final Messages messages;
  private final Lang lang;
  private final ZoneId zone;

  public Texts(Messages messages, Lang lang, ZoneId zone) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.lang = Objects.requireNonNull(lang, "lang");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The shipped bundles. */
  public static Texts of(Lang lang, ZoneId zone) {
    return new Texts(Messages.standard(), lang, zone);
  }

  public Lang lang() {
    return lang;
  }

  public ZoneId zone() {
    return zone;
  }

  public Messages messages() {
    return messages;
  }

  /** The same reader in another language. */
  public Texts in(Lang other) {
    return new Texts(messages, other, zone);
  }

  /** The same reader in another zone. */
  public Texts at(ZoneId other) {
    return new Texts(messages, lang, other);
  }

  /** The text of {@code key} with its arguments, as Telegram HTML. */
  public String t(String key, Object... args) {
    String pattern = messages.pattern(lang, key);
    Object[] values = args.clone();
    List<String> held = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Markup m) {
        values[i] = hold(held, m.html());
      } else if (v instanceof CharSequence s) {
        values[i] = hold(held, Pseudo.escape(s.toString()));
      } else if (v instanceof Enum<?> e) {
        throw new IllegalArgumentException(
            "an enum is no text: pass words for " + e + " (key " + key + ")");
      }
    }
    String out = new MessageFormat(pattern, lang.locale()).format(values);
    if (messages.isPseudo()) {
      out = Pseudo.mark(out);
    }
    return Pseudo.release(out, held);
  }

  /** {@link #t} as an argument for another text. */
  public Markup m(String key, Object... args) {
    return new Markup(t(key, args));
  }

  /** Whether the bundle has {@code key} (for optional texts such as a zone's abbreviation). */
  public boolean has(String key) {
    return messages.has(lang, key);
  }

  // ---- times

  /** "06:46 МСК" on the reader's today, "6 дек. 06:46 МСК" on another day. */
  public String time(Instant t, Instant now) {
    boolean sameDay = t.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    return sameDay ? clock(t) : dateTime(t);
  }

  /** "06:46 МСК". */
  public String clock(Instant t) {
    return t("time.clock", format(t("fmt.clock"), t), zoneName(t));
  }

  /** "6 дек. 06:46 МСК", whatever the day. */
  public String dateTime(Instant t) {
    return t("time.clock", format(t("fmt.dateTime"), t), zoneName(t));
  }

  /** "6 дек. 2026": a day, without the zone. */
  public String date(Instant t) {
    return format(t("fmt.date"), t);
  }

  /** The zone as the reader knows it: "МСК" for Moscow in Russian, else ICU's short name. */
  public String zoneName(Instant at) {
    String key = "zone." + zone.getId();
    if (has(key)) {
      return t(key);
    }
    return localized(format("z", at));
  }

  /** "40 с", "3 мин", "2 ч 5 мин", "3 дн. 4 ч". */
  public String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return t("dur.s", s);
    }
    long m = s / 60;
    if (m < 60) {
      return t("dur.min", m);
    }
    long h = m / 60;
    if (h < 48) {
      return m % 60 == 0 ? t("dur.h", h) : t("dur.hMin", h, m % 60);
    }
    return h % 24 == 0 ? t("dur.d", h / 24) : t("dur.dH", h / 24, h % 24);
  }

  /** "через 7 ч 59 мин". */
  public String after(Duration d) {
    return t("rel.in", new Markup(duration(d)));
  }

  /** "в 06:46 МСК (через 7 ч 59 мин)", or "сейчас" when already past. */
  public String when(Instant t, Instant now) {
    if (!t.isAfter(now)) {
      return t("rel.now");
    }
    return t("rel.when", new Markup(time(t, now)), new Markup(after(Duration.between(now, t))));
  }

  /** "12 с назад", or "никогда". */
  public String ago(Instant t, Instant now) {
    if (t == null) {
      return t("rel.never");
    }
    return t("rel.ago", new Markup(duration(Duration.between(t, now))));
  }

  private String format(String pattern, Instant t) {
    SimpleDateFormat f = new SimpleDateFormat(pattern, lang.locale());
    f.setTimeZone(TimeZone.getTimeZone(zone.getId()));
    return localized(f.format(Date.from(t)));
  }

  /** Words ICU wrote (month and zone names): marked in the pseudo form like the bundles' own. */
  private String localized(String s) {
    return messages.isPseudo() ? Pseudo.mark(s) : s;
  }

  private static String hold(List<String> held, String html) {
    held.add(html);
    return Pseudo.placeholder(held.size() - 1);
  }
}
