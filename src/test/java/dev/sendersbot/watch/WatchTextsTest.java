package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.Outbox.Pending;
import dev.sendersbot.watch.PollHealth.Failure;
import dev.sendersbot.watch.PollHealth.Trouble;
import dev.sendersbot.watch.WatchStore.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The watcher's texts in Russian, in the chat's zone (Moscow), with the plurals right: live cards,
 * digests of 1, 2 and 5 names, a mute's summary, the owners' alert, the morning summary; and the
 * pseudo-locale run over the same texts, which finds any word built in code.
 */
class WatchTextsTest {
  static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  static final Instant AT = Instant.parse("2026-12-06T03:46:00Z"); // 06:46 in Moscow
  static final Texts RU = Texts.of(Lang.RU, MOSCOW);
  static final Texts PSEUDO = new Texts(Messages.pseudo(), Lang.EN, ZoneId.of("UTC"));

  private static String visible(String html) {
    return Html.visibleText(html);
  }

  private static String card(Texts t) {
    String move = CardTexts.move(t, AT, Change.operator("ALPHA", "mts_step", 1, 2).html(t));
    return CardTexts.card(
        t, "ALPHA", new NameState(1, 1, Map.of("mts_step", 2, "mega_step", 3)), List.of(move));
  }

  @Test
  void aCardInRussianWithItsMoveInTheChatsZone() {
    String card = visible(card(RU));
    assertTrue(card.startsWith("🪪 ALPHA\nМодерация: "), card);
    assertTrue(card.contains("\nМТС: допущено оператором"), card);
    assertTrue(card.contains("\nПоследние изменения:\n6 дек. 06:46 МСК "), card);
    assertTrue(card.contains("ALPHA · МТС: "), card);
    assertTrue(
        visible(CardTexts.movedOn(RU, "x"))
            .endsWith("Продолжение этой карточки — в новом сообщении ниже."));
  }

  @Test
  void theMuteButtonsInRussian() {
    assertEquals("🔕 1 ч", CardTexts.muteHour(RU));
    assertEquals("🔕 1 день", CardTexts.muteDay(RU));
    assertEquals("🔕 это имя", CardTexts.muteName(RU, 1));
    assertEquals("🔕 эти имена", CardTexts.muteName(RU, 2));
  }

  private static List<Pending> changes(int names, boolean actionable) {
    List<Pending> rows = new ArrayList<>();
    for (int i = 0; i < names; i++) {
      String name = "NAME" + i;
      Change c = Change.operator(name, "mts_step", 1, actionable ? 3 : 2);
      rows.add(
          new Pending(
              i + 1,
              5001,
              null,
              Kind.CHANGE,
              c.html(RU),
              actionable,
              actionable ? List.of(name) : List.of(),
              0,
              AT,
              name));
    }
    return rows;
  }

  private static String digestHead(int names, boolean actionable) {
    List<Outgoing> out = Digests.messages(changes(names, actionable), chat -> RU);
    assertEquals(1, out.size(), "one message");
    assertEquals(null, out.get(0).card, "a digest, not a card");
    return visible(out.get(0).parts.get(0)).lines().findFirst().orElseThrow();
  }

  @Test
  void digestsCountTheirNamesWithRussianPlurals() {
    assertEquals("Изменения статусов: 2 имени", digestHead(2, false));
    assertEquals("Изменения статусов: 5 имён", digestHead(5, false));
    assertEquals("Изменения статусов: 21 имя", digestHead(21, false));
    assertEquals("🔔 2 имени отправителей требуют внимания", digestHead(2, true));
    assertEquals("🔔 5 имён отправителей требуют внимания", digestHead(5, true));
    assertEquals(
        "Изменения статусов: 1 имя",
        visible(dev.sendersbot.watch.Texts.digestHeader(RU, false, false, 1)),
        "one name's head (a single name's changes go as its card)");
    assertEquals(
        "🔔 1 имя отправителя требует внимания",
        visible(dev.sendersbot.watch.Texts.digestHeader(RU, true, false, 1)));
  }

  @Test
  void aMuteSummaryInRussian() {
    String s =
        visible(
            CardTexts.muteEnded(
                RU,
                "ALPHA",
                List.of(
                    Change.operator("ALPHA", "mts_step", 1, 3).html(RU),
                    Change.operator("ALPHA", "mega_step", 1, 2).html(RU)),
                Duration.ofMinutes(65)));
    assertTrue(
        s.startsWith(
            "🔔 Заглушение закончилось для ALPHA через 1 ч 5 мин. За это время 2 изменения:\n"),
        s);
    assertTrue(s.contains("ALPHA · МТС: "), s);
    String every =
        visible(CardTexts.muteEnded(RU, "", List.of("a", "b", "c", "d", "e"), Duration.ofHours(2)));
    assertTrue(
        every.startsWith(
            "🔔 Заглушение закончилось для уведомлений этого чата через 2 ч."
                + " За это время 5 изменений:"),
        every);
  }

  private static String ownerAlert(Texts t, Failure f, int failuresBefore) {
    PollHealth health = new PollHealth(Set.of(111L), chat -> t);
    List<NewMessage> out = new ArrayList<>();
    health.next(
        new State(9, AT, AT.minus(Duration.ofMinutes(3)), failuresBefore, null, null),
        List.of(f),
        false,
        AT,
        out);
    assertEquals(1, out.size(), "the owner is alerted");
    return visible(out.get(0).html());
  }

  @Test
  void theOwnersAlertInRussianInTheirZone() {
    String credentials =
        ownerAlert(
            RU,
            new Failure(
                Trouble.CREDENTIALS, "", "wrong login", false, SmscErrorCode.CREDENTIALS.code()),
            0);
    assertTrue(credentials.startsWith("⚠️ Наблюдатель не может проверить имена отправителей\n"));
    assertTrue(credentials.contains("\nОшибка SMSC 2: неверный логин или пароль"), credentials);
    assertTrue(credentials.contains("Последняя успешная проверка: 06:43 МСК."), credentials);

    String errors = ownerAlert(RU, new Failure(Trouble.ERROR, "team-a", "connection refused"), 2);
    assertTrue(
        errors.contains("субклиент team-a: connection refused (3 проверки подряд не удались)"),
        errors);
  }

  @Test
  void theMorningSummaryInRussian() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("допущено оператором", 2);
    String s = visible(CardTexts.daily(RU, LocalDate.of(2026, 12, 6), counts, List.of("ALPHA"), 5));
    assertTrue(s.startsWith("☀️ Сводка за 6 дек. 2026 г.\n5 изменений за последние 24 ч."), s);
    assertTrue(s.contains("\n2 × допущено оператором"), s);
    assertTrue(s.endsWith("🔴 Требуют действий: ALPHA"), s);
    String one = visible(CardTexts.daily(RU, LocalDate.of(2026, 12, 6), Map.of(), List.of(), 1));
    assertTrue(one.contains("1 изменение за последние 24 ч."), one);
    assertTrue(one.endsWith("Ни одно имя не требует действий."), one);
  }

  // ---- the pseudo-locale: every bundle letter marked, so a plain word left was built in code

  private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

  /** The plain words left once the data (names, scope, the provider's own words) is taken out. */
  private static List<String> plainWords(String html, String... data) {
    String text = visible(html);
    for (String d : data) {
      text = text.replace(d, " ");
    }
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  @Test
  void noWordOfTheWatchersTextsIsBuiltInCode() {
    Texts t = PSEUDO;
    Map<String, String> rendered = new LinkedHashMap<>();
    rendered.put("card", card(t));
    rendered.put("moved on", CardTexts.movedOn(t, card(t)));
    rendered.put(
        "mute buttons", CardTexts.muteHour(t) + CardTexts.muteDay(t) + CardTexts.muteName(t, 2));
    rendered.put("mute summary", CardTexts.muteEnded(t, "", List.of("x"), Duration.ofMinutes(3)));
    rendered.put(
        "daily",
        CardTexts.daily(t, LocalDate.of(2026, 12, 6), Map.of("w", 1), List.of("ALPHA"), 2)
            + CardTexts.daily(t, LocalDate.of(2026, 12, 6), Map.of(), List.of(), 0));
    rendered.put(
        "digest heads",
        dev.sendersbot.watch.Texts.digestHeader(t, true, true, 3)
            + dev.sendersbot.watch.Texts.digestHeader(t, false, false, 1));
    rendered.put(
        "alert",
        ownerAlert(t, new Failure(Trouble.ERROR, "team", "refused"), 2)
            + ownerAlert(t, new Failure(Trouble.IP_BLOCKED, "", "x", true, 4), 0));
    rendered.put("recovered", dev.sendersbot.watch.Texts.recovered(t, AT, AT.plusSeconds(600)));
    rendered.put(
        "away",
        dev.sendersbot.watch.Texts.summary(
            t, List.of(Change.added("ALPHA", 1)), AT, AT.plusSeconds(600)));
    Stream.of(rendered.entrySet().toArray(Map.Entry[]::new))
        .forEach(
            e -> {
              List<String> left = plainWords((String) e.getValue(), "ALPHA", "team", "refused");
              assertTrue(
                  left.isEmpty(),
                  e.getKey() + " has words built in code: " + left + " in " + e.getValue());
            });
  }
}
