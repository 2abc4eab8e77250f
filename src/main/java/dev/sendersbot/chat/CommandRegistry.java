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
    r.command("start", null, "/start", new StartCommand());
    r.command("help", null, "/help", new HelpCommand());
    r.command("id", null, "/id", new IdCommand());
    r.command("senders", VIEWER, "/senders [all] [filter]", new SendersCommand());
    r.command("sender", VIEWER, "/sender NAME", new SenderCommand());
    r.command("add", OPERATOR, "/add NAME [comment]", new AddCommand());
    r.command("register", OPERATOR, "/register NAME OPERATOR…", new RegisterCommand());
    r.command("chg", OPERATOR, "/chg NAME comment", new ChgCommand());
    r.command("doc", OPERATOR, "/doc NAME [description]", new DocCommand());
    r.command("sendcode", OPERATOR, "/sendcode PHONE", new SendCodeCommand());
    r.command("confirm", OPERATOR, "/confirm CODE or /confirm PHONE CODE", new ConfirmCommand());
    r.command("del", ADMIN, "/del NAME", new DelCommand());
    r.command("subscribe", VIEWER, "/subscribe [NAME…]", new SubscribeCommand());
    r.command("unsubscribe", VIEWER, "/unsubscribe [NAME…]", new UnsubscribeCommand());
    r.command("subscriptions", VIEWER, "/subscriptions", new SubscriptionsCommand());
    r.command("mute", VIEWER, "/mute [NAME…] [DURATION]", new MuteCommand());
    r.command("unmute", VIEWER, "/unmute [NAME…]", new MuteCommand.Unmute());
    r.command("mutes", VIEWER, "/mutes", new MuteCommand.Mutes());
    r.command("quiet", VIEWER, "/quiet HH:MM-HH:MM or /quiet off", new QuietCommand());
    r.command(
        "summary", VIEWER, "/summary HH:MM [always] or /summary off", new QuietCommand.Summary());
    r.command("allow", ADMIN, "/allow CHAT_ID ROLE [SUBCLIENT]", new AllowCommand());
    r.command("revoke", ADMIN, "/revoke CHAT_ID", new RevokeCommand());
    r.command("chats", ADMIN, "/chats", new ChatsCommand());
    r.command("history", VIEWER, "/history NAME", new HistoryCommand());
    r.command("audit", ADMIN, "/audit [N]", new AuditCommand());
    r.command("status", VIEWER, "/status", new StatusCommand());
    r.command("lang", VIEWER, "/lang [LANGUAGE]", new LangCommand());
    r.command("tz", VIEWER, "/tz [ZONE]", new TzCommand());

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

  /** The command's help and its syntax for readers are in the bundles, cmd.NAME.help/.syntax. */
  private void command(String name, Role least, String syntax, Command c) {
    if (commands.putIfAbsent(name, new CommandSpec(name, least, syntax, c)) != null) {
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
