package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.store.SqliteSubscriptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every command of the registry in its valid, invalid and refused forms, by every role whose reply
 * differs, every kind of button, the core's own answers and the provider's errors (from the SMSC
 * sandbox), through the real chat core over the real provider stack: one reader's language from
 * start to end. What the bot said is kept with the area it belongs to (the command, or the command
 * a button belongs to), so that a check can tell whose text is wrong.
 *
 * <p>Everything the drive types, seeds and names is data, which the bot may echo: {@link #data}
 * holds it for the checks.
 */
final class MessageDrive {
  static final long ADMIN_CHAT = -601;
  static final long OPERATOR_CHAT = -602;
  static final long VIEWER_CHAT = -603;
  static final long UNKNOWN_CHAT = -604;
  static final long BOUND_CHAT = -605;
  static final long TOPIC_CHAT = -606;
  static final long TARGET = -610;
  static final long LATE_TARGET = -611;
  static final String SUB = "sub7";
  static final String OTHER_SUB = "sub8";
  static final String PHONE = "79990001122";

  /** One thing the bot said: a message, an edit or a toast. */
  record Said(String area, String step, String kind, long chatId, String html) {
    String where() {
      return area + " ← " + step + " (" + kind + " in " + chatId + ")";
    }
  }

  final TestBot bot;
  final Lang lang;
  final List<Said> said = new ArrayList<>();

  /** Every area the drive went through: the registry's commands and its buttons' commands. */
  final Set<String> areas = new LinkedHashSet<>();

  /** Button actions pressed. */
  final Set<String> actionsPressed = new LinkedHashSet<>();

  /** What the drive typed, seeded and named, and what the audit table keeps: data, not words. */
  final Set<String> data = new LinkedHashSet<>();

  private final ChatRef owner;
  private final UserRef ownerUser;
  private final UserRef member;
  private final ChatRef admin;
  private final ChatRef operator;
  private final ChatRef viewer;
  private final ChatRef unknown;
  private final ChatRef bound;
  private final ChatRef topic;

  MessageDrive(TestBot bot, Lang lang) {
    this.bot = bot;
    this.lang = lang;
    String code = lang.tag();
    owner = TestBot.privateChat(OWNER);
    ownerUser = TestBot.user(OWNER, code);
    member = TestBot.user(71, code);
    admin = grant(ADMIN_CHAT, Role.ADMIN, null, "Команда 601");
    operator = grant(OPERATOR_CHAT, Role.OPERATOR, null, "Команда 602");
    viewer = grant(VIEWER_CHAT, Role.VIEWER, null, "Команда 603");
    unknown = new ChatRef(UNKNOWN_CHAT, ChatRef.Type.SUPERGROUP, "Команда 604", null);
    bound = grant(BOUND_CHAT, Role.ADMIN, SUB, "Команда 605");
    grant(TOPIC_CHAT, Role.VIEWER, null, "Команда 606");
    topic = new ChatRef(TOPIC_CHAT, ChatRef.Type.SUPERGROUP, "Команда 606", 12);
    data.addAll(List.of(SUB, OTHER_SUB, PHONE, "user71", "user100", "User", "Europe/Moscow"));
  }

  private ChatRef grant(long id, Role role, String sub, String title) {
    bot.chats.grant(new ChatGrant(id, role, sub, title, OWNER, TestBot.START));
    data.add(title);
    return new ChatRef(id, ChatRef.Type.SUPERGROUP, title, null);
  }

  /** The whole drive; returns what was said. */
  List<Said> run() {
    seed();
    beforeAnyGrant();
    everyoneCommands();
    accessRequests();
    allowAndRevoke();
    chatsAndAudit();
    subscriptions();
    mutesAndQuiet();
    languageAndZone();
    senderNames();
    buttons();
    core();
    providerErrors();
    for (AuditEntry e : bot.auditEntries()) {
      // The audit's own record of what was done ("(button mute) shop1"), shown in <code>.
      data.add(e.args());
      data.add(e.decision());
      if (e.outcome() != null) {
        data.add(e.outcome());
      }
    }
    return said;
  }

  private void seed() {
    bot.sandbox.seed("shop1", null, "витрина", 1, Map.of("mts_step", 2, "bee_step", 3));
    bot.sandbox.seed("bank2", null, null, 0, Map.of("mega_step", 1, "tele2_step", 8));
    bot.sandbox.seed("cafe3", SUB, null, 2, Map.of("mts_step", 4, "motiv_step", 5));
    data.addAll(List.of("shop1", "bank2", "cafe3", "SHOP1", "BANK2", "CAFE3", "витрина"));
  }

  private void beforeAnyGrant() {
    // An owner alone in a bot that has only the drive's chats: /chats lists them; a fresh owner
    // chat reads every empty state first.
    type("subscriptions", owner, ownerUser, "/subscriptions");
    type("mutes", owner, ownerUser, "/mutes");
    type("quiet", owner, ownerUser, "/quiet");
    type("unsubscribe", owner, ownerUser, "/unsubscribe");
    type("unmute", owner, ownerUser, "/unmute");
  }

  private void everyoneCommands() {
    for (ChatRef c : List.of(owner, admin, operator, viewer, bound, unknown)) {
      UserRef u = c == owner ? ownerUser : member;
      type("start", c, u, "/start");
      type("help", c, u, "/help");
      type("id", c, u, "/id");
    }
    type("id", topic, member, "/id");
  }

  private void accessRequests() {
    ChatRef stranger = new ChatRef(-620, ChatRef.Type.GROUP, "Команда 620", null);
    data.add("Команда 620");
    type("start", stranger, member, "/start");
    pressOwnerButton("allow", 0);
    ChatRef another = new ChatRef(-621, ChatRef.Type.SUPERGROUP, null, null);
    bot.clock.advance(Duration.ofHours(2));
    type("help", another, member, "/help");
    pressOwnerButton("allow", 2);
    // An admin bound to a sub-client grants from a request: it passes its sub-client on.
    press("allow", bound, member, AccessDesk.GRANT, Args.join("-622", "operator", "Команда 622"));
    data.add("Команда 622");
    // A request days old, its chat made an admin chat since: the admin's press is refused.
    bot.chats.grant(new ChatGrant(-623, Role.ADMIN, null, null, OWNER, TestBot.START));
    press("allow", admin, member, AccessDesk.GRANT, Args.join("-623", "viewer", ""));
  }

  private void allowAndRevoke() {
    String t = Long.toString(TARGET);
    type("allow", owner, ownerUser, "/allow " + t + " viewer");
    type("allow", owner, ownerUser, "/allow " + t + " viewer");
    type("allow", owner, ownerUser, "/allow " + t + " operator");
    type("allow", owner, ownerUser, "/allow " + t + " operator " + OTHER_SUB);
    type("allow", owner, ownerUser, "/allow " + OWNER + " viewer");
    type("allow", admin, member, "/allow " + ADMIN_CHAT + " operator");
    type("allow", owner, ownerUser, "/allow");
    type("allow", owner, ownerUser, "/allow abc viewer");
    type("allow", owner, ownerUser, "/allow " + t + " viewer sub one");
    type("allow", owner, ownerUser, "/allow " + t + " king");
    type("allow", admin, member, "/allow " + LATE_TARGET + " admin");
    type("allow", admin, member, "/allow " + OWNER + " viewer");
    type("allow", admin, member, "/allow " + BOUND_CHAT + " viewer");
    type("allow", bound, member, "/allow " + LATE_TARGET + " viewer " + OTHER_SUB);
    type("allow", bound, member, "/allow " + t + " viewer");
    type("allow", bound, member, "/allow " + LATE_TARGET + " viewer");
    type("allow", viewer, member, "/allow " + LATE_TARGET + " viewer");
    type("revoke", admin, member, "/revoke " + OWNER);
    type("revoke", owner, ownerUser, "/revoke " + t);
    type("revoke", owner, ownerUser, "/revoke " + t);
    type("revoke", owner, ownerUser, "/revoke " + OWNER);
    type("revoke", owner, ownerUser, "/revoke");
    type("revoke", owner, ownerUser, "/revoke x");
    type("revoke", bound, member, "/revoke " + VIEWER_CHAT);
  }

  private void chatsAndAudit() {
    type("chats", owner, ownerUser, "/chats");
    type("chats", bound, member, "/chats");
    type("chats", viewer, member, "/chats");
    // Unknown chats answered in the last day show in the owners' audit.
    for (int i = 0; i < 3; i++) {
      type("start", new ChatRef(-700 - i, ChatRef.Type.GROUP, null, null), member, "/id");
    }
    type("audit", owner, ownerUser, "/audit");
    type("audit", owner, ownerUser, "/audit 1");
    type("audit", bound, member, "/audit 3");
    type("audit", admin, member, "/audit x");
    type("audit", admin, member, "/audit 1 2");
    type("audit", viewer, member, "/audit");
  }

  private void subscriptions() {
    type("subscriptions", viewer, member, "/subscriptions");
    type("subscribe", viewer, member, "/subscribe");
    type("subscribe", viewer, member, "/subscribe shop1 bank2");
    type("subscribe", topic, member, "/subscribe shop1");
    type("subscribe", viewer, member, "/subscribe bad!name");
    type("subscriptions", viewer, member, "/subscriptions");
    type("subscriptions", topic, member, "/subscriptions");
    bot.db.write(c -> SqliteSubscriptions.deactivate(c, VIEWER_CHAT));
    type("subscriptions", viewer, member, "/subscriptions");
    type("unsubscribe", viewer, member, "/unsubscribe zzz9");
    type("unsubscribe", viewer, member, "/unsubscribe shop1");
    type("unsubscribe", viewer, member, "/unsubscribe");
    type("unsubscribe", viewer, member, "/unsubscribe");
    type("subscribe", unknown, member, "/subscribe");
  }

  private void mutesAndQuiet() {
    type("mute", viewer, member, "/mute");
    type("mute", viewer, member, "/mute shop1 2h");
    type("mute", viewer, member, "/mute bank2 until 09:00");
    type("mutes", viewer, member, "/mutes");
    type("mute", viewer, member, "/mute 0m");
    type("mute", viewer, member, "/mute shop1 999d");
    type("mute", viewer, member, "/mute shop1 until 25:99");
    type("unmute", viewer, member, "/unmute shop1");
    type("unmute", viewer, member, "/unmute");
    type("unmute", viewer, member, "/unmute");
    for (String span : List.of("1h", "1d", "forever")) {
      press("mute", viewer, member, Button.MUTE_ACTION, span + " shop1");
    }
    press("mute", viewer, member, Button.MUTE_ACTION, "1h shop1 bank2");
    type("quiet", viewer, member, "/quiet");
    type("quiet", viewer, member, "/quiet 22:00-08:00");
    type("quiet", viewer, member, "/quiet");
    type("quiet", viewer, member, "/quiet 22:00");
    type("quiet", viewer, member, "/quiet 22:00 08:00");
    type("quiet", viewer, member, "/quiet 22:00–08:00");
    type("quiet", viewer, member, "/quiet 2x:00-08:00");
    type("quiet", viewer, member, "/quiet 22:00-22:00");
    type("quiet", viewer, member, "/quiet off");
    type("summary", viewer, member, "/summary");
    type("summary", viewer, member, "/summary 09:00");
    type("summary", viewer, member, "/summary 09:00 always");
    type("summary", viewer, member, "/summary");
    type("summary", viewer, member, "/summary 09:00 sometimes");
    type("summary", viewer, member, "/summary off");
    type("mute", viewer, member, "/mute shop1 2 h");
    type("mute", viewer, member, "/mute shop1 2 months");
    type("mute", unknown, member, "/mute");
  }

  private void languageAndZone() {
    String mine = lang.tag();
    type("lang", viewer, member, "/lang");
    type("lang", viewer, member, "/lang " + mine);
    type("lang", admin, member, "/lang " + mine);
    type("lang", admin, member, "/lang");
    type("lang", admin, member, "/lang xx");
    type("lang", admin, member, "/lang auto");
    type("tz", viewer, member, "/tz");
    type("tz", viewer, member, "/tz Asia/Yekaterinburg");
    type("tz", admin, member, "/tz Asia/Yekaterinburg");
    type("tz", admin, member, "/tz");
    type("tz", admin, member, "/tz Mars/Base");
    type("tz", admin, member, "/tz Europe/Moscow extra");
    type("chats", owner, ownerUser, "/chats"); // a time in another zone? the owner's own: Moscow
    type("tz", admin, member, "/tz auto");
  }

  /** The name commands: their valid, invalid and refused forms. */
  private void senderNames() {
    type("senders", viewer, member, "/senders");
    type("senders", viewer, member, "/senders all");
    type("senders", viewer, member, "/senders sh");
    type("senders", viewer, member, "/senders a b c");
    type("senders", bound, member, "/senders");
    type("sender", viewer, member, "/sender shop1");
    type("sender", viewer, member, "/sender nosuch9");
    type("sender", viewer, member, "/sender");
    type("sender", viewer, member, "/sender shop 1");
    type("add", operator, member, "/add new4 витрина");
    type("add", operator, member, "/add shop1");
    type("add", operator, member, "/add bad!name");
    type("add", viewer, member, "/add new5");
    type("register", operator, member, "/register new4 mts beeline");
    type("register", operator, member, "/register new4");
    type("register", operator, member, "/register new4 xyz");
    type("register", operator, member, "/register new4 ua");
    type("chg", operator, member, "/chg shop1 новый");
    type("chg", operator, member, "/chg shop1");
    type("doc", operator, member, "/doc shop1");
    byte[] pdf = "%PDF-1.4 certificate".getBytes(StandardCharsets.US_ASCII);
    bot.out.files.put("f1", pdf);
    type(
        "doc",
        operator,
        member,
        "/doc shop1 свидетельство",
        new Attachment("f1", "a.pdf", "application/pdf", pdf.length));
    type("sendcode", operator, member, "/sendcode " + PHONE);
    type("sendcode", operator, member, "/sendcode " + PHONE);
    type("sendcode", operator, member, "/sendcode 12ab");
    type("sendcode", operator, member, "/sendcode " + PHONE + " " + PHONE);
    type(
        "confirm",
        operator,
        member,
        "/confirm " + bot.sandbox.lastCode(PHONE).map(c -> c.code()).orElse("123456"));
    type("confirm", operator, member, "/confirm 000000");
    type("confirm", operator, member, "/confirm");
    type("del", admin, member, "/del shop1");
    type("del", admin, member, "/del shop1 bank2");
    type("del", operator, member, "/del shop1");
    type("history", viewer, member, "/history shop1");
    type("history", viewer, member, "/history nosuch9");
    type("status", viewer, member, "/status");
    type("status", owner, ownerUser, "/status");
    data.addAll(List.of("new4", "new5", "NEW4", "nosuch9", "новый", "свидетельство", "a.pdf"));
    // The operators' codes /register takes, listed when one is wrong: typed as they are.
    data.addAll(List.of(RegisterCommand.validCodes().split("[,\\s]+")));
  }

  /** Every kind of button, pressed as its own command would have made it. */
  private void buttons() {
    press("senders", viewer, member, SendersView.PAGE, Args.join("all", "", "1"));
    press("senders", viewer, member, SendersView.REFRESH, Args.join("all", "", "0"));
    press("sender", viewer, member, SenderCommand.CARD, "shop1");
    press("register", operator, member, RegisterCommand.REGISTER, Args.join("bank2", "mts"));
    press("del", admin, member, DelCommand.CANCEL, "bank2");
    press("del", admin, member, DelCommand.DELETE, "bank2");
    press("confirm", operator, member, ConfirmCommand.PICK, PHONE);
    press("allow", admin, member, AccessDesk.IGNORE, "-630");
    press("status", owner, ownerUser, StatusCommand.RESUME, "");
  }

  /** The core's own answers: plain text, an unknown command, a denial, buttons gone wrong. */
  private void core() {
    type("core", viewer, member, "hello there");
    type("core", owner, ownerUser, "hello there");
    type("core", viewer, member, "/frobnicate");
    type("core", viewer, member, "/del shop1");
    type("core", unknown, member, "/senders");
    type("core", viewer, member, "/start@" + TestBot.BOT);
    pressToken("core", viewer, member, "no-such-token");
    String notYours =
        bot.buttons.create(
            VIEWER_CHAT, 999, SenderCommand.CARD, "shop1", bot.clock.instant().plusSeconds(300));
    pressToken("core", viewer, member, notYours);
    String needsRole =
        bot.buttons.create(
            VIEWER_CHAT, 0, DelCommand.DELETE, "shop1", bot.clock.instant().plusSeconds(300));
    pressToken("core", viewer, member, needsRole);
    String stranger =
        bot.buttons.create(
            UNKNOWN_CHAT - 50,
            0,
            SenderCommand.CARD,
            "shop1",
            bot.clock.instant().plusSeconds(300));
    pressToken(
        "core", new ChatRef(UNKNOWN_CHAT - 50, ChatRef.Type.GROUP, null, null), member, stranger);
    data.addAll(List.of("hello", "there", "frobnicate", "no-such-token"));
  }

  /** Every provider error code the bundles explain, an unknown one, and the transport's. */
  private void providerErrors() {
    int[] codes = {1, 3, 5, 7, 8, 10, 11, 77};
    for (int code : codes) {
      bot.clock.advance(Duration.ofMinutes(5));
      bot.sandbox.failNext("get", 1, code);
      type("error", viewer, member, "/senders all");
      providerSaid();
    }
    bot.clock.advance(Duration.ofMinutes(5));
    bot.sandbox.failNextHttp("get", 1, 500);
    type("error", viewer, member, "/senders all");
    // The ones that pause provider calls last: each leaves the gateway refusing for a while.
    for (int code : new int[] {9, 4, 2}) {
      bot.clock.advance(Duration.ofMinutes(5));
      bot.sandbox.failNext("get", 1, code);
      type("error", viewer, member, "/senders all");
      type("error", viewer, member, "/senders all");
    }
  }

  /** The provider's own description of its last error is its data, shown as it came. */
  private void providerSaid() {
    if (bot.provider.status().lastFailure() instanceof SmscError e && e.description() != null) {
      data.add(e.description());
    }
  }

  // ---- steps

  private void type(String area, ChatRef chat, UserRef user, String text) {
    type(area, chat, user, text, null);
  }

  private void type(String area, ChatRef chat, UserRef user, String text, Attachment file) {
    data.add(text);
    for (String w : text.split("\\s+")) {
      data.add(w);
    }
    step(area, text, () -> bot.handle(bot.message(chat, user, text, file)));
  }

  /** A button of {@code action} made for {@code chat}, pressed there by {@code user}. */
  private void press(String area, ChatRef chat, UserRef user, String action, String args) {
    String token =
        bot.buttons.create(chat.id(), 0, action, args, bot.clock.instant().plusSeconds(300));
    actionsPressed.add(action);
    for (String a : Args.split(args)) {
      data.add(a);
    }
    step(area, "[" + action + " " + args + "]", () -> bot.pressData(chat, user, token, 4242));
  }

  private void pressToken(String area, ChatRef chat, UserRef user, String token) {
    step(area, "[" + token + "]", () -> bot.pressData(chat, user, token, 4242));
  }

  /** Presses the {@code index}-th button of the owner's newest access request. */
  private void pressOwnerButton(String area, int index) {
    RecordingMessenger.Sent request =
        bot.out.to(OWNER).stream()
            .filter(s -> !s.reply().keyboard().isEmpty())
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no access request reached the owner"));
    Button b = request.reply().keyboard().get(0).get(index);
    String action = bot.buttons.find(b.data(), bot.clock.instant()).orElseThrow().action();
    actionsPressed.add(action);
    step(area, "[" + b.text() + "]", () -> bot.press(owner, ownerUser, b, request.messageId()));
  }

  private void step(String area, String what, Runnable r) {
    areas.add(area);
    int sent = bot.out.sent.size();
    int edits = bot.out.edits.size();
    int answered = bot.out.answered.size();
    int rejected = bot.out.rejected.size();
    r.run();
    for (String why : bot.out.rejected.subList(rejected, bot.out.rejected.size())) {
      said.add(new Said(area, what, "rejected by Telegram", 0, Html.escape(why)));
    }
    for (RecordingMessenger.Sent s : bot.out.sent.subList(sent, bot.out.sent.size())) {
      said.add(new Said(area, what, "message", s.chatId(), s.reply().html()));
      for (List<Button> row : s.reply().keyboard()) {
        for (Button b : row) {
          said.add(new Said(area, what, "button", s.chatId(), Html.escape(b.text())));
        }
      }
    }
    for (RecordingMessenger.Edit e : bot.out.edits.subList(edits, bot.out.edits.size())) {
      said.add(new Said(area, what, "edit", e.chatId(), e.reply().html()));
      for (List<Button> row : e.reply().keyboard()) {
        for (Button b : row) {
          said.add(new Said(area, what, "button", e.chatId(), Html.escape(b.text())));
        }
      }
    }
    for (RecordingMessenger.Answered a :
        bot.out.answered.subList(answered, bot.out.answered.size())) {
      if (a.toast() != null && !a.toast().isBlank()) {
        said.add(new Said(area, what, "toast", 0, Html.escape(a.toast())));
      }
    }
  }

  /** The zone the drive's readers are in, unless a chat chose its own. */
  static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
}
