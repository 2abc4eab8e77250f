package dev.sendersbot.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Russian plurals, dates and zones as a Russian reader expects them; English beside them. */
class RussianTextsTest {
  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final Texts RU = Texts.of(Lang.RU, MOSCOW);
  private static final Texts EN = Texts.of(Lang.EN, MOSCOW);

  @Test
  void oneName() {
    assertEquals("1 имя", RU.t("count.names", 1));
  }

  @Test
  void twoNames() {
    assertEquals("2 имени", RU.t("count.names", 2));
  }

  @Test
  void fiveNames() {
    assertEquals("5 имён", RU.t("count.names", 5));
  }

  @Test
  void twentyOneMinutes() {
    assertEquals("21 минута", RU.t("count.minutes", 21));
  }

  @Test
  void twentyTwoMinutes() {
    assertEquals("22 минуты", RU.t("count.minutes", 22));
  }

  @Test
  void twentyFiveMinutes() {
    assertEquals("25 минут", RU.t("count.minutes", 25));
  }

  @Test
  void statusCountsListRequestsInBothLanguages() {
    assertTrue(RU.t("status.budget", 1, 0, 4, 0, 4).contains("1 запрос списка за"));
    assertTrue(RU.t("status.budget", 3, 0, 4, 0, 4).contains("3 запроса списка за"));
    assertTrue(RU.t("status.budget", 5, 0, 4, 0, 4).contains("5 запросов списка за"));
    assertTrue(EN.t("status.budget", 1, 0, 4, 0, 4).contains("1 list request in"));
    assertTrue(EN.t("status.budget", 2, 0, 4, 0, 4).contains("2 list requests in"));
  }

  @Test
  void elevenAndHundredTwelveAreMany() {
    assertEquals("11 имён", RU.t("count.names", 11));
    assertEquals("112 минут", RU.t("count.minutes", 112));
  }

  @Test
  void englishPluralsStayEnglish() {
    assertEquals("1 name", EN.t("count.names", 1));
    assertEquals("21 minutes", EN.t("count.minutes", 21));
  }

  @Test
  void aTimeTodaySaysItsZoneInTheReadersLanguage() {
    Instant t = Instant.parse("2026-12-06T03:46:00Z");
    assertEquals("06:46 МСК", RU.time(t, t.minusSeconds(600)));
    assertEquals("06:46 MSK", EN.time(t, t.minusSeconds(600)));
  }

  @Test
  void aTimeOnAnotherDayCarriesTheDate() {
    Instant t = Instant.parse("2026-12-06T03:46:00Z");
    Instant now = Instant.parse("2026-12-04T10:00:00Z");
    assertEquals("6 дек. 06:46 МСК", RU.time(t, now));
    assertEquals("6 Dec 06:46 MSK", EN.time(t, now));
  }

  @Test
  void theDayIsTheReadersNotUtcs() {
    // 22:30 UTC on the 5th is already the 6th in Moscow, the same day as the reader's now.
    Instant t = Instant.parse("2026-12-05T22:30:00Z");
    Instant now = Instant.parse("2026-12-06T08:00:00Z");
    assertEquals("01:30 МСК", RU.time(t, now));
    assertEquals("5 дек. 22:30 UTC", RU.at(ZoneId.of("UTC")).time(t, now));
  }

  @Test
  void aZoneWithoutItsOwnWordGetsIcusShortName() {
    Instant t = Instant.parse("2026-12-06T03:46:00Z");
    assertEquals("12:46 GMT+9", RU.at(ZoneId.of("Asia/Tokyo")).clock(t));
  }

  @Test
  void aDate() {
    Instant t = Instant.parse("2026-03-08T10:00:00Z");
    assertEquals("8 мар. 2026 г.", RU.date(t).replace('\u00a0', ' '));
    assertEquals("8 Mar 2026", EN.date(t));
  }

  @Test
  void relativeTimesInWords() {
    Duration d = Duration.ofHours(7).plusMinutes(59);
    assertEquals("через 7 ч 59 мин", RU.after(d));
    assertEquals("in 7 h 59 min", EN.after(d));
    Instant now = Instant.parse("2026-12-05T19:47:00Z");
    assertEquals("в 6 дек. 06:46 МСК (через 7 ч 59 мин)", RU.when(now.plus(d), now));
    assertEquals("12 с назад", RU.ago(now.minusSeconds(12), now));
    assertEquals("3 дн. 4 ч", RU.duration(Duration.ofHours(76)));
  }

  @Test
  void dataIsEscapedAndMarkupIsNot() {
    Texts t = Texts.of(Lang.EN, MOSCOW);
    assertEquals("<b>x</b> &lt;i&gt;", t.t("time.clock", new Markup("<b>x</b>"), "<i>"));
  }

  @Test
  void thePseudoFormMarksTheBundlesWordsAndNotTheData() {
    Texts p = new Texts(Messages.pseudo(), Lang.EN, MOSCOW);
    assertEquals("2 ñáɱéš", p.t("count.names", 2));
    assertEquals("<b>Ab</b> Ab", p.t("time.clock", new Markup("<b>Ab</b>"), "Ab"));
    assertEquals("ñóŵ", p.t("rel.now"));
  }

  @Test
  void theAuditCountsItsEntriesTheRussianWay() {
    assertEquals("<b>Журнал</b>: последняя 1 запись", RU.t("audit.head", 1));
    assertEquals("<b>Журнал</b>: последние 3 записи", RU.t("audit.head", 3));
    assertEquals("<b>Журнал</b>: последние 20 записей", RU.t("audit.head", 20));
    assertEquals("<b>Журнал</b>: последняя 21 запись", RU.t("audit.head", 21));
  }

  @Test
  void unknownChatsAreCountedTheRussianWay() {
    assertEquals(
        "Неизвестные чаты за последние 24 ч: 1 ответ в 1 чат.",
        RU.t("audit.unknownChats", 1, 1, 0));
    assertEquals(
        "Неизвестные чаты за последние 24 ч: 3 ответа в 3 чата и ещё в другие (2 из них посчитаны"
            + " вместе).",
        RU.t("audit.unknownChats", 3, 3, 2));
    assertEquals(
        "Неизвестные чаты за последние 24 ч: 25 ответов в 5 чатов.",
        RU.t("audit.unknownChats", 25, 5, 0));
    assertEquals(
        "Unknown chats in the last 24 h: 1 answered, from 1 chat.",
        EN.t("audit.unknownChats", 1, 1, 0));
  }

  @Test
  void aSummaryTimeNamesTheZone() {
    assertEquals(
        "☀️ Сводка каждый день в 09:00 (МСК), даже в день, когда сказать нечего.",
        RU.t("alert.summaryOn", "09:00", "МСК", 1));
    assertEquals(
        "☀️ A summary every day at 09:00 (MSK), skipped on a day with nothing to say.",
        EN.t("alert.summaryOn", "09:00", "MSK", 0));
  }
}
