package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.telegram.FakeBotApi.Failure;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.FakeSleeper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandMenuTest {
  private static final List<MenuCommand> ANYONE =
      List.of(
          new MenuCommand("start", "Help"),
          new MenuCommand("id", "Chat and user id"),
          new MenuCommand("senders", "Sender names"));
  private static final List<MenuCommand> OPERATOR =
      List.of(
          new MenuCommand("start", "Help"),
          new MenuCommand("senders", "Sender names"),
          new MenuCommand("add", "Add a name"),
          new MenuCommand("sendcode", "Send a confirmation code"));

  private FakeBotApi api;
  private TelegramMessenger messenger;
  private CommandMenu menu;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start();
    FakeClock clock = FakeClock.atEpochMilli(1_700_000_000_000L);
    messenger =
        new TelegramMessenger(
            new TelegramSettings(api.token(), api.apiUrl()),
            new OkHttpClient(),
            clock,
            FakeSleeper.advancing(clock),
            TelegramMessenger.Options.defaults());
    menu = new CommandMenu(messenger);
  }

  @AfterEach
  void tearDown() {
    messenger.close();
    api.close();
  }

  @Test
  void publishesTheDefaultMenuAndOnePerChatByRole() {
    Map<Long, List<MenuCommand>> perChat = new LinkedHashMap<>();
    perChat.put(-100L, OPERATOR);
    perChat.put(42L, ANYONE);
    CommandMenu.Result r = menu.publish(ANYONE, perChat);
    assertEquals(new CommandMenu.Result(3, 0), r);
    assertEquals(List.of("start", "id", "senders"), api.menus().get("default"));
    assertEquals(List.of("start", "senders", "add", "sendcode"), api.menus().get("chat:-100"));
    assertEquals(List.of("start", "id", "senders"), api.menus().get("chat:42"));
  }

  @Test
  void anEmptyListRemovesAChatsMenu() {
    menu.publishChat(-100, OPERATOR);
    assertTrue(menu.publishChat(-100, List.of()));
    assertFalse(api.menus().containsKey("chat:-100"));
    assertEquals(1, api.calls("deleteMyCommands").size());
  }

  @Test
  void aFailingScopeIsCountedNotThrown() {
    api.failNext("setMyCommands", 1, Failure.badRequest("chat not found"));
    CommandMenu.Result r = menu.publish(ANYONE, Map.of(-100L, OPERATOR));
    assertEquals(new CommandMenu.Result(1, 1), r);
    assertEquals(List.of("start", "senders", "add", "sendcode"), api.menus().get("chat:-100"));
  }

  @Test
  void aDuplicateNameIsPublishedOnce() {
    menu.publishChat(7, List.of(new MenuCommand("help", "Help"), new MenuCommand("help", "Again")));
    assertEquals(List.of("help"), api.menus().get("chat:7"));
  }

  @Test
  void commandNamesFollowTelegramsRule() {
    new MenuCommand("a", "ok");
    new MenuCommand("x".repeat(32), "ok");
    new MenuCommand("send_code2", "ok");
    for (String bad : new String[] {"", "/start", "Start", "x".repeat(33), "del-name", "añadir"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new MenuCommand(bad, "d"), bad);
      assertTrue(e.getMessage().contains(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> new MenuCommand("ok", " "));
    assertThrows(IllegalArgumentException.class, () -> new MenuCommand("ok", "d".repeat(257)));
  }
}
