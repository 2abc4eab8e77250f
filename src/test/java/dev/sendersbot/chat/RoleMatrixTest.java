package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command and every button × unknown chat, viewer, operator, admin, owner. */
class RoleMatrixTest {
  /** Who is typing: a chat role, or an owner in a chat nobody granted. */
  enum Who { UNKNOWN, VIEWER, OPERATOR, ADMIN, OWNER }

  static final long CHAT = -500;

  /** The least roles of design §1, written out here so the registry is checked against the design. */
  static final Map<String, Role> DESIGN = new LinkedHashMap<>();
  /** An invocation of each command that would do real work when allowed. */
  static final Map<String, String> SAMPLE = new LinkedHashMap<>();
  /** Commands whose sample reaches the gateway when allowed. */
  static final Set<String> CALLS_PROVIDER = Set.of("senders", "sender", "add", "register", "chg", "doc", "sendcode");

  static {
    row("start", null, "/start");
    row("help", null, "/help");
    row("id", null, "/id");
    row("senders", Role.VIEWER, "/senders all");
    row("sender", Role.VIEWER, "/sender shop");
    row("add", Role.OPERATOR, "/add newname");
    row("register", Role.OPERATOR, "/register shop mts");
    row("chg", Role.OPERATOR, "/chg shop hello");
    row("doc", Role.OPERATOR, "/doc shop");
    row("sendcode", Role.OPERATOR, "/sendcode 79990001122");
    row("confirm", Role.OPERATOR, "/confirm 123456");
    row("del", Role.ADMIN, "/del shop");
    row("subscribe", Role.VIEWER, "/subscribe shop");
    row("unsubscribe", Role.VIEWER, "/unsubscribe shop");
    row("subscriptions", Role.VIEWER, "/subscriptions");
    row("allow", Role.ADMIN, "/allow -777 viewer");
    row("revoke", Role.ADMIN, "/revoke -777");
    row("chats", Role.ADMIN, "/chats");
    row("history", Role.VIEWER, "/history shop");
    row("audit", Role.ADMIN, "/audit 5");
    row("status", Role.VIEWER, "/status");
  }

  private static void row(String name, Role least, String sample) {
    DESIGN.put(name, least);
    SAMPLE.put(name, sample);
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

  @Test
  void theRegistryHoldsExactlyTheDesignsCommandsWithTheirRoles() {
    TestBot bot = new TestBot();
    Map<String, Role> registered = new LinkedHashMap<>();
    bot.core.commands().forEach(c -> registered.put(c.name(), c.leastRole()));
    assertEquals(DESIGN, registered);
  }

  @ParameterizedTest(name = "/{0} by {1}")
  @MethodSource("commandsByWho")
  void commandIsAllowedExactlyForItsRolesAndAlwaysAudited(String command, Who who) {
    TestBot bot = new TestBot();
    bot.gateway.seed(null, "shop", 1);
    int before = bot.gateway.calls;
    ChatRef chat = bot.groupWith(CHAT, who == Who.UNKNOWN || who == Who.OWNER ? null : Role.valueOf(who.name()), null);
    UserRef user = TestBot.user(who == Who.OWNER ? OWNER : 7);
    byte[] pdf = "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
    bot.out.files.put("f", pdf);
    Attachment file = command.equals("doc") ? new Attachment("f", "a.pdf", "application/pdf", pdf.length) : null;
    bot.handle(new Incoming.Message(1, chat, user, 1, SAMPLE.get(command), file, null, false));

    boolean expected = allowed(DESIGN.get(command), who);
    List<AuditEntry> audited = bot.auditEntries().stream().filter(e -> e.command().equals(command)).toList();
    assertEquals(1, audited.size(), "audited once");
    AuditEntry e = audited.get(0);
    assertEquals(expected, e.decision().startsWith("allowed"), e.decision());
    assertEquals(CHAT, e.chatId());
    assertTrue(e.outcome() != null, "outcome recorded");
    assertFalse(bot.out.sent.isEmpty(), "the user got an answer");
    assertEquals(List.of(), bot.out.rejected);
    if (!expected) {
      assertEquals(before, bot.gateway.calls, "a denied command makes no gateway call");
      assertEquals("refused: access denied", e.outcome());
      assertFalse(bot.out.allText().contains("shop"), "a denied chat sees no sender name");
      if (who == Who.UNKNOWN) {
        assertTrue(bot.out.to(CHAT).get(0).text().contains("Chat id: " + CHAT));
      }
    } else if (CALLS_PROVIDER.contains(command)) {
      assertTrue(bot.gateway.calls > before, "an allowed command does its work");
    }
  }

  static Stream<Arguments> buttonsByWho() {
    List<Arguments> out = new ArrayList<>();
    for (String a : List.of("page", "refresh", "card", "reg", "del", "pick", "grant", "ignore", "resume")) {
      for (Who w : Who.values()) {
        out.add(Arguments.of(a, w));
      }
    }
    return out.stream();
  }

  static final Map<String, Role> BUTTON_ROLES = Map.of("page", Role.VIEWER, "refresh", Role.VIEWER,
      "card", Role.VIEWER, "reg", Role.OPERATOR, "del", Role.ADMIN, "pick", Role.OPERATOR,
      "grant", Role.ADMIN, "ignore", Role.ADMIN);

  @ParameterizedTest(name = "button {0} by {1}")
  @MethodSource("buttonsByWho")
  void buttonPressGoesThroughTheSamePolicy(String action, Who who) {
    TestBot bot = new TestBot();
    bot.gateway.seed(null, "shop", 1);
    ChatRef chat = bot.groupWith(CHAT, who == Who.UNKNOWN || who == Who.OWNER ? null : Role.valueOf(who.name()), null);
    UserRef user = TestBot.user(who == Who.OWNER ? OWNER : 7);
    String args = switch (action) {
      case "page", "refresh" -> Args.join("all", "", "0");
      case "card", "del" -> "shop";
      case "reg" -> Args.join("shop", "mts");
      case "pick" -> "79990001122";
      case "grant" -> Args.join("-901", "viewer", "x");
      case "ignore" -> "-901";
      default -> "";
    };
    String token = bot.buttons.create(CHAT, 0, action, args, TestBot.START.plus(Duration.ofMinutes(5)));
    bot.pressData(chat, user, token, 77);

    boolean expected = action.equals("resume") ? who == Who.OWNER : allowed(BUTTON_ROLES.get(action), who);
    AuditEntry e = bot.lastAudit();
    assertEquals(expected, e.decision().startsWith("allowed"), e.decision());
    assertEquals(1, bot.out.answered.size(), "the press is answered exactly once");
    if (!expected) {
      assertEquals(0, bot.gateway.calls, "a denied press makes no gateway call");
      assertTrue(bot.out.edits.isEmpty() && bot.out.sent.isEmpty(), "and changes nothing");
      assertTrue(bot.chats.find(-901).isEmpty());
    }
  }
}
