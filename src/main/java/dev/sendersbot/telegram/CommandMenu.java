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
    int ok = 0;
    int failed = 0;
    if (set("the default menu", new BotCommandScopeDefault(), everyone)) {
      ok++;
    } else {
      failed++;
    }
    for (Map.Entry<Long, List<MenuCommand>> e : perChat.entrySet()) {
      if (publishChat(e.getKey(), e.getValue())) {
        ok++;
      } else {
        failed++;
      }
    }
    log.info("Command menu published for {} scope(s), {} failed", ok, failed);
    return new Result(ok, failed);
  }

  /** Sets (or with an empty list removes) one chat's menu; false when Telegram refused. */
  public boolean publishChat(long chatId, List<MenuCommand> commands) {
    String what = "the menu of chat " + chatId;
    BotCommandScopeChat scope = BotCommandScopeChat.builder().chatId(chatId).build();
    if (commands.isEmpty()) {
      return run(
          what,
          () ->
              messenger.call(
                  "deleteMyCommands for " + what, DeleteMyCommands.builder().scope(scope).build()));
    }
    return set(what, scope, commands);
  }

  private boolean set(String what, BotCommandScope scope, List<MenuCommand> commands) {
    List<BotCommand> list = botCommands(what, commands);
    if (list.isEmpty()) {
      return run(
          what,
          () ->
              messenger.call(
                  "deleteMyCommands for " + what, DeleteMyCommands.builder().scope(scope).build()));
    }
    return run(
        what,
        () ->
            messenger.call(
                "setMyCommands for " + what,
                SetMyCommands.builder().commands(list).scope(scope).build()));
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
