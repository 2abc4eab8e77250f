package dev.sendersbot.telegram;

import dev.sendersbot.message.DeliveryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;

/**
 * Publishes the command menu per scope (setMyCommands), so that each chat sees what its role
 * allows: the default scope for everyone (commands anyone may use plus the viewer ones), and one
 * chat scope per known chat. A failure is logged and counted, never thrown: the menu is a
 * convenience, the bot works without it.
 */
public final class CommandMenu {
  private static final Logger log = LoggerFactory.getLogger(CommandMenu.class);

  /** Telegram accepts at most 100 commands per scope. */
  public static final int MAX_COMMANDS = 100;

  /** How a publication went. */
  public record Result(int published, int failed) {}

  /**
   * The menus of one language: the default scope's and each chat's.
   *
   * @param everyone the default scope's commands
   * @param perChat chat id to the commands its role allows; an empty list removes the chat's menu
   */
  public record Menus(List<MenuCommand> everyone, Map<Long, List<MenuCommand>> perChat) {
    public Menus {
      everyone = List.copyOf(everyone);
      perChat = new LinkedHashMap<>(perChat);
    }
  }

  private final TelegramMessenger messenger;

  public CommandMenu(TelegramMessenger messenger) {
    this.messenger = Objects.requireNonNull(messenger, "messenger");
  }

  /**
   * Sets the default menu and one menu per chat.
   *
   * @param everyone the default scope's commands
   * @param perChat chat id to the commands its role allows; an empty list removes the chat's menu
   *     (it falls back to the default)
   */
  public Result publish(List<MenuCommand> everyone, Map<Long, List<MenuCommand>> perChat) {
    return publish(Map.of("", new Menus(everyone, perChat)));
  }

  /**
   * Sets every scope's menu once per language: the key is Telegram's {@code language_code} (users
   * whose client is in it see that menu), "" the menu of everybody else.
   */
  public Result publish(Map<String, Menus> byLanguage) {
    int ok = 0;
    int failed = 0;
    for (Map.Entry<String, Menus> l : byLanguage.entrySet()) {
      String lang = l.getKey();
      Menus m = l.getValue();
      if (set("the default menu" + of(lang), new BotCommandScopeDefault(), m.everyone(), lang)) {
        ok++;
      } else {
        failed++;
      }
      for (Map.Entry<Long, List<MenuCommand>> e : m.perChat().entrySet()) {
        if (publishChat(e.getKey(), e.getValue(), lang)) {
          ok++;
        } else {
          failed++;
        }
      }
    }
    log.info("Command menu published for {} scope(s), {} failed", ok, failed);
    return new Result(ok, failed);
  }

  /** Sets (or with an empty list removes) one chat's menu; false when Telegram refused. */
  public boolean publishChat(long chatId, List<MenuCommand> commands) {
    return publishChat(chatId, commands, "");
  }

  /** The same for the users whose client is in {@code languageCode} ("" for everybody else). */
  public boolean publishChat(long chatId, List<MenuCommand> commands, String languageCode) {
    String what = "the menu of chat " + chatId + of(languageCode);
    BotCommandScopeChat scope = BotCommandScopeChat.builder().chatId(chatId).build();
    return set(what, scope, commands, languageCode);
  }

  private static String of(String languageCode) {
    return languageCode.isEmpty() ? "" : " for language " + languageCode;
  }

  private boolean set(
      String what, BotCommandScope scope, List<MenuCommand> commands, String languageCode) {
    List<BotCommand> list = botCommands(what, commands);
    String lang = languageCode.isEmpty() ? null : languageCode;
    if (list.isEmpty()) {
      return run(
          what,
          () ->
              messenger.call(
                  "deleteMyCommands for " + what,
                  DeleteMyCommands.builder().scope(scope).languageCode(lang).build()));
    }
    return run(
        what,
        () ->
            messenger.call(
                "setMyCommands for " + what,
                SetMyCommands.builder().commands(list).scope(scope).languageCode(lang).build()));
  }

  private static List<BotCommand> botCommands(String what, List<MenuCommand> commands) {
    Map<String, MenuCommand> unique = new LinkedHashMap<>();
    for (MenuCommand c : commands) {
      unique.putIfAbsent(c.name(), c);
    }
    List<BotCommand> out = new ArrayList<>();
    for (MenuCommand c : unique.values()) {
      if (out.size() == MAX_COMMANDS) {
        log.warn("{}: more than {} commands, the rest are left out", what, MAX_COMMANDS);
        break;
      }
      out.add(new BotCommand(c.name(), c.description()));
    }
    return out;
  }

  private static boolean run(String what, Runnable call) {
    try {
      call.run();
      return true;
    } catch (DeliveryException e) {
      log.warn("Could not set {}: {}", what, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.warn("Could not set {}: {}", what, e.toString());
      return false;
    }
  }
}
