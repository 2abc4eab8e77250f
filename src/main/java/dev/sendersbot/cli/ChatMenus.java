package dev.sendersbot.cli;

import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.chat.CommandInfo;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.telegram.CommandMenu;
import dev.sendersbot.telegram.MenuCommand;
import dev.sendersbot.telegram.TelegramMessenger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command menus: each chat's lists what its role allows, once per language: English for
 * everybody, and Russian for the clients that read Russian (ru, uk, be, kk). A chat that chose a
 * language with /lang gets that one whatever the client, so a /lang publishes that chat's menus
 * again at once. A failure is logged, never fatal: the menu is a convenience.
 */
final class ChatMenus implements LongConsumer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatMenus.class);
  private static final List<String> RUSSIAN_CLIENTS = List.of("ru", "uk", "be", "kk");

  private final Assembly assembly;
  private final CommandMenu menu;

  // Off the update's thread: a chat's menus are five Bot API calls, with their retries.
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "chat-menus");
            t.setDaemon(true);
            return t;
          });

  /** Chats whose menus wait in the worker's queue. */
  private final Set<Long> waiting = ConcurrentHashMap.newKeySet();

  ChatMenus(Assembly assembly, TelegramMessenger messenger) {
    this.assembly = assembly;
    this.menu = new CommandMenu(messenger);
  }

  /** Every scope in every language, as at start. */
  void publishAll() {
    try {
      Map<String, CommandMenu.Menus> byLanguage = new LinkedHashMap<>();
      byLanguage.put("", menus(Lang.EN));
      for (String code : RUSSIAN_CLIENTS) {
        byLanguage.put(code, menus(Lang.RU));
      }
      menu.publish(byLanguage);
    } catch (RuntimeException e) {
      log.warn("could not publish the command menus: {}", e.toString());
    }
  }

  /** Every scope in every language, off the caller's thread; a restart publishes them again. */
  void publishAllLater() {
    try {
      worker.execute(this::publishAll);
    } catch (RejectedExecutionException e) {
      log.debug("menus not published: shutting down");
    }
  }

  /**
   * A chat's language changed: its menus again, in the background; once for a chat however often it
   * changes before its turn comes, so the queue holds each chat at most once.
   */
  @Override
  public void accept(long chatId) {
    if (!waiting.add(chatId)) {
      return;
    }
    try {
      worker.execute(
          () -> {
            waiting.remove(chatId);
            publishChat(chatId);
          });
    } catch (RejectedExecutionException e) {
      waiting.remove(chatId);
      log.debug("menus of chat {} not refreshed: shutting down", chatId);
    }
  }

  /** One chat's menus in every language; nothing for a chat with no menu of its own. */
  void publishChat(long chatId) {
    try {
      Optional<Role> role = roleOf(chatId);
      if (role.isEmpty()) {
        return;
      }
      menu.publishChat(chatId, chatMenu(chatId, role.get(), Lang.EN), "");
      List<MenuCommand> russian = chatMenu(chatId, role.get(), Lang.RU);
      for (String code : RUSSIAN_CLIENTS) {
        menu.publishChat(chatId, russian, code);
      }
    } catch (RuntimeException e) {
      log.warn("could not publish the menus of chat {}: {}", chatId, e.toString());
    }
  }

  /** The role a chat's menu is made for: an owner's private chat, or a granted chat. */
  private record Role(dev.sendersbot.access.Role granted, boolean owner) {}

  private Optional<Role> roleOf(long chatId) {
    if (assembly.config.telegram().owners().contains(chatId)) {
      return Optional.of(new Role(null, true));
    }
    return assembly.stores.chats().find(chatId).map(g -> new Role(g.role(), false));
  }

  private List<MenuCommand> chatMenu(long chatId, Role role, Lang clients) {
    Lang chosen = assembly.stores.settings().find(chatId).language();
    return menu(
        assembly.core.menuFor(role.granted(), role.owner(), chosen != null ? chosen : clients));
  }

  private CommandMenu.Menus menus(Lang lang) {
    Map<Long, List<MenuCommand>> perChat = new LinkedHashMap<>();
    for (ChatGrant g : assembly.stores.chats().all()) {
      perChat.put(g.chatId(), chatMenu(g.chatId(), new Role(g.role(), false), lang));
    }
    for (long owner : assembly.config.telegram().owners()) {
      perChat.put(owner, chatMenu(owner, new Role(null, true), lang));
    }
    return new CommandMenu.Menus(menu(assembly.core.menuFor(null, false, lang)), perChat);
  }

  private static List<MenuCommand> menu(List<CommandInfo> commands) {
    return commands.stream().map(c -> new MenuCommand(c.name(), c.help())).toList();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
