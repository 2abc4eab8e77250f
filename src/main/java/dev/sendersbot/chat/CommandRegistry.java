package dev.sendersbot.chat;

import static dev.sendersbot.access.Role.ADMIN;
import static dev.sendersbot.access.Role.OPERATOR;
import static dev.sendersbot.access.Role.VIEWER;

import dev.sendersbot.access.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every command and every kind of button, with the least role each needs: built here and nowhere
 * else, so the core can check the policy before anything runs.
 */
final class CommandRegistry {
  private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
  private final Map<String, Press.Spec> actions = new LinkedHashMap<>();

  private CommandRegistry() {}

  static CommandRegistry standard() {
    CommandRegistry r = new CommandRegistry();
    r.command(
        "start",
        null,
        "/start",
        "what this bot does and what this chat may do",
        new StartCommand());
    r.command("help", null, "/help", "the commands this chat may use", new HelpCommand());
    r.command("id", null, "/id", "this chat's id and your user id", new IdCommand());
    r.command(
        "senders",
        VIEWER,
        "/senders [all] [filter]",
        "sender names with their moderation and operator statuses, paged",
        new SendersCommand());
    r.command(
        "sender",
        VIEWER,
        "/sender NAME",
        "one name in full: id, comment, moderation, every operator's status",
        new SenderCommand());
    r.command(
        "add",
        OPERATOR,
        "/add NAME [comment]",
        "add a sender name, then register it with operators",
        new AddCommand());
    r.command(
        "register",
        OPERATOR,
        "/register NAME OPERATOR…",
        "request registration at operators (" + RegisterCommand.validCodes() + ")",
        new RegisterCommand());
    r.command("chg", OPERATOR, "/chg NAME comment", "change a name's comment", new ChgCommand());
    r.command(
        "doc",
        OPERATOR,
        "/doc NAME [description]",
        "as a file's caption or in reply to a file: attach a document for the operators",
        new DocCommand());
    r.command(
        "sendcode",
        OPERATOR,
        "/sendcode PHONE",
        "send a confirmation code to a digital name",
        new SendCodeCommand());
    r.command(
        "confirm",
        OPERATOR,
        "/confirm CODE or /confirm PHONE CODE",
        "confirm the pending (or the named) digital name",
        new ConfirmCommand());
    r.command(
        "del", ADMIN, "/del NAME", "delete a name, after a confirmation button", new DelCommand());
    r.command(
        "subscribe",
        VIEWER,
        "/subscribe [NAME…]",
        "status-change notifications for this chat, for every name or some",
        new SubscribeCommand());
    r.command(
        "unsubscribe",
        VIEWER,
        "/unsubscribe [NAME…]",
        "stop notifications",
        new UnsubscribeCommand());
    r.command(
        "subscriptions",
        VIEWER,
        "/subscriptions",
        "what this chat is notified about",
        new SubscriptionsCommand());
    r.command(
        "mute",
        VIEWER,
        "/mute [NAME…] [DURATION]",
        "silence notifications about names (every name without any) in this chat: 30m, 2h, 1d,"
            + " until 09:00, or until /unmute",
        new MuteCommand());
    r.command(
        "unmute",
        VIEWER,
        "/unmute [NAME…]",
        "end mutes; one summary of what happened meanwhile",
        new MuteCommand.Unmute());
    r.command("mutes", VIEWER, "/mutes", "what is muted in this chat", new MuteCommand.Mutes());
    r.command(
        "quiet",
        VIEWER,
        "/quiet HH:MM-HH:MM or /quiet off",
        "quiet hours: notifications come without sound, none held back",
        new QuietCommand());
    r.command(
        "summary",
        VIEWER,
        "/summary HH:MM [always] or /summary off",
        "a daily summary: counts by status and the names needing action",
        new QuietCommand.Summary());
    r.command(
        "allow",
        ADMIN,
        "/allow CHAT_ID ROLE [SUBCLIENT]",
        "grant a chat viewer, operator or admin, optionally bound to a sub-client",
        new AllowCommand());
    r.command("revoke", ADMIN, "/revoke CHAT_ID", "take a chat's access away", new RevokeCommand());
    r.command("chats", ADMIN, "/chats", "the chats with access", new ChatsCommand());
    r.command(
        "history",
        VIEWER,
        "/history NAME",
        "who did what with a name, and how it went",
        new HistoryCommand());
    r.command(
        "audit",
        ADMIN,
        "/audit [N]",
        "the newest N commands (20 by default, at most 100)",
        new AuditCommand());
    r.command(
        "status",
        VIEWER,
        "/status",
        "the bot's health: provider, cache, rate budget, watcher",
        new StatusCommand());

    r.action(SendersView.pageSpec());
    r.action(SendersView.refreshSpec());
    r.action(SenderCommand.cardSpec());
    r.action(RegisterCommand.registerSpec());
    r.action(DelCommand.deleteSpec());
    r.action(DelCommand.cancelSpec());
    r.action(ConfirmCommand.pickSpec());
    r.action(
        new Press.Spec(AccessDesk.GRANT, "allow", ADMIN, false, true, new AccessDesk.GrantPress()));
    r.action(
        new Press.Spec(
            AccessDesk.IGNORE, "allow", ADMIN, false, true, new AccessDesk.IgnorePress()));
    r.action(StatusCommand.resumeSpec());
    r.action(MuteCommand.pressSpec());
    return r;
  }

  private void command(String name, Role least, String syntax, String help, Command c) {
    if (commands.putIfAbsent(name, new CommandSpec(name, least, syntax, help, c)) != null) {
      throw new IllegalStateException("command registered twice: " + name);
    }
  }

  private void action(Press.Spec spec) {
    if (actions.putIfAbsent(spec.action(), spec) != null) {
      throw new IllegalStateException("button action registered twice: " + spec.action());
    }
  }

  List<CommandSpec> commands() {
    return new ArrayList<>(commands.values());
  }

  Optional<CommandSpec> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  Optional<Press.Spec> action(String name) {
    return Optional.ofNullable(actions.get(name));
  }

  List<Press.Spec> actions() {
    return new ArrayList<>(actions.values());
  }
}
