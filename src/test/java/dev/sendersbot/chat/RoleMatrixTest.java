package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.Role;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.SqliteChatAlerts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command and every button × unknown chat, viewer, operator, admin, owner, through the real
 * stack: the chat core, the SQLite stores and audit log, the caching gateway and the HTTP client
 * talking to the SMSC sandbox on 127.0.0.1. What reached the provider is read from the sandbox's
 * own request log. Each case gets a fresh sandbox, so no case spends another's rate budget.
 */
class RoleMatrixTest {
  /** Who is typing: a chat role, or an owner in a chat nobody granted. */
  enum Who {
    UNKNOWN,
    VIEWER,
    OPERATOR,
    ADMIN,
    OWNER
  }

  static final long CHAT = -500;
  static final String PHONE = "79990001122";
  static final String CODE = "{code}";

  /**
   * The least roles of design §1, written out here so the registry is checked against the design.
   */
  static final Map<String, Role> DESIGN = new LinkedHashMap<>();

  /** An invocation of each command that would do real work when allowed. */
  static final Map<String, String> SAMPLE = new LinkedHashMap<>();

  /** The provider operation an allowed sample makes; absent: it makes no provider request. */
  static final Map<String, String> OPERATION = new LinkedHashMap<>();

  static {
    row("start", null, "/start", null);
    row("help", null, "/help", null);
    row("id", null, "/id", null);
    row("senders", Role.VIEWER, "/senders all", "get");
    row("sender", Role.VIEWER, "/sender shop", "get");
    row("add", Role.OPERATOR, "/add newname", "add");
    row("register", Role.OPERATOR, "/register shop mts", "chg");
    row("chg", Role.OPERATOR, "/chg shop hello", "chg");
    row("doc", Role.OPERATOR, "/doc shop", "chg");
    row("sendcode", Role.OPERATOR, "/sendcode 79990003344", "send_code");
    row("confirm", Role.OPERATOR, "/confirm " + CODE, "check_code");
    row("del", Role.ADMIN, "/del shop", null); // deletes only when its button is pressed
    row("subscribe", Role.VIEWER, "/subscribe shop", null);
    row("unsubscribe", Role.VIEWER, "/unsubscribe shop", null);
    row("subscriptions", Role.VIEWER, "/subscriptions", null);
    row("mute", Role.VIEWER, "/mute shop 2h", null);
    row("unmute", Role.VIEWER, "/unmute shop", null);
    row("mutes", Role.VIEWER, "/mutes", null);
    row("quiet", Role.VIEWER, "/quiet 22:00-08:00", null);
    row("summary", Role.VIEWER, "/summary 09:00", null);
    row("allow", Role.ADMIN, "/allow -777 viewer", null);
    row("revoke", Role.ADMIN, "/revoke -777", null);
    row("chats", Role.ADMIN, "/chats", null);
    row("history", Role.VIEWER, "/history shop", null);
    row("audit", Role.ADMIN, "/audit 5", null);
    row("status", Role.VIEWER, "/status", null);
    // Any member reads the setting; in a group only an admin changes it (the command checks).
    row("lang", Role.VIEWER, "/lang en", null);
    row("tz", Role.VIEWER, "/tz Europe/Berlin", null);
  }

  private static void row(String name, Role least, String sample, String operation) {
    DESIGN.put(name, least);
    SAMPLE.put(name, sample);
    if (operation != null) {
      OPERATION.put(name, operation);
    }
  }

  static Stream<Arguments> commandsByWho() {
    List<Arguments> out = new ArrayList<>();
    for (String c : DESIGN.keySet()) {
      for (Who w : Who.values()) {
        out.add(Arguments.of(c, w));
      }
    }
    return out.stream();
  }

  static boolean allowed(Role least, Who who) {
    return switch (who) {
      case OWNER -> true;
      case UNKNOWN -> least == null;
      default -> least == null || Role.valueOf(who.name()).atLeast(least);
    };
  }

  private static ChatRef chatFor(TestBot bot, Who who) {
    return bot.groupWith(
        CHAT, who == Who.UNKNOWN || who == Who.OWNER ? null : Role.valueOf(who.name()), null);
  }

  private static UserRef userFor(Who who) {
    return TestBot.user(who == Who.OWNER ? OWNER : 7);
  }

  private static List<String> operations(TestBot bot) {
    return bot.sandbox.requests().stream().map(RecordedRequest::operation).toList();
  }

  @Test
  void theRegistryHoldsExactlyTheDesignsCommandsWithTheirRoles() {
    try (TestBot bot = new TestBot()) {
      Map<String, Role> registered = new LinkedHashMap<>();
      bot.core.commands().forEach(c -> registered.put(c.name(), c.leastRole()));
      assertEquals(DESIGN, registered);
    }
  }

  @ParameterizedTest(name = "/{0} by {1}")
  @MethodSource("commandsByWho")
  void commandIsAllowedExactlyForItsRolesAuditedAndDeniedWithoutAProviderRequest(
      String command, Who who) {
    try (TestBot bot = TestBot.overSandbox()) {
      bot.sandbox.seed("shop", null, "the shop", 1, Map.of("mts_step", 2));
      ChatRef chat = chatFor(bot, who);
      UserRef user = userFor(who);
      String sample = SAMPLE.get(command);
      if (command.equals("confirm")) {
        // A code really sent to a number pending in this chat, so an allowed /confirm checks it.
        bot.provider.sendCode(SendCodeRequest.of(PHONE, null));
        bot.pending.put(
            new PendingCode(
                CHAT,
                user.id(),
                PHONE,
                null,
                bot.clock.instant(),
                5,
                bot.clock.instant().plus(Duration.ofHours(8)),
                0));
        sample = sample.replace(CODE, bot.sandbox.lastCode(PHONE).orElseThrow().code());
      }
      byte[] pdf = "%PDF-1.4 certificate".getBytes(StandardCharsets.US_ASCII);
      bot.out.files.put("f", pdf);
      Attachment file =
          command.equals("doc")
              ? new Attachment("f", "a.pdf", "application/pdf", pdf.length)
              : null;
      bot.sandbox.clearRequests();

      bot.handle(new Incoming.Message(1, chat, user, 1, sample, file, null, false));

      boolean expected = allowed(DESIGN.get(command), who);
      List<AuditEntry> audited =
          bot.auditEntries().stream().filter(e -> e.command().equals(command)).toList();
      AuditEntry e = null;
      if (who == Who.UNKNOWN) {
        assertEquals(List.of(), audited, "an unknown chat is not audited");
        assertEquals(1, bot.audit.unknownChats(TestBot.START).answered(), "it is counted once");
      } else {
        assertEquals(1, audited.size(), "audited once in SQLite");
        e = audited.get(0);
        assertEquals(expected, e.decision().startsWith("allowed"), e.decision());
        assertEquals(CHAT, e.chatId());
        assertEquals(user.id(), e.userId());
        assertTrue(e.outcome() != null, "outcome recorded");
      }
      assertFalse(bot.out.sent.isEmpty(), "the user got an answer");
      assertEquals(List.of(), bot.out.rejected);
      if (!expected) {
        assertEquals(List.of(), operations(bot), "a denied command makes no provider request");
        assertTrue(
            e == null || e.outcome().equals("refused: access denied"),
            e == null ? "" : e.outcome());
        assertFalse(bot.out.allText().contains("shop"), "a denied chat sees no sender name");
        if (who == Who.UNKNOWN) {
          assertTrue(bot.out.to(CHAT).get(0).text().contains("Chat id: " + CHAT));
        }
      } else if (OPERATION.containsKey(command)) {
        List<RecordedRequest> log = bot.sandbox.requests();
        assertEquals(
            List.of(OPERATION.get(command)), operations(bot), "an allowed command does its work");
        assertTrue(log.get(0).ok(), "the provider accepted it: " + log.get(0).detail());
        assertEquals("ok", e.outcome());
        if (command.equals("doc")) {
          assertEquals(1, log.get(0).documents().size(), "the file went with it");
        }
      } else {
        assertEquals(List.of(), operations(bot), "this command has no provider work");
      }
    }
  }

  static Stream<Arguments> buttonsByWho() {
    List<Arguments> out = new ArrayList<>();
    for (String a :
        List.of(
            "page", "refresh", "card", "reg", "del", "pick", "grant", "ignore", "resume", "mute")) {
      for (Who w : Who.values()) {
        out.add(Arguments.of(a, w));
      }
    }
    return out.stream();
  }

  static final Map<String, Role> BUTTON_ROLES =
      Map.of(
          "page",
          Role.VIEWER,
          "refresh",
          Role.VIEWER,
          "card",
          Role.VIEWER,
          "reg",
          Role.OPERATOR,
          "del",
          Role.ADMIN,
          "pick",
          Role.OPERATOR,
          "grant",
          Role.ADMIN,
          "ignore",
          Role.ADMIN,
          "mute",
          Role.VIEWER);

  /** The provider operation an allowed press makes; absent: none. */
  static final Map<String, String> BUTTON_OPERATION =
      Map.of("page", "get", "refresh", "get", "card", "get", "reg", "chg", "del", "del");

  @ParameterizedTest(name = "button {0} by {1}")
  @MethodSource("buttonsByWho")
  void buttonPressGoesThroughTheSamePolicy(String action, Who who) {
    try (TestBot bot = TestBot.overSandbox()) {
      bot.sandbox.seed("shop", null, null, 1, Map.of());
      ChatRef chat = chatFor(bot, who);
      UserRef user = userFor(who);
      String args =
          switch (action) {
            case "page", "refresh" -> Args.join("all", "", "0");
            case "card", "del" -> "shop";
            case "reg" -> Args.join("shop", "mts");
            case "pick" -> PHONE;
            case "grant" -> Args.join("-901", "viewer", "x");
            case "ignore" -> "-901";
            case "mute" -> "1h shop"; // as the watcher writes it under an alert
            default -> "";
          };
      String token =
          bot.buttons.create(CHAT, 0, action, args, TestBot.START.plus(Duration.ofMinutes(5)));
      bot.pressData(chat, user, token, 77);

      boolean expected =
          action.equals("resume") ? who == Who.OWNER : allowed(BUTTON_ROLES.get(action), who);
      AuditEntry e = null;
      if (who == Who.UNKNOWN) {
        assertEquals(List.of(), bot.auditEntries(), "an unknown chat's press is not audited");
        assertEquals(1, bot.audit.unknownChats(TestBot.START).answered(), "it is counted once");
        assertEquals("This chat has no access to the bot.", bot.out.lastAnswer().toast());
      } else {
        e = bot.lastAudit();
        assertEquals(expected, e.decision().startsWith("allowed"), e.decision());
      }
      assertEquals(1, bot.out.answered.size(), "the press is answered exactly once");
      if (!expected) {
        assertEquals(List.of(), operations(bot), "a denied press makes no provider request");
        assertTrue(
            e == null || e.outcome().equals("refused: access denied"),
            e == null ? "" : e.outcome());
        assertTrue(bot.out.edits.isEmpty() && bot.out.sent.isEmpty(), "and changes nothing");
        assertTrue(bot.chats.find(-901).isEmpty());
        assertTrue(bot.sandbox.name("shop", null).isPresent());
        assertTrue(new SqliteChatAlerts(bot.db, bot.clock).mutes(CHAT).isEmpty());
      } else if (action.equals("mute")) {
        assertEquals(
            List.of("SHOP"),
            new SqliteChatAlerts(bot.db, bot.clock)
                .mutes(CHAT).stream().map(m -> m.name()).toList(),
            "an allowed press mutes the name in the chat");
        assertEquals(List.of(), operations(bot));
      } else if (BUTTON_OPERATION.containsKey(action)) {
        assertEquals(
            List.of(BUTTON_OPERATION.get(action)),
            operations(bot),
            "an allowed press does its work");
        assertTrue(bot.sandbox.requests().get(0).ok(), bot.sandbox.requests().get(0).detail());
      } else {
        assertEquals(List.of(), operations(bot));
      }
    }
  }
}
