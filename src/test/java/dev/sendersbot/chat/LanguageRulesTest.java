package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whose language a reply takes, through the real core and the SQLite settings. */
class LanguageRulesTest {
  @RegisterExtension final TestBot bot = new TestBot();

  @Test
  void ukrainianBelarusianAndKazakhClientsReadRussian() {
    ChatRef team = bot.groupWith(-31, Role.VIEWER, null);
    for (String code : new String[] {"ru", "uk", "be", "kk", "ru-RU"}) {
      bot.say(team, TestBot.user(81, code), "/id");
      assertTrue(bot.out.lastText().contains("Id чата: -31"), code + ": " + bot.out.lastText());
    }
    bot.say(team, TestBot.user(82, "de"), "/id");
    assertTrue(bot.out.lastText().contains("Chat id: -31"), bot.out.lastText());
  }

  @Test
  void inAGroupOnlyAnAdminChoosesTheLanguage() {
    ChatRef team = bot.groupWith(-32, Role.VIEWER, null);
    bot.say(team, TestBot.user(81, "ru"), "/lang en");
    assertTrue(bot.out.lastText().contains("меняет только администратор"), bot.out.lastText());
    bot.say(team, TestBot.user(81, "ru"), "/id");
    assertTrue(bot.out.lastText().contains("Id чата"), "unchanged: " + bot.out.lastText());
  }

  @Test
  void inPrivateAnyoneChooses() {
    bot.chats.grant(
        new dev.sendersbot.access.ChatGrant(
            83, Role.VIEWER, null, null, TestBot.OWNER, TestBot.START));
    ChatRef me = TestBot.privateChat(83);
    bot.say(me, TestBot.user(83, "ru"), "/lang en");
    bot.say(me, TestBot.user(83, "ru"), "/id");
    assertTrue(bot.out.lastText().contains("Chat id: 83"), bot.out.lastText());
  }

  // Why: every /lang, the same language again included, published the chat's five menus anew, on
  // one thread with a queue nothing bounded: anyone in a private chat could grow it at will.
  @Test
  void onlyALanguageThatChangesPublishesTheMenusAgain() {
    bot.chats.grant(
        new dev.sendersbot.access.ChatGrant(
            84, Role.VIEWER, null, null, TestBot.OWNER, TestBot.START));
    ChatRef me = TestBot.privateChat(84);
    for (int i = 0; i < 5; i++) {
      bot.say(me, TestBot.user(84, "ru"), "/lang en");
    }
    bot.say(me, TestBot.user(84, "ru"), "/lang ru");
    assertEquals(java.util.List.of(84L, 84L), bot.languageChanges);
    assertTrue(bot.out.lastText().contains("русск"), bot.out.lastText());
  }
}
