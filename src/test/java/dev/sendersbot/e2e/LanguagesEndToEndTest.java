package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people in one group, one whose Telegram is Russian and one English, through the real Telegram
 * adapter with the shipped defaults (ui.language ru, ui.time-zone Europe/Moscow): each is answered
 * in their own language, /lang overrides it for the whole chat, notifications follow the chat's
 * choice, else its subscriber's, and the menus are set per language.
 */
class LanguagesEndToEndTest {
  static final long TEAM = -1001234500077L;
  static final long OLGA = 71; // language_code ru
  static final long JOHN = 72; // language_code en

  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir, TestClocks.suiteStart(), "");
    rig.sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2, "mega_step", 1));
    rig.start();
    rig.grant(TEAM, Role.ADMIN);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private String say(long userId, String lang, String text) {
    return visible(
        rig.say(
            TEAM,
            FakeBotApi.Msg.text(TEAM, userId, text).chat("supergroup", "Team").language(lang)));
  }

  @Test
  void eachWriterReadsTheirOwnLanguageUntilTheChatChoosesOne() {
    String ru = say(OLGA, "ru", "/help");
    assertTrue(ru.contains("Бот имён отправителей") && ru.contains("что умеет бот"), ru);
    String en = say(JOHN, "en", "/help");
    assertTrue(en.contains("Sender names bot") && en.contains("what this bot does"), en);
    String uk = say(OLGA + 10, "uk", "/id");
    assertTrue(uk.contains("Id чата: " + TEAM), "Ukrainian clients read Russian: " + uk);

    String chosen = say(OLGA, "ru", "/lang en");
    assertTrue(chosen.contains("Done: this chat now reads the bot in English"), chosen);
    assertTrue(say(OLGA, "ru", "/id").contains("Chat id: " + TEAM), "the chat's choice wins");

    String back = say(JOHN, "en", "/lang ru");
    assertTrue(back.contains("Готово"), back);
    assertTrue(say(JOHN, "en", "/id").contains("Id чата: " + TEAM));

    say(JOHN, "en", "/lang auto");
    assertTrue(say(JOHN, "en", "/id").contains("Chat id: " + TEAM));
    assertTrue(say(OLGA, "ru", "/id").contains("Id чата: " + TEAM));
  }

  @Test
  void timesAreInTheChatsZoneSayingWhichInTheReadersWords() {
    String ru = say(OLGA, "ru", "/tz");
    assertTrue(ru.contains("Europe/Moscow") && ru.contains("МСК"), ru);
    String changed = say(JOHN, "en", "/tz Asia/Novosibirsk");
    assertTrue(changed.contains("Asia/Novosibirsk"), changed);
    String bad = say(JOHN, "en", "/tz Mars/Olympus");
    assertTrue(bad.contains("is no time zone"), bad);
  }

  @Test
  void notificationsFollowTheSubscriberUntilTheChatChooses() {
    assertTrue(say(OLGA, "ru", "/subscribe").contains("уведомления"));
    rig.sandbox.setOperatorStatus("SHOP24", null, "mega_step", 3);
    int before = rig.telegram.sentTo(TEAM).size();
    rig.restart(); // the watcher polls at start, against the snapshot it kept
    String alert = visible(rig.awaitMessages(TEAM, before + 1).get(before));
    assertTrue(
        alert.contains("SHOP24")
            && alert.contains("МегаФон")
            && alert.contains("не принято оператором"),
        "the subscriber reads Russian, in the provider's words: " + alert);

    say(OLGA, "ru", "/lang en");
    rig.sandbox.setOperatorStatus("SHOP24", null, "mega_step", 2);
    int edits = rig.telegram.edits().size();
    rig.restart();
    // A routine move: the name's live card is edited in place.
    await().atMost(Duration.ofSeconds(20)).until(() -> rig.telegram.edits().size() > edits);
    String next = visible(rig.telegram.edits().get(edits));
    assertTrue(
        next.contains("Megafon") && next.contains("allowed by the operator"),
        "the chat chose English: " + next);
  }

  @Test
  void theNameCommandsAnswerARussianWriterInRussianOverTheRealProviderStack() {
    String list = say(OLGA, "ru", "/senders all");
    assertTrue(list.contains("Имена отправителей (все): 1 имя"), list);
    assertTrue(
        list.contains("SHOP24 — разрешено к использованию")
            && list.contains("МТС: допущено оператором")
            && list.contains("МегаФон: отправлено на регистрацию"),
        "the provider's own words: " + list);
    String card = say(OLGA, "ru", "/sender SHOP24");
    assertTrue(card.contains("Модерация: разрешено к использованию"), card);
    assertTrue(card.contains("Билайн: не запрашивалось"), card);
    String status = say(OLGA, "ru", "/status");
    assertTrue(status.contains("Связь: в порядке") && status.contains("Наблюдатель"), status);
    String en = say(JOHN, "en", "/sender SHOP24");
    assertTrue(
        en.contains("Moderation: allowed") && en.contains("MTS: allowed by the operator"), en);
  }

  @Test
  void menusAreSetPerLanguageForEveryScope() {
    // Published in the background once polling runs: the last scope is the owner's in Kazakh.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rig.telegram.menus().containsKey("chat:" + OWNER + "|kk"));
    Map<String, List<String>> menus = rig.telegram.menuDescriptions();
    assertTrue(menus.get("default").contains("what this bot does and what this chat may do"));
    for (String code : List.of("ru", "uk", "be", "kk")) {
      assertTrue(
          menus.get("default|" + code).contains("что умеет бот и что можно этому чату"),
          code + ": " + menus.get("default|" + code));
      assertEquals(
          rig.telegram.menus().get("chat:" + OWNER),
          rig.telegram.menus().get("chat:" + OWNER + "|" + code),
          "the owner's scope in " + code + " lists the same commands");
    }
  }

  @Test
  void aChatsMenuFollowsItsLanguageAtOnce() {
    rig.restart(); // the chat's menu is published at start, now that it has access
    assertTrue(
        rig.telegram
            .menuDescriptions()
            .get("chat:" + TEAM)
            .contains("the commands this chat may use"),
        "English for clients in other languages: " + rig.telegram.menuDescriptions());

    say(JOHN, "en", "/lang ru");
    // Every language's menu of the chat is Russian now, without waiting for a restart.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                rig.telegram
                    .menuDescriptions()
                    .getOrDefault("chat:" + TEAM, List.of())
                    .contains("команды, доступные этому чату"));
    assertTrue(
        rig.telegram
            .menuDescriptions()
            .get("chat:" + TEAM + "|ru")
            .contains("команды, доступные этому чату"));

    say(JOHN, "en", "/lang auto");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                rig.telegram
                    .menuDescriptions()
                    .get("chat:" + TEAM)
                    .contains("the commands this chat may use"));
    assertTrue(
        rig.telegram
            .menuDescriptions()
            .get("chat:" + TEAM + "|ru")
            .contains("команды, доступные этому чату"),
        "automatic: each client's own language again");
  }
}
