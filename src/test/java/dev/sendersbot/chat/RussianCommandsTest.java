package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.status.WatcherStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The name commands for a reader whose Telegram is Russian, in a group on Moscow time (the bot's
 * start, 09:00 UTC, is 12:00 МСК there): their words, the provider's own wording of statuses and
 * errors, Russian plurals, and times in the chat's zone. Every reply also passes the recording
 * messenger's check of Telegram HTML and length.
 */
class RussianCommandsTest {
  static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  static final String PHONE = "79990001122";
  static final byte[] PDF = "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension final TestBot bot = new TestBot();
  final UserRef olga = TestBot.user(71, "ru");
  final ChatRef team = bot.groupWith(-500, Role.ADMIN, null);

  {
    bot.settings.zone(team.id(), MOSCOW);
  }

  @AfterEach
  void everyReplyWasValidTelegramHtml() {
    assertEquals(List.of(), bot.out.rejected);
  }

  private String say(String text) {
    bot.say(team, olga, text);
    return bot.out.lastText();
  }

  // ---- /status

  @Test
  void statusInRussianWithPluralsAndRelativeTimes() {
    bot.watcher =
        new WatcherStatus(TestBot.START.minusSeconds(30), TestBot.START.plusSeconds(90), null, 3);
    bot.gateway.seed(null, "SHOP24", 1);
    say("/senders");
    String t = say("/status");
    assertTrue(t.contains("Провайдер") && t.contains("Наблюдатель"), t);
    assertTrue(t.contains("Последний ответ: 12 с назад"), t);
    assertTrue(t.contains("Связь: в порядке"), t);
    assertTrue(t.contains("Кэш: 1 список"), t);
    assertTrue(t.contains("Последний опрос: 30 с назад"), t);
    assertTrue(t.contains("Следующий опрос: через 1 мин"), t);
    assertTrue(t.contains("Уведомлений ждут отправки: 3"), t);
  }

  @Test
  void theWatchersLastFailureInRussian() {
    bot.watcher =
        new WatcherStatus(
            TestBot.START.minusSeconds(90),
            TestBot.START.plusSeconds(30),
            tr -> tr.t("health.scope", "shop<1>", tr.m("status.failure.transport.TIMEOUT")),
            0);
    String t = say("/status");
    assertTrue(
        t.contains("Последний опрос не удался: субклиент shop<1>: провайдер не ответил вовремя"),
        t);
  }

  @Test
  void anIpBlockSaysWhenCallsResumeInTheChatsZone() {
    bot.gateway.setStatus(
        status(List.of(GatewayRefusal.Reason.IP_BLOCKED), TestBot.START.plusSeconds(1800)));
    String t = say("/status");
    assertTrue(
        t.contains(
            "Обращения к провайдеру приостановлены: IP-адрес заблокирован (ошибка 4);"
                + " возобновятся в 12:30 МСК (через 30 мин)"),
        t);
  }

  @Test
  void anOwnerResumesWithARussianButton() {
    bot.gateway.setStatus(status(List.of(GatewayRefusal.Reason.CREDENTIALS), null));
    ChatRef own = TestBot.privateChat(TestBot.OWNER);
    UserRef owner = TestBot.user(TestBot.OWNER, "ru");
    bot.say(own, owner, "/status");
    RecordingMessenger.Sent s = bot.out.last();
    assertTrue(s.text().contains("учётные данные отклонены (ошибка 2)"), s.text());
    bot.press(own, owner, TestBot.button(s, "Возобновить обращения"), s.messageId());
    assertEquals(1, bot.gateway.resumes);
    assertEquals("Возобновлено", bot.out.lastAnswer().toast());
    assertTrue(
        bot.out.lastEdit().text().contains("возобновил(а) @user100"), bot.out.lastEdit().text());
  }

  @Test
  void theLastProviderErrorInRussian() {
    bot.gateway.setStatus(failed(new SmscError("add", 6, "что-то новое")));
    assertTrue(
        say("/status")
            .contains(
                "Последняя ошибка: добавление имени: ошибка провайдера 6, этот код боту неизвестен"
                    + " («что-то новое») (1 мин назад)"),
        bot.out.lastText());
    bot.gateway.setStatus(
        failed(
            new SmscTransportException(
                SmscTransportException.Kind.TIMEOUT, "read timed out", null)));
    assertTrue(
        say("/status").contains("Последняя ошибка: провайдер не ответил вовремя (1 мин назад)"),
        bot.out.lastText());
  }

  private static GatewayStatus failed(SmscException e) {
    return new GatewayStatus(
        TestBot.START.minusSeconds(300),
        e.getMessage(),
        TestBot.START.minusSeconds(60),
        0,
        0,
        0,
        0,
        4,
        0,
        4,
        "closed",
        null,
        null,
        3,
        List.of(),
        e);
  }

  private static GatewayStatus status(
      List<GatewayRefusal.Reason> reasons, java.time.Instant until) {
    return new GatewayStatus(
        null, null, null, 0, 0, 0, 0, 4, 0, 4, "closed", "suspended", until, 3, reasons, null);
  }

  // ---- /senders and /sender

  @Test
  void theListCountsNamesWithRussianPlurals() {
    bot.gateway.seed(null, "A1", 1);
    for (String n : List.of("B1", "B2")) {
      bot.gateway.seed(null, n, 1);
    }
    for (String n : List.of("C1", "C2", "C3", "C4", "C5")) {
      bot.gateway.seed(null, n, 1);
    }
    assertTrue(say("/senders a").contains("Имена отправителей (активные) на «a»: 1 имя"));
    assertTrue(say("/senders b").contains(": 2 имени"), bot.out.lastText());
    assertTrue(say("/senders c").contains(": 5 имён"), bot.out.lastText());
    assertTrue(say("/senders all").contains("Имена отправителей (все): 8 имён"));
    assertTrue(say("/senders z").contains("Нет активных имён, начинающихся с"), bot.out.lastText());
  }

  @Test
  void theListUsesTheProvidersWordsAndSaysHowOldItIs() {
    bot.gateway.seed(null, "SHOP24", 1, Map.of("mts_step", 2, "mega_step", 3), null);
    bot.gateway.seed(null, "NEWONE", 0, FakeGateway.allOperators(0), null);
    say("/senders all");
    bot.clock.advance(Duration.ofSeconds(40));
    String t = say("/senders all");
    assertTrue(t.contains("SHOP24 — разрешено к использованию"), t);
    assertTrue(
        t.contains("МТС: допущено оператором") && t.contains("МегаФон: не принято оператором"), t);
    assertTrue(t.contains("NEWONE — ожидает модерации · ещё не подано ни одному оператору"), t);
    assertTrue(t.contains("данные получены 40 с назад"), t);
  }

  @Test
  void aLongListIsPagedInRussianWithinTelegramsLimit() {
    for (int i = 0; i < 150; i++) {
      bot.gateway.seed(null, String.format("NAME%03d", i), 1, Map.of("mts_step", 3), null);
    }
    RecordingMessenger.Sent first = send("/senders");
    assertTrue(first.text().contains("(активные): 150 имён"), first.text());
    assertTrue(first.text().contains("Страница 1 из 4"), first.text());
    bot.press(team, olga, TestBot.button(first, "▶"), first.messageId());
    assertTrue(bot.out.lastEdit().text().contains("Страница 2 из 4"), bot.out.lastEdit().text());
  }

  @Test
  void theRefreshButtonToastsInRussian() {
    bot.gateway.seed(null, "SHOP24", 1);
    RecordingMessenger.Sent list = send("/senders");
    bot.press(team, olga, TestBot.button(list, "🔄"), list.messageId());
    assertEquals("Обновлено", bot.out.lastAnswer().toast());
  }

  @Test
  void theCardInRussian() {
    bot.gateway.seed(null, "SHOP24", 0, Map.of("mts_step", 2, "mega_step", 1), null);
    String t = say("/sender SHOP24");
    assertTrue(t.contains("Модерация: ожидает модерации"), t);
    assertTrue(t.contains("Операторы:"), t);
    assertTrue(t.contains("МТС: допущено оператором"), t);
    assertTrue(t.contains("МегаФон: отправлено на регистрацию"), t);
    assertTrue(t.contains("Билайн: не запрашивалось"), t);
    assertTrue(t.contains("Комментарий: комментария нет"), t);
    assertTrue(say("/sender NOPE").contains("NOPE нет среди имён отправителей этого чата"));
  }

  @Test
  void aCommentSetThroughTheBotNamesItsDayInRussian() {
    bot.gateway.seed(null, "SHOP24", 1);
    say("/chg SHOP24 бренд");
    assertTrue(
        bot.out.lastText().contains("Комментарий SHOP24 теперь «бренд»"), bot.out.lastText());
    // The fake returns the comment like the provider would; the bot's own record is the fallback.
    bot.gateway.seed(null, "SHOP24", 1);
    String t = say("/sender SHOP24");
    assertTrue(t.contains("Комментарий: бренд (задал(а) @user71 2 мар. 2026"), t);
  }

  // ---- /add, /register, /chg, /del, /history

  @Test
  void addOffersOperatorButtonsInRussianAndAPressRegisters() {
    RecordingMessenger.Sent s = send("/add SHOP24 бренд");
    assertTrue(s.text().contains("Добавлено SHOP24 (id "), s.text());
    assertTrue(s.text().contains("с комментарием «бренд»"), s.text());
    assertTrue(s.text().contains("Зарегистрируйте его у оператора:"), s.text());
    for (String label : List.of("МТС", "МегаФон", "Билайн", "МОТИВ", "Tele2 (бесплатные имена)")) {
      assertTrue(TestBot.hasButton(s.reply(), label), label + " in " + s.reply().keyboard());
    }
    bot.press(team, olga, TestBot.button(s, "МегаФон"), s.messageId());
    assertEquals("Заявка подана: МегаФон", bot.out.lastAnswer().toast());
    assertTrue(bot.out.lastText().contains("Заявка на регистрацию SHOP24 подана: МегаФон"));
  }

  @Test
  void aDigitalNameIsToConfirm() {
    assertTrue(say("/add " + PHONE).contains("Это цифровое имя: подтвердите его командой"));
  }

  @Test
  void registerNamesTheOperatorsInRussian() {
    bot.gateway.seed(null, "SHOP24", 1);
    String t = say("/register SHOP24 mts,bee");
    assertTrue(t.contains("Заявка на регистрацию SHOP24 подана: МТС, Билайн."), t);
    assertTrue(t.contains("покажет /sender SHOP24"), t);
  }

  @Test
  void deleteAsksWithRussianButtonsThatCancelAndDelete() {
    bot.gateway.seed(null, "SHOP24", 1);
    RecordingMessenger.Sent ask = send("/del SHOP24");
    assertTrue(ask.text().contains("Удалить SHOP24? Отменить это будет нельзя."), ask.text());
    assertTrue(ask.text().contains("Подтвердить может только @user71, в течение 5 мин."));
    bot.press(team, olga, TestBot.button(ask, "Отмена"), ask.messageId());
    assertTrue(bot.out.lastEdit().text().contains("Удаление SHOP24 отменено"));
    RecordingMessenger.Sent again = send("/del SHOP24");
    bot.press(team, olga, TestBot.button(again, "🗑 Удалить SHOP24"), again.messageId());
    assertTrue(bot.out.lastEdit().text().contains("SHOP24 удалил(а) @user71"));
    assertEquals("Удалено", bot.out.lastAnswer().toast());
  }

  @Test
  void historyInRussian() {
    bot.gateway.seed(null, "SHOP24", 1);
    say("/chg SHOP24 x");
    assertTrue(say("/history SHOP24").startsWith("История SHOP24"), bot.out.lastText());
  }

  // ---- /doc

  @Test
  void docInRussian() {
    bot.gateway.seed(null, "SHOP24", 1);
    bot.handle(doc(1, new Attachment("f1", "virus.exe", "application/octet-stream", 100)));
    assertTrue(
        bot.out
            .lastText()
            .contains(
                "Провайдер принимает только документы jpg, tif, pdf, png, zip или rar;"
                    + " «virus.exe» не из их числа"),
        bot.out.lastText());
    bot.handle(doc(2, new Attachment("f1", "big.pdf", "application/pdf", 5_000_000)));
    assertTrue(bot.out.lastText().contains("Размер файла — 5,0 МБ"), bot.out.lastText());
    bot.out.files.put("f2", "just text".getBytes(StandardCharsets.US_ASCII));
    bot.handle(doc(3, new Attachment("f2", "fake.pdf", "application/pdf", 9)));
    assertTrue(
        bot.out
            .lastText()
            .contains("Документ «fake.pdf» — не файл jpg, tif, pdf, png, zip или rar"),
        bot.out.lastText());
    bot.out.files.put("f3", PDF);
    bot.handle(doc(4, new Attachment("f3", "tm.pdf", "application/pdf", PDF.length)));
    assertTrue(
        bot.out.lastText().contains("Документ «tm.pdf» (1 КБ) приложен к SHOP24 для операторов"),
        bot.out.lastText());
  }

  private Incoming.Message doc(int id, Attachment file) {
    return new Incoming.Message(id, team, olga, 100 + id, "/doc SHOP24", file, null, false);
  }

  // ---- /sendcode and /confirm

  @Test
  void wrongCodesCountDownWithRussianPluralsThenTheResendTimeIsInMoscowTime() {
    String sent = say("/sendcode " + PHONE);
    assertTrue(sent.contains("Код подтверждения отправлен по SMS на " + PHONE), sent);
    assertTrue(sent.contains("Ответьте на это сообщение кодом"), sent);
    for (String left : List.of("осталось 4 попытки", "осталось 3 попытки", "осталось 2 попытки")) {
      assertTrue(say("/confirm 000000").contains(left), bot.out.lastText());
    }
    assertTrue(say("/confirm 000000").contains("осталась 1 попытка"), bot.out.lastText());
    String last = say("/confirm 000000");
    assertTrue(last.contains("это была последняя попытка: подтверждение отменено"), last);
    assertTrue(last.contains("Новый код можно отправить в 20:00 МСК (через 8 ч)"), last);
  }

  @Test
  void aReplyToTheRussianPromptConfirmsEvenWhenItsIdIsNotOnRecord() {
    say("/sendcode " + PHONE);
    String prompt = bot.out.lastText();
    Incoming.ReplyTo to = new Incoming.ReplyTo(9999, true, prompt, null);
    bot.handle(
        new Incoming.Message(50, team, olga, 60, bot.gateway.codeSentTo(PHONE), null, to, false));
    assertTrue(bot.out.lastText().contains(PHONE + " подтверждён"), bot.out.lastText());
  }

  @Test
  void anExpiredCodeIsNoLongerPending() {
    say("/sendcode " + PHONE);
    bot.clock.advance(Duration.ofHours(9));
    assertTrue(
        say("/confirm 482113").contains("В этом чате ничего не ждёт подтверждения"),
        bot.out.lastText());
  }

  @Test
  void severalPendingNumbersAreOfferedAsButtons() {
    say("/sendcode " + PHONE);
    say("/sendcode 79990003344");
    RecordingMessenger.Sent ask = send("/confirm 482113");
    assertTrue(ask.text().contains("В этом чате кода ждут 2 номера"), ask.text());
    bot.restart(); // the code held for the buttons is in memory only: the buttons outlive it
    bot.press(team, olga, TestBot.button(ask, PHONE), ask.messageId());
    assertEquals(
        "Срок действия кнопки истёк. Отправьте /confirm КОД ещё раз.",
        bot.out.lastAnswer().toast());
  }

  // ---- provider errors

  @Test
  void error9AdvisesInTheProvidersWordsWithTheRetryTimeInMoscowTime() {
    bot.gateway.failNext(new SmscError("get", 9, "duplicate request, wait a minute"));
    String t = say("/senders");
    assertTrue(t.contains("Ошибка SMSC 9: слишком много одинаковых запросов"), t);
    assertTrue(t.contains("повторите в 12:01 МСК (через 1 мин)"), t);
  }

  @Test
  void error10SaysWhenTheLastCodeWentInMoscowTime() {
    say("/sendcode " + PHONE);
    bot.clock.advance(Duration.ofHours(1));
    String t = say("/sendcode " + PHONE);
    assertTrue(t.contains("Ошибка SMSC 10"), t);
    assertTrue(t.contains("отправлен в 12:00 МСК"), t);
    assertTrue(t.contains("в 20:00 МСК (через 7 ч)"), t);
  }

  private RecordingMessenger.Sent send(String text) {
    bot.say(team, olga, text);
    return bot.out.last();
  }
}
