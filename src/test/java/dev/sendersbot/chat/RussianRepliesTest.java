package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Lang;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access, audit, subscriptions, mutes and quiet hours as a Russian reader gets them, with times in
 * Moscow and named so: through the real core and its SQLite stores.
 */
class RussianRepliesTest {
  @RegisterExtension final TestBot bot = new TestBot();

  private final ChatRef owner = TestBot.privateChat(OWNER);
  private final UserRef ownerRu = TestBot.user(OWNER, "ru");
  private final UserRef memberRu = TestBot.user(71, "ru");
  private ChatRef team;

  @BeforeEach
  void russianInMoscow() {
    bot.readers(Lang.RU, ZoneId.of("Europe/Moscow"));
    bot.chats.grant(new ChatGrant(-41, Role.VIEWER, null, "Склад", OWNER, TestBot.START));
    team = TestBot.group(-41);
  }

  /** The last thing said in the chat (a grant also tells the chat granted). */
  private String say(ChatRef chat, UserRef user, String text) {
    bot.say(chat, user, text);
    var here = bot.out.to(chat.id());
    return here.get(here.size() - 1).text();
  }

  @Test
  void allowAndRevokeSpeakRussian() {
    assertEquals(
        "✅ Чат -42 теперь имеет роль наблюдатель для всего аккаунта.",
        say(owner, ownerRu, "/allow -42 viewer"));
    assertEquals(
        "Чат -42 уже имеет роль наблюдатель для всего аккаунта; ничего не изменилось.",
        say(owner, ownerRu, "/allow -42 viewer"));
    assertEquals(
        "✅ Чат -42 теперь имеет роль оператор для субклиента sub7 (была: наблюдатель, с другой"
            + " привязкой).",
        say(owner, ownerRu, "/allow -42 operator sub7"));
    assertEquals(
        "Чат -42 больше не может пользоваться ботом (роль была: оператор).",
        say(owner, ownerRu, "/revoke -42"));
    assertEquals("У чата -42 не было доступа.", say(owner, ownerRu, "/revoke -42"));
    assertEquals(
        "Этот чат теперь может пользоваться ботом с ролью наблюдатель. Что он умеет — /help.",
        bot.out.to(-42).get(0).text(),
        "the chat granted is told in the configured language");
    assertTrue(
        say(owner, ownerRu, "/allow " + OWNER + " viewer")
            .contains("\nЭто личный чат владельца: пока он владелец"),
        "" + bot.out.sent);
  }

  @Test
  void anAdminsLimitsAreSaidInRussian() {
    bot.chats.grant(new ChatGrant(-43, Role.ADMIN, "sub7", null, OWNER, TestBot.START));
    ChatRef admins = TestBot.group(-43);
    assertEquals(
        "⛔ Роль администратора выдают только владельцы.",
        say(admins, memberRu, "/allow -44 admin"));
    assertEquals(
        "⛔ Этот чат привязан к субклиенту sub7; он может выдавать доступ только к этому"
            + " субклиенту.",
        say(admins, memberRu, "/allow -44 viewer sub8"));
    assertEquals(
        "⛔ Чат " + OWNER + " — личный чат владельца: его доступ меняет только владелец.",
        say(admins, memberRu, "/revoke " + OWNER));
  }

  @Test
  void chatsAndAuditShowMoscowTime() {
    bot.clock.advance(java.time.Duration.ofHours(1));
    String chats = say(owner, ownerRu, "/chats");
    // Granted at 09:00 UTC: 12:00 in Moscow, the same day.
    assertTrue(chats.startsWith("Чаты с доступом: 1"), chats);
    assertTrue(chats.contains("-41 — наблюдатель · Склад · выдал(а) 100 12:00 МСК"), chats);
    String audit = say(owner, ownerRu, "/audit 2");
    assertTrue(audit.startsWith("Журнал: последние 2 записи"), audit);
    assertTrue(audit.contains("13:00 МСК · @user100 в чате 100 · /chats"), audit);
    assertTrue(audit.contains("· выполняется"), "the running /audit itself: " + audit);
  }

  // Why: the decision and outcome columns were the table's English ("allowed (owner)", "failed:
  // invalid input", "denied: needs admin, chat is viewer") in a Russian /audit.
  @Test
  void auditDecisionsAndOutcomesAreInRussian() {
    bot.say(owner, ownerRu, "/audit abc");
    bot.say(team, memberRu, "/allow -45 viewer");
    String audit = say(owner, ownerRu, "/audit 3");
    assertTrue(
        audit.contains("/audit abc · разрешено (владелец) · не выполнено: неверный ввод"), audit);
    assertTrue(
        audit.contains("/allow -45 viewer · отказано: нужна роль «администратор», у чата —"),
        audit);
    assertFalse(audit.contains("allowed"), audit);
    assertFalse(audit.contains("failed"), audit);
  }

  @Test
  void subscriptionsInRussian() {
    assertEquals(
        "У этого чата нет подписок. /subscribe включит уведомления обо всех изменениях статусов.",
        say(team, memberRu, "/subscriptions"));
    bot.say(team, memberRu, "/subscribe SHOP BANK");
    assertEquals("Подписки этого чата\n• BANK\n• SHOP\n", say(team, memberRu, "/subscriptions"));
    assertEquals("Этот чат не был подписан на CAFE.", say(team, memberRu, "/unsubscribe CAFE"));
    assertEquals("🔕 Все подписки этого чата удалены (2).", say(team, memberRu, "/unsubscribe"));
    assertEquals("У этого чата не было подписок.", say(team, memberRu, "/unsubscribe"));
  }

  @Test
  void mutesEndAtAMoscowTimeWithItsDate() {
    assertEquals(
        "🔕 В этом чате заглушено: SHOP, до 2 мар. 14:00 МСК. Когда заглушение закончится, придёт"
            + " одна сводка о том, что было за это время.",
        say(team, memberRu, "/mute shop 2h"));
    // 09:00 in Moscow has passed at 12:00: the next one is tomorrow's.
    assertTrue(
        say(team, memberRu, "/mute bank until 09:00").contains("до 3 мар. 09:00 МСК"),
        "" + bot.out.sent);
    assertEquals(
        "🔕 Заглушено в этом чате\nBANK до 3 мар. 09:00 МСК\nSHOP до 2 мар. 14:00 МСК",
        say(team, memberRu, "/mutes"));
    assertTrue(
        say(team, memberRu, "/mute shop 999d")
            .contains("Заглушить можно на срок от минуты до 365 дней, а не 999d."),
        "" + bot.out.sent);
    assertTrue(
        say(team, memberRu, "/mute shop until 25:99").contains("25:99 — не время суток"),
        "" + bot.out.sent);
  }

  @Test
  void quietHoursAndTheSummaryNameTheZone() {
    assertEquals("Тихих часов нет; ежедневной сводки нет.", say(team, memberRu, "/quiet"));
    assertEquals(
        "🌙 Тихие часы 22:00-08:00 (МСК): уведомления в это время приходят без звука, ничего не"
            + " задерживается.",
        say(team, memberRu, "/quiet 22:00-08:00"));
    assertEquals(
        "☀️ Сводка каждый день в 09:00 (МСК), кроме дней, когда сказать нечего.",
        say(team, memberRu, "/summary 09:00"));
    assertEquals(
        "Тихие часы 22:00-08:00 (МСК); ежедневная сводка в 09:00 (МСК).",
        say(team, memberRu, "/summary"));
    assertTrue(
        say(team, memberRu, "/quiet 22:00").contains("Укажите начало и конец тихих часов"),
        "" + bot.out.sent);
    assertTrue(
        say(team, memberRu, "/summary 09:00 sometimes")
            .contains("После времени может стоять только always, а не sometimes."),
        "" + bot.out.sent);
  }
}
